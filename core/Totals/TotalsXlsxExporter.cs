using ClosedXML.Excel;
using PoIntake.Core.Template;

namespace PoIntake.Core.Totals;

/// <summary>
/// The totals as a Swedish workbook: the tables of the lägesrapport (<see cref="LagesrapportBuilder"/>), one sheet each
/// (a table that names the sheet of the one before joins it). Person counts are shown as <see cref="Suppression"/> says
/// ("&lt;4", "Ca N"; only here and in the docx draft: the JSON and csv are exact); counts of kommuner, verksamheter and
/// deficiencies and money are shown exactly, as in the published report.
/// </summary>
public sealed class TotalsXlsxExporter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The first row of a sheet's first table; rows above it (title, suppression note) repeat on every printed page.</summary>
    private const int FirstTableRow = 4;

    public byte[] Export(TotalsResult result) => Export(new LagesrapportInputs(result));

    /// <summary>The tables of the draft built from <paramref name="inputs"/> (with owed against received when they carry it).</summary>
    public byte[] Export(LagesrapportInputs inputs)
    {
        var report = LagesrapportBuilder.Build(inputs);
        using var workbook = new XLWorkbook();
        foreach (var sheet in report.Chapters.SelectMany(c => c.Tables).GroupBy(t => t.Sheet))
        {
            Sheet(workbook.Worksheets.Add(sheet.Key), [.. sheet]);
        }

        WorkbookPrintSetup.Apply(workbook, _ => FirstTableRow); // the title, the suppression note and the first table's header (Title)

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Every table of person counts the workbook shows, as <see cref="Suppression"/> sees it.</summary>
    internal static IReadOnlyList<FigureTable> PersonTables(NationalTotals totals) => LagesrapportBuilder.PersonTables(totals);

    private static void Sheet(IXLWorksheet sheet, IReadOnlyList<ReportTable> tables)
    {
        sheet.Cell(1, 1).SetValue(tables[0].Caption).Style.Font.SetBold().Font.SetFontSize(12);
        if (tables.Any(t => t.HasPersonCounts))
        {
            sheet.Cell(2, 1).SetValue(Suppression.Note).Style.Font.SetItalic();
        }

        var row = FirstTableRow;
        for (var t = 0; t < tables.Count; t++)
        {
            if (t > 0)
            {
                sheet.Cell(row++, 1).SetValue(tables[t].Caption).Style.Font.SetBold();
            }

            row = Table(sheet, row, tables[t]);
        }

        foreach (var source in tables.Select(t => t.Source).Distinct(StringComparer.Ordinal))
        {
            sheet.Cell(row++, 1).SetValue(source).Style.Font.SetItalic();
        }

        // AdjustToContents throws on Linux (no GDI fonts), so widths are set by hand.
        var widths = tables.SelectMany(t => t.Widths.Select((w, i) => (Column: i + 1, Width: w)));
        foreach (var column in widths.GroupBy(w => w.Column, w => w.Width))
        {
            sheet.Column(column.Key).Width = column.Max();
        }
    }

    /// <summary>Writes a table's blocks with a blank row after each and its notes; returns the row after them.</summary>
    private static int Table(IXLWorksheet sheet, int row, ReportTable table)
    {
        foreach (var block in table.Blocks)
        {
            if (block.Caption is { } caption)
            {
                sheet.Cell(row++, 1).SetValue(caption);
            }

            if (block.Header.Count > 0)
            {
                for (var i = 0; i < block.Header.Count; i++)
                {
                    sheet.Cell(row, i + 1).SetValue(block.Header[i]);
                }

                sheet.Range(row, 1, row, block.Header.Count).Style.Font.SetBold().Border.SetBottomBorder(XLBorderStyleValues.Thin);
                row++;
            }

            foreach (var line in block.Rows)
            {
                for (var c = 0; c < line.Cells.Count; c++)
                {
                    Cell(sheet.Cell(row, c + 1), line.Cells[c]);
                }

                if (line.Bold)
                {
                    sheet.Row(row).Style.Font.SetBold();
                }

                row++;
            }

            row++;
        }

        foreach (var note in table.FootNotes)
        {
            sheet.Cell(row++, 1).SetValue(note);
        }

        return row;
    }

    private static void Cell(IXLCell cell, ReportCell value)
    {
        if (value.Number is { } number)
        {
            cell.SetValue(number);
            if (NumberFormat(value.Format) is { } format)
            {
                cell.Style.NumberFormat.Format = format;
            }
        }
        else
        {
            cell.SetValue(value.Text ?? string.Empty);
            if (value.IsFigure)
            {
                cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
            }
        }

        if (value.Wrap)
        {
            cell.Style.Alignment.SetWrapText();
        }
    }

    private static string? NumberFormat(CellFormat format) => format switch
    {
        CellFormat.Change => "+0;-0;0",
        CellFormat.Money => "#,##0",
        CellFormat.OneDecimal => "0.0",
        _ => null,
    };
}
