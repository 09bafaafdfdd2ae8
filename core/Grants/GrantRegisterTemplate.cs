using System.Globalization;
using ClosedXML.Excel;
using PoIntake.Core.Reference;
using PoIntake.Core.Template;
using G = PoIntake.Core.Grants.GrantRegisterLayout;

namespace PoIntake.Core.Grants;

/// <summary>
/// The county boards' grant register workbook (<c>GET /api/template/{year}/grants</c>, docs/grants.md): sheet
/// Ansökningar with one row per application. <see cref="Write(int, IReadOnlyList{GrantApplication}?)"/> with applications
/// fills it in (devhost's samples, the tests), exactly as a county board would.
/// </summary>
public static class GrantRegisterTemplate
{
    private const string ListsSheet = "Listor";
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#D9E1F2");

    public static byte[] Write(int year, IReadOnlyList<GrantApplication>? applications = null)
    {
        using var workbook = Create(year, applications ?? []);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    public static XLWorkbook Create(int year, IReadOnlyList<GrantApplication> applications)
    {
        var workbook = new XLWorkbook();
        workbook.Properties.Author = "PoIntake";
        workbook.Properties.Title = $"Statsbidrag till personligt ombud {year}: ansökningar och beslut";
        var sheet = workbook.AddWorksheet(G.SheetName);
        var lists = workbook.AddWorksheet(ListsSheet);

        sheet.Cell(G.TitleRow, 1).SetValue($"Statsbidrag till personligt ombud {year}: ansökningar och beslut");
        sheet.Cell(G.TitleRow, 1).Style.Font.Bold = true;
        sheet.Cell(G.TitleRow, 1).Style.Font.FontSize = 14;
        sheet.Cell(G.HintRow, 1).SetValue(
            "En rad per ansökan. Kommuner: namn eller kommunkoder åtskilda med kommatecken. Sökta ombudstjänster i årsarbetare (t.ex. 2,5). " +
            "Beslut: Beviljat, Avslag eller Ej beslutad; vid Beviljat de årsarbetare beslutet gäller och beloppet. Belopp i kronor. Datum som ÅÅÅÅ-MM-DD. Spara som .xlsx och lämna in som grants/år/länskod.xlsx.");
        sheet.Range(G.HintRow, 1, G.HintRow, G.Header.Count).Merge().Style.Alignment.WrapText = true;
        sheet.Row(G.HintRow).Height = 32;
        sheet.Cell(G.YearRow, 1).SetValue(G.YearLabel).Style.Font.Bold = true;
        var yearCell = sheet.Cell(G.YearRow, 2);
        yearCell.SetValue(year);
        MarkInput(yearCell.AsRange());

        for (var column = 1; column <= G.Header.Count; column++)
        {
            var cell = sheet.Cell(G.HeaderRow, column);
            cell.SetValue(G.Header[column - 1]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = HeaderFill;
            cell.Style.Alignment.WrapText = true;
            cell.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        }

        var lastRow = G.FirstDataRow + Math.Max(G.TemplateRows, applications.Count) - 1;
        MarkInput(sheet.Range(G.FirstDataRow, 1, lastRow, G.Header.Count));
        Format(sheet, G.ReceivedOn, lastRow, "yyyy-mm-dd");
        Format(sheet, G.DecidedOn, lastRow, "yyyy-mm-dd");
        Format(sheet, G.Applied, lastRow, "0.00");
        Format(sheet, G.GrantedFullTimeEquivalents, lastRow, "0.00");
        Format(sheet, G.Granted, lastRow, "#,##0");
        Format(sheet, G.Paid, lastRow, "#,##0");
        sheet.Range(G.FirstDataRow, G.Column(G.Municipalities), lastRow, G.Column(G.Municipalities)).Style.Alignment.WrapText = true;

        for (var i = 0; i < G.Decisions.Count; i++)
        {
            lists.Cell(i + 1, 1).SetValue(G.Decisions[i].Label);
        }

        var decisions = sheet.Range(G.FirstDataRow, G.Column(G.Decision), lastRow, G.Column(G.Decision)).SetDataValidation();
        decisions.List(lists.Range(1, 1, G.Decisions.Count, 1), true);
        decisions.IgnoreBlanks = true;
        decisions.InputTitle = G.Decision;
        decisions.InputMessage = "Beviljat, Avslag eller Ej beslutad.";
        decisions.ShowInputMessage = true;
        lists.Visibility = XLWorksheetVisibility.Hidden;

        var row = G.FirstDataRow;
        foreach (var application in applications)
        {
            Fill(sheet, row++, application);
        }

        double[] widths = [34, 36, 14, 16, 14, 14, 16, 14, 16, 22, 30];
        for (var column = 1; column <= widths.Length; column++)
        {
            sheet.Column(column).Width = widths[column - 1];
        }

        sheet.SheetView.FreezeRows(G.HeaderRow);
        WorkbookPrintSetup.Apply(workbook, s => s == sheet ? G.HeaderRow : 0);
        return workbook;
    }

    private static void Fill(IXLWorksheet sheet, int row, GrantApplication application)
    {
        var registry = MunicipalityRegistry.Default;
        IXLCell Cell(string label) => sheet.Cell(row, G.Column(label));
        Cell(G.Operation).SetValue(application.OperationName);
        Cell(G.Municipalities).SetValue(string.Join(", ", application.MunicipalityCodes.Select(code => registry.FindMunicipality(code)?.Name ?? code)));
        if (application.ReceivedOn is { } received)
        {
            Cell(G.ReceivedOn).SetValue(received.ToDateTime(TimeOnly.MinValue));
        }

        Cell(G.Applied).SetValue(application.AppliedFullTimeEquivalents);
        Cell(G.Decision).SetValue(G.Label(application.Decision));
        if (application.GrantedFullTimeEquivalents is { } grantedFte)
        {
            Cell(G.GrantedFullTimeEquivalents).SetValue(grantedFte);
        }

        if (application.GrantedSek is { } granted)
        {
            Cell(G.Granted).SetValue(granted);
        }

        if (application.DecidedOn is { } decided)
        {
            Cell(G.DecidedOn).SetValue(decided.ToDateTime(TimeOnly.MinValue));
        }

        if (application.PaidSek is { } paid)
        {
            Cell(G.Paid).SetValue(paid);
        }

        Cell(G.ContactName).SetValue(application.ContactName ?? string.Empty);
        Cell(G.ContactEmail).SetValue(application.ContactEmail ?? string.Empty);
    }

    private static void Format(IXLWorksheet sheet, string label, int lastRow, string format) =>
        sheet.Range(G.FirstDataRow, G.Column(label), lastRow, G.Column(label)).Style.NumberFormat.Format = format;

    private static void MarkInput(IXLRange range)
    {
        range.Style.Fill.BackgroundColor = ReportTemplate.InputFill;
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        range.Style.Protection.Locked = false;
    }

    /// <summary>The download name of the blank register, e.g. statsbidrag-personligt-ombud-2021.xlsx.</summary>
    public static string FileName(int year) => string.Create(CultureInfo.InvariantCulture, $"statsbidrag-personligt-ombud-{year}.xlsx");
}
