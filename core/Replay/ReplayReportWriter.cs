using System.Text.Json;
using ClosedXML.Excel;
using PoIntake.Core.Reference;
using PoIntake.Core.Template;
using PoIntake.Core.Upload;

namespace PoIntake.Core.Replay;

/// <summary>Renders one <see cref="ReplayReport"/> as JSON (English field names) and as xlsx (Swedish labels, every value a text cell).</summary>
public static class ReplayReportWriter
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public const string XlsxContentType = Totals.TotalsXlsxExporter.ContentType;

    public static byte[] Json(ReplayReport report) => JsonSerializer.SerializeToUtf8Bytes(report, ReplayReport.JsonOptions);

    public static byte[] Xlsx(ReplayReport report, MunicipalityRegistry registry)
    {
        using var workbook = new XLWorkbook();
        var summary = workbook.AddWorksheet(ReplayTexts.SummarySheet);
        var row = 1;
        foreach (var (label, value) in ReplayTexts.Summary(report))
        {
            Text(summary.Cell(row, 1), label).Style.Font.Bold = true;
            Text(summary.Cell(row, 2), value);
            row++;
        }

        if (report.DifferenceCount == 0)
        {
            Text(summary.Cell(row + 1, 1), ReplayTexts.NoDifferences);
        }

        summary.Column(1).Width = 28;
        summary.Column(2).Width = 40;

        var sheet = workbook.AddWorksheet(ReplayTexts.DifferencesSheet);
        Headers(sheet, ReplayTexts.DifferenceHeaders, [26, 30, 40, 18, 40, 40, 80]);
        row = 2;
        foreach (var difference in report.Differences)
        {
            string[] values =
            [
                ReplayTexts.Area(difference.Area),
                ReplayTexts.Change(difference.Change),
                difference.Subject,
                ReplayTexts.County(registry, difference.CountyCode),
                difference.BeforeText,
                difference.AfterText,
                difference.Description,
            ];
            for (var c = 0; c < values.Length; c++)
            {
                Text(sheet.Cell(row, c + 1), values[c]);
            }

            row++;
        }

        sheet.Columns(3, 7).Style.Alignment.WrapText = true;

        if (report.Failures.Count > 0)
        {
            var failures = workbook.AddWorksheet(ReplayTexts.FailuresSheet);
            Headers(failures, ReplayTexts.FailureHeaders, [60, 50]);
            row = 2;
            foreach (var failure in report.Failures)
            {
                Text(failures.Cell(row, 1), failure.Original);
                Text(failures.Cell(row, 2), failure.Reason);
                row++;
            }
        }

        WorkbookPrintSetup.Apply(workbook, s => s.Name == ReplayTexts.SummarySheet ? 0 : 1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Headers(IXLWorksheet sheet, IReadOnlyList<string> headers, double[] widths)
    {
        for (var c = 0; c < headers.Count; c++)
        {
            Text(sheet.Cell(1, c + 1), headers[c]);
            sheet.Column(c + 1).Width = widths[c];
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
    }

    // Text cells always: a blob name or a value starting with "=" must never become a formula.
    private static IXLCell Text(IXLCell cell, string value)
    {
        cell.SetValue(FindingsWorkbook.FitCell(value));
        cell.DataType = XLDataType.Text;
        return cell;
    }
}
