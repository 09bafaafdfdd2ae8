using System.Globalization;
using ClosedXML.Excel;
using PoIntake.Core.Reference;
using PoIntake.Core.Template;
using L = PoIntake.Core.CountyBoards.CountyBoardReportLayout;

namespace PoIntake.Core.CountyBoards;

/// <summary>
/// The county board's report workbook (<c>GET /api/template/{year}/countyboard</c>): sheet "Länsstyrelsens arbete" with
/// every field of <see cref="CountyBoardReportLayout"/>. <see cref="Write(int, string?, CountyBoardReport?)"/> with a
/// report fills it in (devhost's samples, the tests), exactly as a county board would.
/// </summary>
public static class CountyBoardReportTemplate
{
    private const string ListsSheet = "Listor";
    private static readonly XLColor SectionFill = XLColor.FromHtml("#D9E1F2");

    /// <summary>Hints shown when a value cell is selected (its input message).</summary>
    private static readonly string LongText = $"Fritext, högst {L.MaxTextLength.ToString("#,0", CultureInfo.GetCultureInfo("sv-SE"))} tecken";

    private static readonly IReadOnlyDictionary<string, string> Hints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [L.County] = "Länets namn eller tvåsiffriga länskod.",
        [L.NetworkMeetings] = "Antal träffar för ombuden som länsstyrelsen anordnat, fysiska eller digitala.",
        [L.Trainings] = "Antal utbildningstillfällen, seminarier och konferenser i länsstyrelsens regi.",
        [L.TrainingParticipants] = "Antal deltagare sammanlagt (en person som deltog två gånger räknas två gånger).",
        [L.Visits] = "Antal besök i verksamheterna för uppföljning eller tillsyn, fysiska eller digitala.",
        [L.ManagementGroupMeetings] = "Antal ledningsgruppsmöten i länets verksamheter som länsstyrelsen deltog i.",
        [L.ActionPlan] = "Ja eller Nej.",
        [L.Work] = LongText + ": samverkan med andra län, information till kommuner utan verksamhet, stöd till nystartade verksamheter.",
        [L.Assessment] = LongText + ". Citeras i lägesrapporten.",
        [L.Proposals] = LongText + ". Citeras i lägesrapporten.",
    };

    public static byte[] Write(int year, string? countyCode = null, CountyBoardReport? report = null)
    {
        using var workbook = Create(year, countyCode, report);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    public static XLWorkbook Create(int year, string? countyCode, CountyBoardReport? report)
    {
        var workbook = new XLWorkbook();
        workbook.Properties.Author = "PoIntake";
        var title = $"Länsstyrelsens redovisning av arbetet med personligt ombud {year}";
        workbook.Properties.Title = title;
        var sheet = workbook.AddWorksheet(L.SheetName);
        var lists = workbook.AddWorksheet(ListsSheet);

        sheet.Cell(L.TitleRow, 1).SetValue(title);
        sheet.Cell(L.TitleRow, 1).Style.Font.Bold = true;
        sheet.Cell(L.TitleRow, 1).Style.Font.FontSize = 14;
        sheet.Cell(L.HintRow, 1).SetValue(
            "Fyll i de gula cellerna i kolumn B. Antal som heltal (0 om inget). Fritexterna citeras i Socialstyrelsens lägesrapport och räknas aldrig. " +
            "Spara som .xlsx och ladda upp på sidan Uppladdning med länets nyckel, eller lämna in som countyboard/år/länskod.xlsx.");
        sheet.Range(L.HintRow, 1, L.HintRow, 2).Merge().Style.Alignment.WrapText = true;
        sheet.Row(L.HintRow).Height = 45;

        Section(sheet, L.Row(L.NetworkMeetings) - 1, "Länsstyrelsens insatser under året");
        Section(sheet, L.Row(L.Work) - 1, "Länsstyrelsens beskrivning och bedömning");
        Section(sheet, L.Row(L.ContactPerson) - 1, "Kontaktperson på länsstyrelsen");

        lists.Cell(1, 1).SetValue(Intake.WorkbookLabels.Yes);
        lists.Cell(2, 1).SetValue(Intake.WorkbookLabels.No);
        lists.Visibility = XLWorksheetVisibility.Hidden;

        foreach (var field in L.Fields)
        {
            var label = sheet.Cell(field.Row, L.LabelColumn);
            label.SetValue(field.Label);
            label.Style.Font.Bold = field.Required;
            label.Style.Alignment.WrapText = true;
            label.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            var value = sheet.Cell(field.Row, L.ValueColumn);
            value.Style.Fill.BackgroundColor = ReportTemplate.InputFill;
            value.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
            value.Style.Protection.Locked = false;
            value.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            // The hint is the value cell's input message: a text beside the cell would be read as its value when it is empty.
            var validation = value.AsRange().SetDataValidation();
            switch (field.Kind)
            {
                case CountyBoardFieldKind.LongText:
                    value.Style.Alignment.WrapText = true;
                    sheet.Row(field.Row).Height = 120;
                    break;
                case CountyBoardFieldKind.Count:
                    validation.WholeNumber.Between(0, Intake.Parsing.CellReader.MaxCount);
                    validation.ErrorMessage = "Skriv ett heltal 0 eller större.";
                    break;
                case CountyBoardFieldKind.YesNo:
                    validation.List(lists.Range(1, 1, 2, 1), true);
                    break;
            }

            validation.IgnoreBlanks = true;
            if (Hints.TryGetValue(field.Label, out var hint))
            {
                validation.InputTitle = field.Label.Length > 32 ? field.Label[..32] : field.Label;
                validation.InputMessage = hint;
                validation.ShowInputMessage = true;
            }
        }

        sheet.Cell(L.Row(L.Year), L.ValueColumn).SetValue(year);
        if ((report?.CountyCode ?? countyCode) is { } code && MunicipalityRegistry.Default.FindCountyByCode(code) is { } county)
        {
            sheet.Cell(L.Row(L.County), L.ValueColumn).SetValue(county.Name);
        }

        if (report is not null)
        {
            Fill(sheet, report);
        }

        sheet.Column(1).Width = 44;
        sheet.Column(2).Width = 60;
        WorkbookPrintSetup.Apply(workbook, _ => 0);
        return workbook;
    }

    private static void Fill(IXLWorksheet sheet, CountyBoardReport report)
    {
        IXLCell Cell(string label) => sheet.Cell(L.Row(label), L.ValueColumn);
        Cell(L.NetworkMeetings).SetValue(report.NetworkMeetings);
        Cell(L.Trainings).SetValue(report.Trainings);
        Cell(L.TrainingParticipants).SetValue(report.TrainingParticipants);
        Cell(L.Visits).SetValue(report.Visits);
        Cell(L.ManagementGroupMeetings).SetValue(report.ManagementGroupMeetings);
        Cell(L.ActionPlan).SetValue(report.ActionPlanSubmitted ? Intake.WorkbookLabels.Yes : Intake.WorkbookLabels.No);
        Cell(L.Work).SetValue(report.Work ?? string.Empty);
        Cell(L.Assessment).SetValue(report.Assessment ?? string.Empty);
        Cell(L.Proposals).SetValue(report.Proposals ?? string.Empty);
        Cell(L.ContactPerson).SetValue(report.ContactPerson);
        Cell(L.Email).SetValue(report.ContactEmail);
        Cell(L.Phone).SetValue(report.ContactPhone ?? string.Empty);
    }

    private static void Section(IXLWorksheet sheet, int row, string text)
    {
        var cell = sheet.Cell(row, 1);
        cell.SetValue(text);
        cell.Style.Font.Bold = true;
        sheet.Range(row, 1, row, 2).Style.Fill.BackgroundColor = SectionFill;
    }

    /// <summary>The download name of the blank form, e.g. lansstyrelsens-redovisning-personligt-ombud-2021.xlsx.</summary>
    public static string FileName(int year) => string.Create(CultureInfo.InvariantCulture, $"lansstyrelsens-redovisning-personligt-ombud-{year}.xlsx");
}
