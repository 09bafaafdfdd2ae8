using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using static PoIntake.Tests.Intake.ParserTestKit;
using F = PoIntake.Core.Intake.WorkbookLabels.FollowUp;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Intake.Parsing;

/// <summary>Sheet Uppföljning (asked from 2021), the stadsdel field of Verksamhet and age headers typed without "år".</summary>
public sealed class FollowUpSheetTests
{
    [Fact]
    public void Parse_FilledSheet_ReadsEveryAnswerAndItsFacts()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid()));

        var followUp = Assert.IsType<FollowUpAnswers>(report.FollowUp);
        var expected = TestWorkbook.ExpectedFollowUp;
        Assert.Equal(expected.ClientGroupChanges, followUp.ClientGroupChanges);
        Assert.Equal(expected.NewClientSources.OrderBy(kv => kv.Key), followUp.NewClientSources.OrderBy(kv => kv.Key));
        Assert.Equal(expected.OmbudBySupervision.OrderBy(kv => kv.Key), followUp.OmbudBySupervision.OrderBy(kv => kv.Key));
        Assert.Equal((7, 2, 1), (followUp.OmbudInFurtherTraining, followUp.OmbudInIntroductoryCourse, followUp.OmbudNewlyHired));
        Assert.Equal(expected.UserInfluence, followUp.UserInfluence);
        Assert.Equal((true, ManagementGroupForm.SharedWithMunicipalities, true), (followUp.UserSurvey, followUp.ManagementGroupForm, followUp.UserOrganisationsOfferedSeat));
        Assert.Null(followUp.Theme);

        var facts = ReportFacts.From(report).ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal(20, facts["newClientsBySource|source=otherAuthority"]);
        Assert.Equal(2, facts["ombudBySupervision|supervision=collegial"]);
        Assert.Equal(1, facts["managementGroupForm|form=shared"]);
        Assert.Equal(0, facts["managementGroupForm|form=own"]);
        Assert.Equal(1, facts["userOrganisationsOfferedSeat"]);
    }

    [Fact]
    public void Parse_WorkbookOfAYearThatAsksItWithoutTheSheet_IsAcceptedWithAWarningAndNothingAsked()
    {
        var result = Parse(TestWorkbook.Valid().RemoveSheet(Sheets.FollowUp));

        var finding = AssertFinding(result, FindingCodes.FollowUpNotInWorkbook, Severity.Warning, Sheets.FollowUp, null, null);
        Assert.Contains("2021", finding.Message, StringComparison.Ordinal);
        var report = AssertValid(result);
        Assert.Null(report.FollowUp);
        Assert.DoesNotContain(ReportFacts.From(report), f => f.Measure is Measures.NewClientsBySource or Measures.HasUserSurvey or Measures.OmbudNewlyHired);
        Assert.False(ReportTexts.From(report.FollowUp).Asked);
    }

    [Fact]
    public void Parse_YearBeforeTheSheetWasAsked_IgnoresItWithoutAFinding()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Operation, WorkbookLabels.Operation.Year, 2020).RemoveSheet(Sheets.FollowUp);

        var result = Parser().Parse(workbook.Build(), new ExpectedOrigin(2020, "25"));

        Assert.Empty(result.Findings);
        Assert.Null(AssertValid(result).FollowUp);
    }

    [Fact]
    public void Parse_SourcesAboveNewClients_ReportsTheTable()
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.FollowUp, "På annat sätt", F.NewClientsHeader, 6);

        var result = Parse(workbook);

        var finding = AssertFinding(result, FindingCodes.ClientSourcesExceedNew, Severity.Error, Sheets.FollowUp,
            workbook.AddressOf(Sheets.FollowUp, "Hänvisade av annan myndighet", F.NewClientsHeader), F.NewClientsTitle);
        Assert.Contains("51 nya klienter", finding.Message, StringComparison.Ordinal);
        Assert.Contains("50 nya klienter under året", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NewlyHiredAboveOmbud_ReportsTheCell()
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.FollowUp, F.NewlyHired, F.OmbudHeader, 9);

        AssertFinding(Parse(workbook), FindingCodes.FollowUpOmbudExceedsOmbud, Severity.Error, Sheets.FollowUp,
            workbook.AddressOf(Sheets.FollowUp, F.NewlyHired, F.OmbudHeader), F.NewlyHired);
    }

    [Fact]
    public void Parse_SupervisionFormsAboveOmbud_ReportsTheTable()
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.FollowUp, "Ingen handledning", F.OmbudHeader, 2);

        AssertFinding(Parse(workbook), FindingCodes.FollowUpOmbudExceedsOmbud, Severity.Error, Sheets.FollowUp,
            workbook.AddressOf(Sheets.FollowUp, "Extern handledning", F.OmbudHeader), F.OmbudTitle);
    }

    [Theory]
    [InlineData(F.ClientGroupChanges)]
    [InlineData(F.UserInfluence)]
    public void Parse_FreeTextOverTheLimit_IsRefusedAtItsCell(string label)
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.FollowUp, label, new string('x', F.MaxTextLength + 1));

        AssertFinding(Parse(workbook), FindingCodes.TextTooLong, Severity.Error, Sheets.FollowUp, workbook.AddressOf(Sheets.FollowUp, label), label);
    }

    [Fact]
    public void Parse_FreeTextAtTheLimit_IsKeptWhole()
    {
        var text = new string('å', F.MaxTextLength);

        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.FollowUp, F.ClientGroupChanges, text)));

        Assert.Equal(text, report.FollowUp!.ClientGroupChanges);
    }

    [Fact]
    public void Parse_EmptyFreeTexts_AreNullNotRequired()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.FollowUp, F.ClientGroupChanges, null).Set(Sheets.FollowUp, F.UserInfluence, null)));

        Assert.Null(report.FollowUp!.ClientGroupChanges);
        Assert.Null(report.FollowUp.UserInfluence);
    }

    [Fact]
    public void Parse_UserSurveyEmpty_ReportsValueMissing()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.FollowUp, F.UserSurvey, null);

        AssertFinding(Parse(workbook), FindingCodes.ValueMissing, Severity.Error, Sheets.FollowUp, workbook.AddressOf(Sheets.FollowUp, F.UserSurvey), F.UserSurvey);
    }

    [Fact]
    public void Parse_ManagementGroupFormNotInList_ReportsTheChoices()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.FollowUp, F.ManagementGroupForm, "Regional");

        var finding = AssertFinding(Parse(workbook), FindingCodes.ValueNotInList, Severity.Error, Sheets.FollowUp,
            workbook.AddressOf(Sheets.FollowUp, F.ManagementGroupForm), F.ManagementGroupForm);
        Assert.Contains("Genom samordningsförbund", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ThemeRows_ReadQuestionAndAnswer()
    {
        var workbook = TestWorkbook.Valid()
            .Raw(Sheets.FollowUp, "D30", F.ThemeQuestion).Raw(Sheets.FollowUp, "E30", "Hur har pandemin påverkat arbetet?")
            .Raw(Sheets.FollowUp, "D31", F.ThemeAnswer).Raw(Sheets.FollowUp, "E31", "Färre fysiska möten.");

        var theme = AssertValid(Parse(workbook)).FollowUp!.Theme;

        Assert.Equal(new ThemeAnswer("Hur har pandemin påverkat arbetet?", "Färre fysiska möten."), theme);
    }

    [Fact]
    public void Parse_District_IsReadAndMarksPartOfAMunicipality()
    {
        var workbook = TestWorkbook.Valid()
            .Raw(Sheets.Operation, "D20", WorkbookLabels.Operation.District).Raw(Sheets.Operation, "E20", "Norrmalm, Östermalm");

        var operation = AssertValid(Parse(workbook)).Operation;

        Assert.Equal("Norrmalm, Östermalm", operation.District);
        Assert.True(operation.CoversPartOfMunicipality);
        Assert.False(AssertValid(Parse(TestWorkbook.Valid())).Operation.CoversPartOfMunicipality);
    }

    [Fact]
    public void Parse_AgeHeadersTypedWithHyphenAndNoYears_AreFound()
    {
        var workbook = TestWorkbook.Valid()
            .Relabel(Sheets.Clients, "18–29 år", "18-29")
            .Relabel(Sheets.Clients, "30–49 år", "30-49")
            .Relabel(Sheets.Clients, "50–64 år", "50-64")
            .Relabel(Sheets.Clients, "65– år", "65+");

        var report = AssertValid(Parse(workbook));

        AssertSameReport(TestWorkbook.ExpectedReport, report);
    }
}
