using PoIntake.Core.Intake;
using static PoIntake.Tests.Intake.ParserTestKit;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Intake.Parsing;

/// <summary>Rules of the sheets Ombud, Klienter, Kontaktorsaker, Väntetid, Ledningsgrupp, Systembrister and Ekonomi.</summary>
public sealed class FigureSheetsTests
{
    private const string Women = "Kvinnor";
    private const string Men = "Män";
    private const string Other = "Annan könstillhörighet";
    private const string Fte = WorkbookLabels.Ombud.FullTimeEquivalents;

    [Fact]
    public void Parse_SupervisionAboveOmbud_ReportsSupervisionExceedsOmbud()
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.WithSupervision, Men, 4);

        AssertFinding(Parse(workbook), FindingCodes.SupervisionExceedsOmbud, Severity.Error, Sheets.Ombud,
            workbook.AddressOf(Sheets.Ombud, WorkbookLabels.Ombud.WithSupervision, Men), "Antal ombud med kontinuerlig handledning, Män");
    }

    [Fact]
    public void Parse_SupervisionEqualToOmbud_IsAccepted()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.WithSupervision, Men, 3)));

        Assert.Equal(3, report.Ombud!.WithSupervision.Men);
    }

    [Fact]
    public void Parse_FullTimeEquivalentsAboveOmbud_ReportsFteExceedsOmbud()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Ombud, Fte, "8,5");

        AssertFinding(Parse(workbook), FindingCodes.FullTimeEquivalentsExceedOmbud, Severity.Error, Sheets.Ombud, workbook.AddressOf(Sheets.Ombud, Fte), Fte);
    }

    [Fact]
    public void Parse_FullTimeEquivalentsEqualToOmbud_IsAccepted() =>
        Assert.Equal(8m, AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Ombud, Fte, 8))).Ombud!.FullTimeEquivalents);

    [Fact]
    public void Parse_ZeroFullTimeEquivalentsWithOmbud_ReportsFteZero()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Ombud, Fte, 0);

        AssertFinding(Parse(workbook), FindingCodes.FullTimeEquivalentsMissing, Severity.Error, Sheets.Ombud, workbook.AddressOf(Sheets.Ombud, Fte), Fte);
    }

    [Fact]
    public void Parse_ZeroFullTimeEquivalentsWithoutOmbud_IsAccepted()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Ombud, Fte, 0);
        foreach (var row in new[] { WorkbookLabels.Ombud.Count, WorkbookLabels.Ombud.WithSupervision })
        {
            workbook.SetCell(Sheets.Ombud, row, Women, 0).SetCell(Sheets.Ombud, row, Men, null);
        }

        foreach (var row in WorkbookLabels.SupervisionForms.Select(s => s.Label)
                     .Concat([WorkbookLabels.FollowUp.FurtherTraining, WorkbookLabels.FollowUp.IntroductoryCourse, WorkbookLabels.FollowUp.NewlyHired]))
        {
            workbook.SetCell(Sheets.FollowUp, row, WorkbookLabels.FollowUp.OmbudHeader, null);
        }

        Assert.Equal(0, AssertValid(Parse(workbook)).Ombud!.Ombud.Total);
    }

    [Fact]
    public void Parse_FullTimeEquivalentsEmpty_ReportsValueMissing()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Ombud, Fte, null);

        AssertFinding(Parse(workbook), FindingCodes.ValueMissing, Severity.Error, Sheets.Ombud, workbook.AddressOf(Sheets.Ombud, Fte), Fte);
    }

    [Fact]
    public void Parse_MoreThanSixtyClientsPerFullTimeEquivalent_WarnsButAccepts()
    {
        // 181 clients on 3 full-time equivalents is 60.3 per full-time equivalent.
        var workbook = TestWorkbook.Valid().Set(Sheets.Ombud, Fte, 3);
        var result = Parse(workbook);

        var finding = AssertFinding(result, FindingCodes.ClientsPerFullTimeEquivalentHigh, Severity.Warning, Sheets.Ombud, workbook.AddressOf(Sheets.Ombud, Fte), Fte);
        Assert.Contains("181", finding.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Report);
    }

    [Fact]
    public void Parse_SixtyClientsPerFullTimeEquivalentOrFewer_DoesNotWarn()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Ombud, Fte, "3,02");

        Assert.Empty(Parse(workbook).Findings);
    }

    [Fact]
    public void Parse_NewClientsAboveTotal_ReportsNewClientsExceedTotal()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Clients, WorkbookLabels.Clients.New, 182);

        AssertFinding(Parse(workbook), FindingCodes.NewClientsExceedTotal, Severity.Error, Sheets.Clients,
            workbook.AddressOf(Sheets.Clients, WorkbookLabels.Clients.New), WorkbookLabels.Clients.New);
    }

    [Fact]
    public void Parse_EndedClientsAboveTotal_ReportsEndedClientsExceedTotal()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Clients, WorkbookLabels.Clients.Ended, "200");

        AssertFinding(Parse(workbook), FindingCodes.EndedClientsExceedTotal, Severity.Error, Sheets.Clients,
            workbook.AddressOf(Sheets.Clients, WorkbookLabels.Clients.Ended), WorkbookLabels.Clients.Ended);
    }

    [Fact]
    public void Parse_NewAndEndedEqualToTotal_AreAccepted()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid()
            .Set(Sheets.Clients, WorkbookLabels.Clients.New, 181)
            .Set(Sheets.Clients, WorkbookLabels.Clients.Ended, 181)));

        Assert.Equal(181, report.Clients!.New);
        Assert.Equal(181, report.Clients.Total);
    }

    [Fact]
    public void Parse_NewClientsEmpty_ReportsValueMissing()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Clients, WorkbookLabels.Clients.New, null);

        AssertFinding(Parse(workbook), FindingCodes.ValueMissing, Severity.Error, Sheets.Clients,
            workbook.AddressOf(Sheets.Clients, WorkbookLabels.Clients.New), WorkbookLabels.Clients.New);
    }

    [Fact]
    public void Parse_ChildrenAtHomeAboveThatGendersClients_ReportsChildrenExceedClients()
    {
        // Women have 100 clients in the age table.
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Clients, WorkbookLabels.Clients.WithChildrenRow, Women, 101);

        AssertFinding(Parse(workbook), FindingCodes.ChildrenExceedClients, Severity.Error, Sheets.Clients,
            workbook.AddressOf(Sheets.Clients, WorkbookLabels.Clients.WithChildrenRow, Women), "Antal klienter, Kvinnor");
    }

    [Fact]
    public void Parse_ChildrenAtHomeEqualToClients_IsAccepted() =>
        Assert.Equal(100, AssertValid(Parse(TestWorkbook.Valid().SetCell(Sheets.Clients, WorkbookLabels.Clients.WithChildrenRow, Women, 100)))
            .Clients!.WithChildrenAtHome.Women);

    [Fact]
    public void Parse_ClientRowMissing_ReportsTableRowMissing() =>
        AssertFinding(Parse(TestWorkbook.Valid().RemoveRow(Sheets.Clients, Men)), FindingCodes.TableRowMissing, Severity.Error, Sheets.Clients, null, Men);

    [Fact]
    public void Parse_ContactReasonAboveThatGendersClients_ReportsContactReasonExceedsClients()
    {
        // One client of other gender; two gave housing as a reason.
        var workbook = TestWorkbook.Valid().SetCell(Sheets.ContactReasons, "Bostad", Other, 2);

        AssertFinding(Parse(workbook), FindingCodes.ContactReasonExceedsClients, Severity.Error, Sheets.ContactReasons,
            workbook.AddressOf(Sheets.ContactReasons, "Bostad", Other), "Bostad, Annan könstillhörighet");
    }

    [Fact]
    public void Parse_ContactReasonsMayTogetherExceedClients()
    {
        var workbook = TestWorkbook.Valid();
        foreach (var (_, reason) in WorkbookLabels.ContactReasons)
        {
            workbook.SetCell(Sheets.ContactReasons, reason, Other, 1);
        }

        Assert.Equal(7, AssertValid(Parse(workbook)).ContactReasons!.Where(r => r.Key.Gender == Gender.OtherGender).Sum(r => r.Value));
    }

    [Fact]
    public void Parse_WaitingYesWithoutDays_ReportsWaitingDaysMissing()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays, null);

        AssertFinding(Parse(workbook), FindingCodes.WaitingDaysMissing, Severity.Error, Sheets.Waiting,
            workbook.AddressOf(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays), WorkbookLabels.Waiting.EstimatedDays);
    }

    [Fact]
    public void Parse_WaitingYesWithZeroDays_IsAcceptedWithAWarning()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays, 0);
        var result = Parse(workbook);

        var warning = AssertFinding(result, FindingCodes.WaitingZeroDays, Severity.Warning, Sheets.Waiting,
            workbook.AddressOf(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays), WorkbookLabels.Waiting.EstimatedDays);
        Assert.Contains("0 dagar", warning.Message, StringComparison.Ordinal);
        var waiting = AssertValid(result).Waiting!;
        Assert.True(waiting.HasWaitingTime);
        Assert.Equal(0, waiting.EstimatedWaitingDays);
    }

    [Fact]
    public void Parse_WaitingNoWithDays_ReportsWaitingDaysWithoutWaiting()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.HasWaitingTime, "Nej");

        AssertFinding(Parse(workbook), FindingCodes.WaitingDaysWithoutWaiting, Severity.Error, Sheets.Waiting,
            workbook.AddressOf(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays), WorkbookLabels.Waiting.EstimatedDays);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void Parse_WaitingNoWithZeroOrEmptyDays_IsAccepted(object? days)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid()
            .Set(Sheets.Waiting, WorkbookLabels.Waiting.HasWaitingTime, "nej")
            .Set(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays, days)));

        Assert.False(report.Waiting!.HasWaitingTime);
        Assert.Equal(0, report.Waiting.EstimatedWaitingDays);
    }

    [Fact]
    public void Parse_WaitingOverAYear_WarnsButAccepts()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays, 366);
        var result = Parse(workbook);

        AssertFinding(result, FindingCodes.WaitingDaysOver365, Severity.Warning, Sheets.Waiting,
            workbook.AddressOf(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays), WorkbookLabels.Waiting.EstimatedDays);
        Assert.Equal(366, result.Report!.Waiting!.EstimatedWaitingDays);
    }

    [Fact]
    public void Parse_WaitingOfExactlyAYear_DoesNotWarn() =>
        Assert.Empty(Parse(TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays, 365)).Findings);

    [Fact]
    public void Parse_HasWaitingTimeEmpty_ReportsValueMissing()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.HasWaitingTime, null);

        AssertFinding(Parse(workbook), FindingCodes.ValueMissing, Severity.Error, Sheets.Waiting,
            workbook.AddressOf(Sheets.Waiting, WorkbookLabels.Waiting.HasWaitingTime), WorkbookLabels.Waiting.HasWaitingTime);
    }

    [Theory]
    [InlineData("J", true)]
    [InlineData("ja", true)]
    [InlineData("X", true)]
    [InlineData("x", true)]
    [InlineData("JA", true)]
    [InlineData("N", false)]
    [InlineData("nej", false)]
    [InlineData("NEJ ", false)]
    public void Parse_YesNoVariants_AreRead(string text, bool expected)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Management, WorkbookLabels.Management.DeficiencyRoutine, text)));

        Assert.Equal(expected, report.ManagementGroup!.HasDeficiencyRoutine);
    }

    [Theory]
    [InlineData("kanske")]
    [InlineData("1")]
    public void Parse_YesNoOtherText_ReportsNotYesNo(string text)
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Management, WorkbookLabels.Management.DeficiencyRoutine, text);

        AssertFinding(Parse(workbook), FindingCodes.ValueNotYesNo, Severity.Error, Sheets.Management,
            workbook.AddressOf(Sheets.Management, WorkbookLabels.Management.DeficiencyRoutine), WorkbookLabels.Management.DeficiencyRoutine);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData("hög")]
    public void Parse_PriorityNotOneToThree_ReportsPriorityInvalid(object rank)
    {
        var group = "Övrigt";
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Waiting, group, WorkbookLabels.Waiting.PriorityHeader, rank);

        AssertFinding(Parse(workbook), FindingCodes.PriorityInvalid, Severity.Error, Sheets.Waiting,
            workbook.AddressOf(Sheets.Waiting, group, WorkbookLabels.Waiting.PriorityHeader), "Övrigt, Prioritet");
    }

    [Fact]
    public void Parse_PrioritiesWithoutPriorityOrder_ReportsEachRankedGroup()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.HasPriorityOrder, "Nej");
        var result = Parse(workbook);

        Assert.Equal(3, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal(FindingCodes.PriorityWithoutOrder, f.Code));
        Assert.Equal(
            WorkbookLabels.PriorityGroups.Take(3).Select(g => workbook.AddressOf(Sheets.Waiting, g.Label, WorkbookLabels.Waiting.PriorityHeader)),
            result.Findings.Select(f => f.Cell));
    }

    [Fact]
    public void Parse_NoPriorityOrderAndNoRanks_IsAccepted()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.HasPriorityOrder, "Nej");
        foreach (var (_, label) in WorkbookLabels.PriorityGroups)
        {
            workbook.SetCell(Sheets.Waiting, label, WorkbookLabels.Waiting.PriorityHeader, null);
        }

        var report = AssertValid(Parse(workbook));
        Assert.False(report.Waiting!.HasPriorityOrder);
        Assert.Empty(report.Waiting.Priorities);
    }

    [Fact]
    public void Parse_PriorityTypedAsText_IsRead() =>
        Assert.Equal(2, AssertValid(Parse(TestWorkbook.Valid().SetCell(Sheets.Waiting, "Övrigt", WorkbookLabels.Waiting.PriorityHeader, " 2 ")))
            .Waiting!.Priorities[PriorityGroup.Other]);

    [Fact]
    public void Parse_RepresentedWithX_CompletesTheManagementGroup()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().SetCell(Sheets.Management, "Arbetsförmedlingen", WorkbookLabels.Management.RepresentedHeader, "X")));

        Assert.True(report.ManagementGroup!.IsComplete);
        Assert.False(TestWorkbook.ExpectedReport.ManagementGroup!.IsComplete);
    }

    [Fact]
    public void Parse_RepresentedEmpty_ReportsValueMissing()
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Management, "Kommunen", WorkbookLabels.Management.RepresentedHeader, null);

        AssertFinding(Parse(workbook), FindingCodes.ValueMissing, Severity.Error, Sheets.Management,
            workbook.AddressOf(Sheets.Management, "Kommunen", WorkbookLabels.Management.RepresentedHeader), "Kommunen, Representerad");
    }

    [Fact]
    public void Parse_MeetingsNotACount_ReportsNotACount()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Management, WorkbookLabels.Management.Meetings, "fyra");

        AssertFinding(Parse(workbook), FindingCodes.ValueNotACount, Severity.Error, Sheets.Management,
            workbook.AddressOf(Sheets.Management, WorkbookLabels.Management.Meetings), WorkbookLabels.Management.Meetings);
    }

    [Fact]
    public void Parse_DeficienciesEndAtTheFirstEmptyRow()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Deficiencies(
            ["Central nivå", "Arbetsförmedlingen", "Brist ett", null, null],
            ["Lokal nivå", "Övrigt", "Brist två", "Konsekvens", "Åtgärd"],
            [null, null, null, null, null],
            ["Nivå som inte finns", "Fel", null, null, null])));

        Assert.Equal(
            [
                new SystemDeficiency(DeficiencyLevel.Central, DeficiencyArea.EmploymentService, "Brist ett", null, null),
                new SystemDeficiency(DeficiencyLevel.Local, DeficiencyArea.Other, "Brist två", "Konsekvens", "Åtgärd"),
            ],
            report.SystemDeficiencies!);
    }

    [Fact]
    public void Parse_NoDeficiencies_GivesAnEmptyList() =>
        Assert.Empty(AssertValid(Parse(TestWorkbook.Valid().Deficiencies())).SystemDeficiencies!);

    [Fact]
    public void Parse_DeficiencyLevelNotInList_ReportsNotInList()
    {
        var workbook = TestWorkbook.Valid().Deficiencies(["Nationell nivå", "Socialtjänst", "Brist", null, null]);

        AssertFinding(Parse(workbook), FindingCodes.ValueNotInList, Severity.Error, Sheets.Deficiencies,
            workbook.DeficiencyAddress(0, WorkbookLabels.Deficiencies.Level), WorkbookLabels.Deficiencies.Level);
    }

    [Fact]
    public void Parse_DeficiencyAreaNotInList_ReportsNotInList()
    {
        var workbook = TestWorkbook.Valid().Deficiencies(["Lokal nivå", "Skolan", "Brist", null, null]);

        AssertFinding(Parse(workbook), FindingCodes.ValueNotInList, Severity.Error, Sheets.Deficiencies,
            workbook.DeficiencyAddress(0, WorkbookLabels.Deficiencies.Area), WorkbookLabels.Deficiencies.Area);
    }

    [Fact]
    public void Parse_DeficiencyWithoutDescription_ReportsValueMissing()
    {
        var workbook = TestWorkbook.Valid().Deficiencies(
            ["Lokal nivå", "Socialtjänst", "Brist", null, null],
            ["Lokal nivå", "Socialtjänst", null, "Konsekvens utan brist", null]);

        AssertFinding(Parse(workbook), FindingCodes.ValueMissing, Severity.Error, Sheets.Deficiencies,
            workbook.DeficiencyAddress(1, WorkbookLabels.Deficiencies.Description), WorkbookLabels.Deficiencies.Description);
    }

    [Fact]
    public void Parse_DeficiencyTextOver4000Characters_ReportsTextTooLong()
    {
        var workbook = TestWorkbook.Valid().Deficiencies(
            ["Lokal nivå", "Socialtjänst", new string('a', 4000), null, null],
            ["Lokal nivå", "Socialtjänst", "Brist", new string('b', 4001), null]);

        AssertFinding(Parse(workbook), FindingCodes.TextTooLong, Severity.Error, Sheets.Deficiencies,
            workbook.DeficiencyAddress(1, WorkbookLabels.Deficiencies.Consequence), WorkbookLabels.Deficiencies.Consequence);
    }

    [Fact]
    public void Parse_DeficiencyTextOf4000Characters_IsAccepted() =>
        Assert.Equal(4000, AssertValid(Parse(TestWorkbook.Valid().Deficiencies(["Lokal nivå", "Socialtjänst", new string('a', 4000), null, null])))
            .SystemDeficiencies![0].Description.Length);
}
