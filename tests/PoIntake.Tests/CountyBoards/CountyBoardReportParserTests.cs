using ClosedXML.Excel;
using PoIntake.Core.CountyBoards;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using L = PoIntake.Core.CountyBoards.CountyBoardReportLayout;

namespace PoIntake.Tests.CountyBoards;

/// <summary>The county board's report form: the template read back field by field, and each refusal in Swedish naming sheet and cell.</summary>
public sealed class CountyBoardReportParserTests
{
    private static readonly CountyBoardReportParser Parser = new(MunicipalityRegistry.Default);

    internal static CountyBoardReport Report(int year = 2021, string county = "14") => new(
        year,
        county,
        NetworkMeetings: 4,
        Trainings: 2,
        TrainingParticipants: 37,
        Visits: 5,
        ManagementGroupMeetings: 9,
        ActionPlanSubmitted: true,
        Work: "Nätverksträffarna har hållits digitalt under pandemin.",
        Assessment: "De administrativa medlen räcker inte; handläggaren har cirka 10 procent av sin tid för personligt ombud.",
        Proposals: "Nya chefer bör erbjudas en introduktionsutbildning.",
        ContactPerson: "Ylva Exempel",
        ContactEmail: "ylva.exempel@lansstyrelsen.example.se",
        ContactPhone: "010-000 00 00");

