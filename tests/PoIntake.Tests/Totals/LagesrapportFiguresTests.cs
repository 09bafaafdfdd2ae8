using System.Text.Json;
using Microsoft.Extensions.Options;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;
using PoIntake.Tests.Grants;

namespace PoIntake.Tests.Totals;

/// <summary>The totals fields the lägesrapport's further tables need: supervision, meetings, övriga utförare, Tabell 5, overlaps.</summary>
public sealed class LagesrapportFiguresTests
{
    private static readonly DateTimeOffset Now = new(2022, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<(Gender, AgeGroup), int> NoClients = new Dictionary<(Gender, AgeGroup), int>();

    private static TotalsResult Calculate(int year, IEnumerable<AnnualReport> reports, AppropriationOptions? appropriation = null) =>
        new TotalsCalculator(MunicipalityRegistry.Default, appropriation is null ? null : Options.Create(appropriation))
            .Calculate(year, reports.Select((r, i) => PublishedReportSets.Content(Current(r, i), r)).ToArray(), [], Now);

    /// <summary>As the intake stores a report (name, provider and organisation form on the CurrentReports row).</summary>
    private static CurrentReport Current(AnnualReport report, int index) =>
        PublishedReportSets.Current(report, index) with
        {
            OperationName = report.Operation.Name,
            ProviderName = report.Operation.ProviderName,
            OrganisationForm = ReportVersionStore.OrganisationFormId(report.Operation),
        };

    private static AnnualReport Report(int seed, string county, string name, params string[] municipalities) =>
        PublishedReportSets.RandomReport(new Random(seed), 2021, county, name, municipalities, NoClients);

    private static AnnualReport RunBy(AnnualReport report, string provider, OrganisationForm form) =>
        report with { Operation = report.Operation with { OperatingForm = OperatingForm.OtherProvider, ProviderName = provider, OrganisationForm = form } };

    [Fact]
    public void OmbudWithSupervision_IsTheSumPerGenderOverActiveReports()
    {
        var a = Report(1, "01", "A", "0114") with { Ombud = new OmbudFigures(new GenderCounts(5, 3, 1), new GenderCounts(4, 2, 1), 8m) };
        var b = Report(2, "03", "B", "0380") with { Ombud = new OmbudFigures(new GenderCounts(2, 2, 0), new GenderCounts(1, 0, 0), 3m) };
        var nil = PublishedReportSets.NilReturn(2021, "12", "C", "1280");

        var totals = Calculate(2021, [a, b, nil]).Totals;

        Assert.Equal((5, 2, 1, 8), (totals.OmbudWithSupervision![Gender.Women], totals.OmbudWithSupervision[Gender.Men], totals.OmbudWithSupervision[Gender.OtherGender], totals.OmbudWithSupervision.Total));
        Assert.Equal(totals.Ombud.WithSupervision, totals.OmbudWithSupervision.Total);
    }

    [Fact]
    public void ManagementGroupMeetings_MedianAndRangeOverReportsThatAnswered()
    {
        AnnualReport With(int meetings, int seed) => Report(seed, "01", "PO " + seed, "0114") is var r
            ? r with { ManagementGroup = r.ManagementGroup! with { Meetings = meetings } }
            : throw new InvalidOperationException();
        var reports = new[] { With(4, 1), With(10, 2), With(2, 3), With(6, 4), PublishedReportSets.NilReturn(2021, "03", "Vilande", "0380") };

        var meetings = Calculate(2021, reports).Totals.ManagementGroupMeetings!;

        Assert.Equal((4, 5m, 2, 10), (meetings.OperationsReporting, meetings.Median, meetings.Min, meetings.Max));
        Assert.Equal(new MeetingTotals(0, null, null, null), Calculate(2021, [PublishedReportSets.NilReturn(2021, "03", "Vilande", "0380")]).Totals.ManagementGroupMeetings);
    }

    [Fact]
    public void OtherProviders_OneRowPerProvider_CountiesJoined_OrderedAsTheReport()
    {
        var reports = new[]
        {
            RunBy(Report(1, "14", "PO Göteborg", "1480"), "Bräcke Diakoni", OrganisationForm.Foundation),
            RunBy(Report(2, "03", "PO Uppsala", "0380"), "Bräcke diakoni", OrganisationForm.Foundation),
            RunBy(Report(3, "06", "PO Gnosjö", "0617"), "Kamratstöd", OrganisationForm.EconomicAssociation),
            RunBy(Report(4, "25", "PO Lappland", "2584", "2523"), "Lapplands kommunalförbund", OrganisationForm.MunicipalAssociation),
            RunBy(Report(5, "10", "PO Blekinge", "1080"), "Cura Individutveckling", OrganisationForm.MunicipalAssociation),
            RunBy(Report(6, "07", "PO Kronoberg", "0780"), "Personligt ombud Kronoberg", OrganisationForm.Region),
            Report(7, "01", "PO Stockholm", "0180"),
            PublishedReportSets.NilReturn(2021, "12", "PO Nedlagd", "1280") is var nil
                ? RunBy(nil, "Stängd förening", OrganisationForm.NonProfitAssociation)
                : throw new InvalidOperationException(),
        };

        var providers = Calculate(2021, reports).Totals.OtherProviders!;

        Assert.Equal(
            ["Cura Individutveckling", "Lapplands kommunalförbund", "Personligt ombud Kronoberg", "Bräcke diakoni", "Kamratstöd"],
            providers.Select(p => p.Name));
        var bracke = providers.Single(p => p.Name == "Bräcke diakoni");
        Assert.Equal(["03", "14"], bracke.Counties.Select(c => c.Code));
        Assert.Equal(["Uppsala", "Västra Götaland"], bracke.Counties.Select(c => c.Name));
        Assert.Equal(("foundation", 2, 2), (bracke.OrganisationForm, bracke.Operations, bracke.Municipalities));
        Assert.Equal(2, providers.Single(p => p.Name == "Lapplands kommunalförbund").Municipalities);
    }

    [Fact]
    public void BudgetAndOutcome_2017_ThreeLinesRepaymentAndWhatGoesBackToTheTreasury()
    {
        // Lägesrapport 2017 Tabell 5; the statsbidrag's utfall is the granted sum of the reports (95 477 760).
        var appropriation = Appropriation(2017, 98_760_000m, 60_480m, ("Socialstyrelsen (inkl. webb, utbildning mm.)", 2_700_000m, 2_736_026m), ("Länsstyrelsernas administration", 3_000_000m, 3_000_000m));
        var a = Report(1, "01", "A", "0114") with { Economy = new Economy(50_000_000m, 49_000_000m) };
        var b = Report(2, "03", "B", "0380") with { Economy = new Economy(45_477_760m, 45_000_000m) };

        var budget = Calculate(2017, [a, b], appropriation).Totals.BudgetAndOutcome!;

        Assert.Equal(
            [
                ("Socialstyrelsen (inkl. webb, utbildning mm.)", 2_700_000m, 2_736_026m),
                ("Länsstyrelsernas administration", 3_000_000m, 3_000_000m),
                (BudgetAndOutcomeTotals.GrantsLineLabel, 98_760_000m, 95_477_760m),
            ],
            budget.Lines.Select(l => (l.Label, l.BudgetSek!.Value, l.OutcomeSek!.Value)));
        Assert.Equal(104_460_000m, budget.TotalBudgetSek);
        Assert.Equal(101_213_786m, budget.TotalOutcomeSek);
        Assert.Equal(60_480m, budget.RepaidSek);
        Assert.Equal(101_153_306m, budget.NetOutcomeSek);
        Assert.Equal(3_306_694m, budget.UnusedSek);
    }

    [Fact]
    public void BudgetAndOutcome_StatsbidragsUtfallIsTheRegistersPaidAmounts_TheReportsGrantBesideItAsTheCheck()
    {
        // The municipalities report 1 000 000 + 500 000 granted; the county boards' registers say they paid 900 000 and
        // 450 000 (one granted application not yet paid in full, one refused: nothing).
        var a = Report(1, "01", "A", "0114") with { Economy = new Economy(1_000_000m, 900_000m) };
        var b = Report(2, "03", "B", "0380") with { Economy = new Economy(500_000m, 500_000m) };
        var appropriation = Appropriation(2021, 2_000_000m, 0m, ("Socialstyrelsen", 100_000m, 80_000m));
        GrantRegister[] registers =
        [
            new(2021, "01", "v1", Now, [
                InMemoryGrantRegisters.Application(2021, "01", "A", ["0114"], grantedSek: 1_000_000m) with { PaidSek = 900_000m },
                InMemoryGrantRegisters.Application(2021, "01", "C", ["0115"], GrantDecision.Refused, row: 3)]),
            new(2021, "03", "v3", Now, [InMemoryGrantRegisters.Application(2021, "03", "B", ["0380"], grantedSek: 500_000m) with { PaidSek = 450_000m }]),
        ];

        var budget = new TotalsCalculator(MunicipalityRegistry.Default, Options.Create(appropriation))
            .Calculate(2021, new[] { a, b }.Select((r, i) => PublishedReportSets.Content(Current(r, i), r)).ToArray(), [], Now, registers)
            .Totals.BudgetAndOutcome!;

        Assert.Equal((2_000_000m, 1_350_000m), (budget.Lines[^1].BudgetSek!.Value, budget.Lines[^1].OutcomeSek!.Value));
        Assert.Equal(1_500_000m, budget.ReportedGrantedSek);
        Assert.Equal(BudgetAndOutcomeTotals.FromGrantRegisters, budget.GrantsOutcomeSource);
        Assert.Equal((1_430_000m, 670_000m), (budget.TotalOutcomeSek!.Value, budget.UnusedSek!.Value));

        // Without any register for the year the reports' figure is all there is, and the answer says so.
        var fallback = Calculate(2021, [a, b], appropriation).Totals.BudgetAndOutcome!;
        Assert.Equal((1_500_000m, BudgetAndOutcomeTotals.FromAnnualReports), (fallback.Lines[^1].OutcomeSek!.Value, fallback.GrantsOutcomeSource));
    }

    [Fact]
    public void BudgetAndOutcome_NoAppropriationForTheYear_IsNull_UndecidedRepaymentCountsAsNone_UnknownUtfallLeavesSumsOpen()
    {
        var report = Report(1, "01", "A", "0114") with { Economy = new Economy(1_000_000m, 900_000m) };
        var appropriation = Appropriation(2021, 2_000_000m, null, ("Socialstyrelsen", 100_000m, 80_000m));
        appropriation.Years["2022"] = new AppropriationYear { GrantsSek = 2_000_000m, OtherLines = [new BudgetLine { Label = "Socialstyrelsen", BudgetSek = 100_000m }] };

        Assert.Null(Calculate(2020, [report], appropriation).Totals.BudgetAndOutcome);
        Assert.Null(Calculate(2021, [report]).Totals.BudgetAndOutcome);

        var undecided = Calculate(2021, [report], appropriation).Totals.BudgetAndOutcome!;
        Assert.Null(undecided.RepaidSek);
        Assert.Equal((1_080_000m, 1_080_000m, 1_020_000m), (undecided.TotalOutcomeSek!.Value, undecided.NetOutcomeSek!.Value, undecided.UnusedSek!.Value));

        var open = Calculate(2022, [report with { Operation = report.Operation with { Year = 2022 } }], appropriation).Totals.BudgetAndOutcome!;
        Assert.Equal(2_100_000m, open.TotalBudgetSek);
        Assert.Null(open.TotalOutcomeSek);
        Assert.Null(open.UnusedSek);
    }

    [Fact]
    public void OverlappingCoverage_MunicipalityCountedOnceNationallyAndInItsCounty_AndListedWithBothReports()
    {
        var north = Report(1, "01", "PO Norr", "0114", "0115");
        var south = Report(2, "01", "PO Söder", "0115", "0117");
        var nil = PublishedReportSets.NilReturn(2021, "01", "PO Vilande", "0117");

        var totals = Calculate(2021, [north, south, nil]).Totals;

        Assert.Equal(3, totals.Municipalities.OfferingPo);
        Assert.Equal(3, totals.Counties.Single(c => c.Code == "01").MunicipalitiesOfferingPo);
        var overlap = Assert.Single(totals.OverlappingMunicipalities!);
        Assert.Equal(("0115", "Vallentuna", "01"), (overlap.MunicipalityCode, overlap.MunicipalityName, overlap.CountyCode));
        Assert.Equal(["po-norr", "po-söder"], overlap.Reports.Select(r => r.OperationKey));
        Assert.Equal(["PO Norr", "PO Söder"], overlap.Reports.Select(r => r.OperationName));
    }

    [Fact]
    public void Serialize_NewFieldsFollowCountiesUnderTheirApiNames()
    {
        var report = RunBy(Report(1, "01", "A", "0114"), "Parasoll", OrganisationForm.LimitedCompany);
        var totals = Calculate(2021, [report], Appropriation(2021, 130_000_000m, 0m, ("Socialstyrelsen", 1_500_000m, 1_483_382m))).Totals;

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(totals, TotalsJson.Options));
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(
            ["counties", "ombudWithSupervision", "managementGroupMeetings", "otherProviders", "budgetAndOutcome", "overlappingMunicipalities", "followUp"],
            names[Array.IndexOf(names, "counties")..]);
        var root = json.RootElement;
        Assert.True(root.GetProperty("ombudWithSupervision").TryGetProperty("otherGender", out _));
        Assert.True(root.GetProperty("managementGroupMeetings").TryGetProperty("operationsReporting", out _));
        var provider = root.GetProperty("otherProviders")[0];
        Assert.Equal("limitedCompany", provider.GetProperty("organisationForm").GetString());
        Assert.Equal("Stockholm", provider.GetProperty("counties")[0].GetProperty("name").GetString());
        var budget = root.GetProperty("budgetAndOutcome");
        foreach (var name in new[] { "lines", "totalBudgetSek", "totalOutcomeSek", "repaidSek", "netOutcomeSek", "unusedSek" })
        {
            Assert.True(budget.TryGetProperty(name, out _), name);
        }

        Assert.Equal("Socialstyrelsen", budget.GetProperty("lines")[0].GetProperty("label").GetString());
        Assert.Equal(1_483_382m, budget.GetProperty("lines")[0].GetProperty("outcomeSek").GetDecimal());
    }

