using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Template;
using PoIntake.DevHost.Samples;
using static PoIntake.Tests.Template.WorkbookReading;
using L = PoIntake.Core.Intake.WorkbookLabels;

namespace PoIntake.Tests.Template;

public sealed class ReportWorkbookWriterTests
{
    private static AnnualReport Skane() => SampleSet.Valid(2021).Single(s => s.CountyCode == "12").Report;

    [Fact]
    public void Write_OperationFieldsStandRightOfTheirLabels()
    {
        var report = Skane();
        using var workbook = Open(ReportWorkbookWriter.Write(report));
        var sheet = workbook.Worksheet(L.Sheets.Operation);

        Assert.Equal(2021, ValueOf(sheet, L.Operation.Year).GetValue<int>());
        Assert.Equal("Skåne län", ValueOf(sheet, L.Operation.County).GetString());
        Assert.Equal(report.Operation.Name, ValueOf(sheet, L.Operation.Name).GetString());
        Assert.Equal("Annan utförare", ValueOf(sheet, L.Operation.OperatingForm).GetString());
        Assert.Equal("Ideell förening", ValueOf(sheet, L.Operation.OrganisationForm).GetString());
        Assert.Equal(report.Operation.ContactEmail, ValueOf(sheet, L.Operation.Email).GetString());
        Assert.Equal("Ja", ValueOf(sheet, L.Operation.Active).GetString());
    }

    [Fact]
    public void Write_MunicipalitiesAsCommaSeparatedNames()
    {
        var report = Skane();
        using var workbook = Open(ReportWorkbookWriter.Write(report));

        var text = ValueOf(workbook.Worksheet(L.Sheets.Operation), L.Operation.Municipalities).GetString();

        var names = text.Split(", ");
        Assert.Equal(report.Operation.MunicipalityCodes.Count, names.Length);
        Assert.Contains("Bromölla", names);
        Assert.DoesNotContain(names, n => n.Any(char.IsAsciiDigit));
    }

    [Fact]
    public void Write_TablesHoldTheFiguresAndTotalsAddUp()
    {
        var report = Skane();
        using var workbook = Open(ReportWorkbookWriter.Write(report));
        var clients = workbook.Worksheet(L.Sheets.Clients);
        var header = HeaderRow(clients, [.. L.AgeGroups.Select(a => a.Label)]);

        Assert.Equal(
            report.Clients!.ByGenderAndAge[(Gender.Men, AgeGroup.Age50To64)],
            TableCell(clients, header, "Män", "50–64 år").GetValue<int>());
        Assert.Equal(report.Clients.Total, TableCell(clients, header, L.Total, L.Total).GetValue<int>());
        var ombud = workbook.Worksheet(L.Sheets.Ombud);
        Assert.Equal(
            report.Ombud!.WithSupervision.Women,
            TableCell(ombud, HeaderRow(ombud, "Kvinnor", "Män"), L.Ombud.WithSupervision, "Kvinnor").GetValue<int>());
        Assert.Equal((double)report.Ombud.FullTimeEquivalents, ValueOf(ombud, L.Ombud.FullTimeEquivalents).GetValue<double>(), 6);
    }

    [Fact]
    public void Write_YesNoAnswersAndDeficiencyRows()
    {
        var report = Skane();
        using var workbook = Open(ReportWorkbookWriter.Write(report));

        var waiting = workbook.Worksheet(L.Sheets.Waiting);
        Assert.Equal(report.Waiting!.HasWaitingTime ? "Ja" : "Nej", ValueOf(waiting, L.Waiting.HasWaitingTime).GetString());
        var deficiencies = workbook.Worksheet(L.Sheets.Deficiencies);
        var header = HeaderRow(deficiencies, L.Deficiencies.Level, L.Deficiencies.Description);
        var rows = deficiencies.Range(header.RowNumber() + 1, 3, header.RowNumber() + 60, 3).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(report.SystemDeficiencies!.Select(d => d.Description), rows);
    }

    [Fact]
    public void Write_NilReturnSaysNejAndLeavesTheOtherSheetsEmpty()
    {
        using var workbook = Open(ReportWorkbookWriter.Write(SampleSet.NilReturn().Report));

        Assert.Equal("Nej", ValueOf(workbook.Worksheet(L.Sheets.Operation), L.Operation.Active).GetString());
        foreach (var sheet in new[] { L.Sheets.Ombud, L.Sheets.Clients, L.Sheets.Waiting, L.Sheets.Economy })
        {
            var filled = workbook.Worksheet(sheet).CellsUsed(c => !c.HasFormula && c.Style.Fill.BackgroundColor.Equals(XLColor.FromHtml("#FFF2CC")) && !c.IsEmpty());
            Assert.Empty(filled);
        }
    }
}
