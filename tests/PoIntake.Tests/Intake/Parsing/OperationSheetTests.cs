using PoIntake.Core.Intake;
using static PoIntake.Tests.Intake.ParserTestKit;
using L = PoIntake.Core.Intake.WorkbookLabels.Operation;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Intake.Parsing;

/// <summary>Sheet "Verksamhet" rules, through <see cref="ReportParser"/>.</summary>
public sealed class OperationSheetTests
{
    private static Finding AssertOperationFinding(TestWorkbook workbook, string code, string label, ExpectedOrigin? origin = null, DateTimeOffset? now = null) =>
        AssertFinding(
            Parser(now).Parse(workbook.Build(), origin ?? TestWorkbook.Origin),
            code,
            Severity.Error,
            Sheets.Operation,
            workbook.AddressOf(Sheets.Operation, label),
            label);

    [Fact]
    public void Parse_YearTypedAsText_ReadsYear()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.Year, "2025")));

        Assert.Equal(2025, report.Operation.Year);
    }

    [Fact]
    public void Parse_YearEmpty_ReportsValueMissing() =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Year, null), FindingCodes.ValueMissing, L.Year);

    [Theory]
    [InlineData("20x5")]
    [InlineData("25")]
    [InlineData("2025-01-01")]
    public void Parse_YearNotFourDigits_ReportsNotAYear(string text) =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Year, text), FindingCodes.ValueNotAYear, L.Year);

    [Fact]
    public void Parse_YearInTheFuture_ReportsYearInFuture() =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Year, 2027), FindingCodes.YearInFuture, L.Year, new ExpectedOrigin(2027, "25"));

    [Fact]
    public void Parse_YearThatHasBegunInStockholmButNotInUtc_IsNotInTheFuture()
    {
        // 23:30 UTC on 31 December is already 1 January in Stockholm.
        var now = new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero);
        var result = Parser(now).Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.Year, 2026).Build(), new ExpectedOrigin(2026, "25"));

        Assert.Equal(2026, AssertValid(result).Operation.Year);
    }

    [Fact]
    public void Parse_YearBefore2013_ReportsYearTooEarly() =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Year, 2012), FindingCodes.YearTooEarly, L.Year, new ExpectedOrigin(2012, "25"));

    [Fact]
    public void Parse_Year2013_IsAccepted()
    {
        var result = Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.Year, 2013), new ExpectedOrigin(2013, "25"));

        Assert.Equal(2013, AssertValid(result).Operation.Year);
    }

    [Fact]
    public void Parse_YearDifferentFromUploadPath_ReportsYearMismatch()
    {
        var finding = AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Year, 2024), FindingCodes.YearMismatch, L.Year);

        Assert.Contains("2024", finding.Message, StringComparison.Ordinal);
        Assert.Contains("2025", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Norrbotten")]
    [InlineData("Norrbottens län")]
    [InlineData("norrbottens  LÄN")]
    [InlineData("25")]
    public void Parse_CountyByNameOrCode_ReadsCounty(string county)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.County, county)));

        Assert.Equal("25", report.Operation.CountyCode);
    }

    [Fact]
    public void Parse_CountyTypedAsNumber_ReadsCounty()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.County, 25)));

        Assert.Equal("25", report.Operation.CountyCode);
    }

    [Fact]
    public void Parse_CountyDifferentFromUploadPath_ReportsCountyMismatch()
    {
        var finding = AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.County, "Stockholms län"), FindingCodes.CountyMismatch, L.County);

        Assert.Contains("Stockholm", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Norrbotten", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CountyMismatchWithMunicipalitiesOfEitherCounty_ReportsOnlyTheCounty()
    {
        var result = Parse(TestWorkbook.Valid()
            .Set(Sheets.Operation, L.County, "Stockholms län")
            .Set(Sheets.Operation, L.Municipalities, "Kiruna, Solna, Malmö"));

        Assert.Equal([FindingCodes.CountyMismatch, FindingCodes.MunicipalityOtherCounty], result.Findings.Select(f => f.Code));
        Assert.Contains("Malmö", result.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CountyUnknown_ReportsCountyUnknown() =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.County, "Atlantis län"), FindingCodes.CountyUnknown, L.County);

    [Theory]
    [InlineData("Kiruna; Gällivare; Luleå")]
    [InlineData("2584, 2523, 2580")]
    [InlineData("Kiruna\nGällivare\r\nLuleå")]
    [InlineData("kiruna kommun, Gällivare;2580")]
    public void Parse_MunicipalitiesByNameOrCodeWithAnySeparator_ReadsCodes(string text)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.Municipalities, text)));

        Assert.Equal(["2584", "2523", "2580"], report.Operation.MunicipalityCodes);
    }

    [Fact]
    public void Parse_MunicipalityOfAnotherCounty_ReportsMunicipalityOtherCounty()
    {
        var finding = AssertOperationFinding(
            TestWorkbook.Valid().Set(Sheets.Operation, L.Municipalities, "Kiruna, Solna"), FindingCodes.MunicipalityOtherCounty, L.Municipalities);

        Assert.Contains("Solna", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownAndOtherCountyMunicipalities_ReportsEach()
    {
        var result = Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.Municipalities, "Kirunaa, Solna, Göteborg"));

        Assert.Equal(
            [FindingCodes.MunicipalityUnknown, FindingCodes.MunicipalityOtherCounty, FindingCodes.MunicipalityOtherCounty],
            result.Findings.Select(f => f.Code));
        Assert.Contains("Kirunaa", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MunicipalitiesEmpty_ReportsValueMissing() =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Municipalities, null), FindingCodes.ValueMissing, L.Municipalities);

    [Fact]
    public void Parse_NameEmpty_ReportsValueMissing() =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Name, " "), FindingCodes.ValueMissing, L.Name);

    [Fact]
    public void Parse_OperatingFormNotInList_ReportsNotInList()
    {
        var finding = AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.OperatingForm, "Privat"), FindingCodes.ValueNotInList, L.OperatingForm);

        Assert.Contains("Kommunal regi", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OtherProviderWithNameAndForm_ReadsThem()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid()
            .Set(Sheets.Operation, L.OperatingForm, "annan utförare")
            .Set(Sheets.Operation, L.ProviderName, "Föreningen Ombudet")
            .Set(Sheets.Operation, L.OrganisationForm, "Ideell förening")));

        Assert.Equal(OperatingForm.OtherProvider, report.Operation.OperatingForm);
        Assert.Equal("Föreningen Ombudet", report.Operation.ProviderName);
        Assert.Equal(OrganisationForm.NonProfitAssociation, report.Operation.OrganisationForm);
    }

    [Fact]
    public void Parse_OtherProviderWithoutNameAndForm_ReportsBothMissing()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Operation, L.OperatingForm, "Annan utförare");
        var result = Parse(workbook);

        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal(FindingCodes.ValueMissing, f.Code));
        Assert.Equal(
            [(L.ProviderName, workbook.AddressOf(Sheets.Operation, L.ProviderName)), (L.OrganisationForm, workbook.AddressOf(Sheets.Operation, L.OrganisationForm))],
            result.Findings.Select(f => (f.Field, f.Cell)));
        Assert.All(result.Findings, f => Assert.Contains("Annan utförare", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OrganisationFormNotInList_ReportsNotInList() =>
        AssertOperationFinding(
            TestWorkbook.Valid()
                .Set(Sheets.Operation, L.OperatingForm, "Annan utförare")
                .Set(Sheets.Operation, L.ProviderName, "Ombud AB")
                .Set(Sheets.Operation, L.OrganisationForm, "Bolag"),
            FindingCodes.ValueNotInList,
            L.OrganisationForm);

    [Fact]
    public void Parse_MunicipalOperationIgnoresProviderFields()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.ProviderName, "Något")));

        Assert.Null(report.Operation.ProviderName);
    }

    [Fact]
    public void Parse_ContactPersonEmpty_ReportsValueMissing() =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.ContactPerson, null), FindingCodes.ValueMissing, L.ContactPerson);

    [Theory]
    [InlineData("anna.kiruna.se")]
    [InlineData("anna@kiruna")]
    [InlineData("anna andersson@kiruna.se")]
    [InlineData("anna@@kiruna.se")]
    public void Parse_EmailNotAnAddress_ReportsEmailInvalid(string email) =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Email, email), FindingCodes.EmailInvalid, L.Email);

    [Fact]
    public void Parse_EmailEmpty_ReportsValueMissing() =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Email, null), FindingCodes.ValueMissing, L.Email);

    [Fact]
    public void Parse_PhoneEmptyOrMissing_IsAccepted()
    {
        Assert.Null(AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.Phone, null))).Operation.ContactPhone);
        Assert.Null(AssertValid(Parse(TestWorkbook.Valid().RemoveScalar(Sheets.Operation, L.Phone))).Operation.ContactPhone);
    }

    [Fact]
    public void Parse_ActiveEmpty_MeansActive()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Operation, L.Active, null)));

        Assert.True(report.Operation.Active);
        Assert.NotNull(report.Ombud);
    }

    [Fact]
    public void Parse_ActiveNotYesNo_ReportsNotYesNo() =>
        AssertOperationFinding(TestWorkbook.Valid().Set(Sheets.Operation, L.Active, "kanske"), FindingCodes.ValueNotYesNo, L.Active);

    [Fact]
    public void Parse_NilReturn_ReadsOnlyTheOperationSheet()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Operation, L.Active, "Nej");
        foreach (var sheet in new[] { Sheets.Ombud, Sheets.Clients, Sheets.ContactReasons, Sheets.Waiting, Sheets.Management, Sheets.Deficiencies, Sheets.Economy })
        {
            workbook.RemoveSheet(sheet);
        }

        var result = Parse(workbook);

        var report = AssertValid(result);
        Assert.Empty(result.Findings);
        Assert.True(report.IsNilReturn);
        Assert.Equal(TestWorkbook.ExpectedReport.Operation with { Active = false, MunicipalityCodes = report.Operation.MunicipalityCodes }, report.Operation);
        Assert.Null(report.Ombud);
        Assert.Null(report.Clients);
        Assert.Null(report.Economy);
        Assert.Empty(result.FactLocations);
    }

    [Fact]
    public void Parse_NilReturnWithBrokenFiguresSheets_IgnoresThem()
    {
        var result = Parse(TestWorkbook.Valid()
            .Set(Sheets.Operation, L.Active, "N")
            .SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, "Kvinnor", "många"));

        Assert.True(AssertValid(result).IsNilReturn);
    }

    [Fact]
    public void Parse_NilReturnStillValidatesTheOperationSheet() =>
        AssertOperationFinding(
            TestWorkbook.Valid().Set(Sheets.Operation, L.Active, "Nej").Set(Sheets.Operation, L.County, "Skåne"),
            FindingCodes.CountyMismatch,
            L.County);
}