    internal static byte[] Edit(byte[] content, Action<IXLWorksheet> edit)
    {
        using var workbook = new XLWorkbook(new MemoryStream(content));
        edit(workbook.Worksheet(L.SheetName));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Parse_FilledTemplate_ReadsEveryField()
    {
        var report = Report();

        var parsed = Parser.Parse(CountyBoardReportTemplate.Write(2021, "14", report), 2021, "14");

        Assert.Empty(parsed.Findings);
        Assert.Equal(IntakeOutcome.Accepted, parsed.Outcome);
        Assert.Equal(report, parsed.Report);
    }

    [Fact]
    public void Parse_EmptyOptionalTexts_AreNullNotEmpty()
    {
        var report = Report() with { Work = null, Assessment = null, Proposals = null, ContactPhone = null };

        var parsed = Parser.Parse(CountyBoardReportTemplate.Write(2021, "14", report), 2021, "14");

        Assert.Equal(report, parsed.Report);
    }

    [Fact]
    public void Parse_BlankTemplate_EveryRequiredFieldMissingByItsCell()
    {
        var parsed = Parser.Parse(CountyBoardReportTemplate.Write(2021, "14"), 2021, "14");

        Assert.Equal(IntakeOutcome.Rejected, parsed.Outcome);
        Assert.Null(parsed.Report);
        var required = L.Fields.Where(f => f.Required && f.Kind is not (CountyBoardFieldKind.Year or CountyBoardFieldKind.County)).ToList();
        Assert.Equal(required.Select(f => L.Cell(f.Label)), parsed.Findings.Where(f => f.Code == FindingCodes.ValueMissing).Select(f => f.Cell));
        Assert.All(parsed.Findings, f => Assert.Equal(L.SheetName, f.Sheet));
    }

    [Fact]
    public void Parse_CountAsText_RefusedInSwedishNamingSheetAndCell()
    {
        var content = Edit(CountyBoardReportTemplate.Write(2021, "14", Report()), s => s.Cell(L.Cell(L.Visits)).SetValue("fem"));

        var finding = Assert.Single(Parser.Parse(content, 2021, "14").Findings);

        Assert.Equal((FindingCodes.ValueNotACount, L.SheetName, "B10", L.Visits), (finding.Code, finding.Sheet, finding.Cell, finding.Field));
        Assert.StartsWith($"Bladet \"{L.SheetName}\", cell B10, fältet \"{L.Visits}\": cellen innehåller texten \"fem\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("B10", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AssessmentOverTheLimit_RefusedAsTooLong()
    {
        var content = Edit(CountyBoardReportTemplate.Write(2021, "14", Report()), s => s.Cell(L.Cell(L.Assessment)).SetValue(new string('a', L.MaxTextLength + 1)));

        var finding = Assert.Single(Parser.Parse(content, 2021, "14").Findings);

        Assert.Equal((FindingCodes.TextTooLong, L.SheetName, L.Cell(L.Assessment)), (finding.Code, finding.Sheet, finding.Cell));
        Assert.Contains($"högst {L.MaxTextLength.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))} tecken", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AssessmentAtTheLimit_Accepted()
    {
        var text = new string('a', L.MaxTextLength);
        var content = Edit(CountyBoardReportTemplate.Write(2021, "14", Report()), s => s.Cell(L.Cell(L.Assessment)).SetValue(text));

        Assert.Equal(text, Parser.Parse(content, 2021, "14").Report!.Assessment);
    }

    [Fact]
    public void Parse_AnotherCountysForm_RefusedAsCountyMismatch()
    {
        // Västra Götaland's form sent under Skåne's path (or with Skåne's key).
        var finding = Assert.Single(Parser.Parse(CountyBoardReportTemplate.Write(2021, "14", Report()), 2021, "12").Findings);

        Assert.Equal((FindingCodes.CountyMismatch, L.Cell(L.County)), (finding.Code, finding.Cell));
        Assert.Contains("Västra Götaland (14)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Skåne (12)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YearOtherThanThePaths_RefusedAsYearMismatch()
    {
        var finding = Assert.Single(Parser.Parse(CountyBoardReportTemplate.Write(2021, "14", Report()), 2022, "14").Findings);

        Assert.Equal((FindingCodes.YearMismatch, L.Cell(L.Year)), (finding.Code, finding.Cell));
    }

    [Fact]
    public void Parse_ParticipantsWithoutAnyTraining_Refused()
    {
        var content = CountyBoardReportTemplate.Write(2021, "14", Report() with { Trainings = 0, TrainingParticipants = 12 });

        var finding = Assert.Single(Parser.Parse(content, 2021, "14").Findings);

        Assert.Equal((FindingCodes.CountyBoardParticipantsWithoutTraining, Severity.Error, L.Cell(L.TrainingParticipants)), (finding.Code, finding.Severity, finding.Cell));
        Assert.StartsWith($"Bladet \"{L.SheetName}\", cell {L.Cell(L.TrainingParticipants)}", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ylva.exempel")]
    [InlineData("ylva exempel@lansstyrelsen.se")]
    public void Parse_EmailNotAnAddress_Refused(string email)
    {
        var finding = Assert.Single(Parser.Parse(CountyBoardReportTemplate.Write(2021, "14", Report() with { ContactEmail = email }), 2021, "14").Findings);

        Assert.Equal((FindingCodes.EmailInvalid, L.Cell(L.Email)), (finding.Code, finding.Cell));
    }

    [Fact]
    public void Parse_YesNoOtherwise_Refused()
    {
        var content = Edit(CountyBoardReportTemplate.Write(2021, "14", Report()), s => s.Cell(L.Cell(L.ActionPlan)).SetValue("kanske"));

        var finding = Assert.Single(Parser.Parse(content, 2021, "14").Findings);

        Assert.Equal((FindingCodes.ValueNotYesNo, L.Cell(L.ActionPlan)), (finding.Code, finding.Cell));
    }

    [Fact]
    public void Parse_RowsMovedDown_FieldsFoundByTheirLabels()
    {
        var content = Edit(CountyBoardReportTemplate.Write(2021, "14", Report()), s => s.Row(6).InsertRowsAbove(3));

        Assert.Equal(Report(), Parser.Parse(content, 2021, "14").Report);
    }

    [Fact]
    public void Parse_ReportWorkbookInstead_RefusedAsSheetMissing()
    {
        var finding = Assert.Single(Parser.Parse(PoIntake.Core.Template.ReportTemplate.Write(2021, null), 2021, "14").Findings);

        Assert.Equal((FindingCodes.SheetMissing, L.SheetName), (finding.Code, finding.Sheet));
    }

    [Fact]
    public void Parse_NotAWorkbook_RefusedByScreening()
    {
        var parsed = Parser.Parse("inte en arbetsbok"u8.ToArray(), 2021, "14");

        Assert.Equal(IntakeOutcome.Rejected, parsed.Outcome);
        Assert.Contains(parsed.Findings, f => FindingCodes.ScreeningRefusals.Contains(f.Code) || f.Code == FindingCodes.PackageUnreadable);
    }

    [Theory]
    [InlineData("2021/14.xlsx", 2021, "14")]
    [InlineData("countyboard/2021/14.xlsx", 2021, "14")]
    [InlineData("2021/14/20261207T231501123Z-1a2b3c4d.xlsx", 2021, "14")]
    public void Path_DropOrUpload_YearAndCounty(string name, int year, string county)
    {
        Assert.Equal((year, county, (Finding?)null), CountyBoardReportPath.Parse(name, MunicipalityRegistry.Default));
    }

    [Theory]
    [InlineData("2021/99.xlsx")]
    [InlineData("2021/vastra-gotaland.xlsx")]
    [InlineData("2012/14.xlsx")]
    [InlineData("14.xlsx")]
    public void Path_NotYearSlashCounty_RefusedInSwedish(string name)
    {
        var (_, _, finding) = CountyBoardReportPath.Parse(name, MunicipalityRegistry.Default);

        Assert.Equal(FindingCodes.CountyBoardPathInvalid, finding!.Code);
        Assert.Contains("countyboard/år/länskod.xlsx", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_EveryLabelOnce_AndEveryFieldAskedFromTheFormsFirstYear()
    {
        Assert.Equal(L.Fields.Count, L.Fields.Select(f => f.Label).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(L.Fields.Count, L.Fields.Select(f => f.Row).Distinct().Count());
        Assert.All(L.Fields, f => Assert.Equal(L.FirstYear, f.FirstYear));
    }
}