    [Fact]
    public void Csv_AppendsSupervisionByGenderMeetingsAndTabell5AfterTheCountyRows()
    {
        var report = Report(1, "01", "A", "0114") with
        {
            Ombud = new OmbudFigures(new GenderCounts(5, 3, 0), new GenderCounts(4, 2, 0), 7m),
            Economy = new Economy(129_595_233m, 129_000_000m),
        };
        report = report with { ManagementGroup = report.ManagementGroup! with { Meetings = 6 } };
        var totals = Calculate(2021, [report], Appropriation(2021, 130_000_000m, 0m, ("Socialstyrelsen", 1_500_000m, 1_483_382m))).Totals;

        var lines = System.Text.Encoding.UTF8.GetString(new TotalsCsvExporter().Export(totals)).Split("\r\n");
        var lastCounty = Array.FindLastIndex(lines, l => l.Contains("county=", StringComparison.Ordinal));

        Assert.Equal(
            [
                "ombudWithSupervision,gender=women,4", "ombudWithSupervision,gender=men,2", "ombudWithSupervision,gender=otherGender,0",
                "operationsReportingManagementGroupMeetings,,1", "medianManagementGroupMeetings,,6", "minManagementGroupMeetings,,6", "maxManagementGroupMeetings,,6",
                "budgetTotalSek,,131500000", "outcomeTotalSek,,131078615", "repaidSek,,0", "netOutcomeSek,,131078615", "unusedSek,,421385",
                "grantsOutcomeSek,source=annualReports,129595233", "grantsReportedByMunicipalitiesSek,,129595233", "",
            ],
            lines[(lastCounty + 1)..]);
    }

    private static AppropriationOptions Appropriation(int year, decimal grants, decimal? repaid, params (string Label, decimal Budget, decimal Outcome)[] lines)
    {
        var options = new AppropriationOptions();
        options.Years[year.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new AppropriationYear
        {
            GrantsSek = grants,
            RepaidSek = repaid,
            OtherLines = [.. lines.Select(l => new BudgetLine { Label = l.Label, BudgetSek = l.Budget, OutcomeSek = l.Outcome })],
        };
        return options;
    }
}
