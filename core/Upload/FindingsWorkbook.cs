using ClosedXML.Excel;
using PoIntake.Core.Template;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Upload;

/// <summary>One finding as the upload answer carries it (all text, any of it may be missing).</summary>
public sealed record FindingsWorkbookRow(string? Severity, string? Sheet, string? Cell, string? Field, string? Code, string? Message, string? Fix);

/// <summary>
/// The findings of an upload answer as an .xlsx for the county board to pass on to the municipality (sheet
/// <c>Synpunkter</c>): every value a text cell, so a message starting with "=" never becomes a formula; a text longer
/// than a cell can hold (<see cref="MaxCellChars"/>) is cut with an ellipsis instead of failing the download.
/// </summary>
public static class FindingsWorkbook
{
    /// <summary>Excel's limit on the characters in one cell.</summary>
    public const int MaxCellChars = 32_767;

    public const string ContentType = TotalsXlsxExporter.ContentType;

    /// <summary>The refusal of a findings body longer than <see cref="UploadOptions.MaxFindingsBodyBytes"/>.</summary>
    public static UploadRefusal TooLarge(long maxBytes) =>
        new("För många synpunkter", $"Synpunkterna får vara högst {maxBytes / (1024 * 1024)} MB som JSON.");

    /// <summary>The refusal of a findings body that is not an upload answer or a list of at most <paramref name="maxFindings"/> findings.</summary>
    public static UploadRefusal BadBody(int maxFindings) =>
        new("Ogiltiga synpunkter", $"Skicka uppladdningens svar (JSON med findings) eller en lista med högst {maxFindings} synpunkter.");

    /// <summary>The download name for the findings of the stored blob <paramref name="blobName"/>, or of an unnamed report.</summary>
    public static string FileName(string? blobName) =>
        $"synpunkter-{(blobName is null ? "redovisning" : Path.GetFileNameWithoutExtension(blobName))}.xlsx";

    public static byte[] Write(IEnumerable<FindingsWorkbookRow> findings)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Synpunkter");
        string[] headers = ["Allvarlighet", "Flik", "Cell", "Fält", "Kod", "Meddelande", "Så rättar du"];
        double[] widths = [14, 22, 8, 28, 28, 70, 70];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = headers[c];
            sheet.Column(c + 1).Width = widths[c];
        }

        sheet.Row(1).Style.Font.Bold = true;
        var row = 2;
        foreach (var finding in findings)
        {
            string?[] values =
            [
                finding.Severity == "Error" ? "Fel" : "Varning",
                finding.Sheet ?? "Hela filen",
                finding.Cell,
                finding.Field,
                finding.Code,
                finding.Message,
                finding.Fix,
            ];
            for (var c = 0; c < values.Length; c++)
            {
                // Text cells always: a message starting with "=" must never become a formula.
                sheet.Cell(row, c + 1).SetValue(FitCell(values[c]));
                sheet.Cell(row, c + 1).DataType = XLDataType.Text;
            }

            row++;
        }

        sheet.Columns(6, 7).Style.Alignment.WrapText = true;
        sheet.SheetView.FreezeRows(1);
        WorkbookPrintSetup.Apply(sheet, headerRows: 1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The text as it fits a cell: cut to <see cref="MaxCellChars"/> with "…" at the end, never mid surrogate pair.</summary>
    public static string FitCell(string? text)
    {
        if (text is null || text.Length <= MaxCellChars)
        {
            return text ?? string.Empty;
        }

        var keep = MaxCellChars - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
