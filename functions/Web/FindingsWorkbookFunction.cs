using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Template;
using PoIntake.Core.Totals;
using PoIntake.Functions.Http;

namespace PoIntake.Functions.Web;

/// <summary>
/// <c>POST /api/web/findings</c> (body: the upload answer's JSON, or just its findings array): the findings as an .xlsx
/// for the county board to pass on to the municipality. Stateless: it only lays out what it is sent. The body limit
/// (<see cref="MaxBodyBytes"/>) is enforced on the stream, also for chunked bodies (413); a text longer than a cell can
/// hold (<see cref="MaxCellChars"/>) is cut with an ellipsis instead of failing the download.
/// </summary>
public sealed class FindingsWorkbookFunction
{
    internal const int MaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>Excel's limit on the characters in one cell.</summary>
    internal const int MaxCellChars = 32_767;

    private const int MaxFindings = 5000;

    [Function("FindingsWorkbook")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "web/findings")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await HttpResults.ReadBodyAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return HttpResults.Problem(
                StatusCodes.Status413PayloadTooLarge,
                "För många synpunkter",
                $"Synpunkterna får vara högst {MaxBodyBytes / (1024 * 1024)} MB som JSON.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return BadBody();
        }

        var findings = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("findings", out var inner) && inner.ValueKind == JsonValueKind.Array ? inner
            : default;
        if (findings.ValueKind != JsonValueKind.Array || findings.GetArrayLength() > MaxFindings)
        {
            return BadBody();
        }

        var fileName = root.ValueKind == JsonValueKind.Object && Text(root, "blobName") is { } blob
            ? Path.GetFileNameWithoutExtension(blob)
            : "redovisning";
        return new FileContentResult(Write(findings), TotalsXlsxExporter.ContentType)
        {
            FileDownloadName = $"synpunkter-{fileName}.xlsx",
        };
    }

    internal static byte[] Write(JsonElement findings)
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
        foreach (var finding in findings.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object))
        {
            string?[] values =
            [
                Text(finding, "severity") == "Error" ? "Fel" : "Varning",
                Text(finding, "sheet") ?? "Hela filen",
                Text(finding, "cell"),
                Text(finding, "field"),
                Text(finding, "code"),
                Text(finding, "message"),
                Text(finding, "fix"),
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
    internal static string FitCell(string? text)
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

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ContentResult BadBody() => HttpResults.Problem(
        StatusCodes.Status400BadRequest,
        "Ogiltiga synpunkter",
        $"Skicka uppladdningens svar (JSON med findings) eller en lista med högst {MaxFindings} synpunkter.");
}
