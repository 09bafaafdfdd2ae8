using System.Text.Json;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Tests.Totals;

public sealed class TotalsCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2022, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TotalsCalculator _calculator = new(MunicipalityRegistry.Default);

    private NationalTotals Calculate(IEnumerable<(CurrentReport Current, AnnualReport Report)> reports, IEnumerable<(CurrentReport Current, AnnualReport Report)>? previous = null) =>
        _calculator.Calculate(
            reports.First().Report.Operation.Year,
            reports.Select(r => PublishedReportSets.Content(r.Current, r.Report)).ToArray(),
            (previous ?? []).Select(r => r.Current).ToArray(),
            Now).Totals;

    [Theory]
    [InlineData(2020)]
    [InlineData(2021)]
    public void Calculate_PublishedReportSet_ReproducesNationalClientTable(int year)
    {
        var totals = Calculate(PublishedReportSets.Build(year, seed: year));
        var published = PublishedReportSets.ClientTable(year);

        int Cell(Gender g, AgeGroup a) => published.GetValueOrDefault((g, a));
        foreach (var gender in Enum.GetValues<Gender>())
        {
            foreach (var age in Enum.GetValues<AgeGroup>())
            {
                Assert.Equal(Cell(gender, age), totals.Clients.ByGenderAndAgeGroup[gender][age]);
            }
        }

        Assert.Equal(published.Where(kv => kv.Key.Gender == Gender.Women).Sum(kv => kv.Value), totals.Clients.ByGender[Gender.Women]);
        Assert.Equal(published.Where(kv => kv.Key.Gender == Gender.Men).Sum(kv => kv.Value), totals.Clients.ByGender[Gender.Men]);
        Assert.Equal(published.Values.Sum(), totals.Clients.Total);
        Assert.Equal(published.Where(kv => kv.Key.Age == AgeGroup.Age65Plus).Sum(kv => kv.Value), totals.Clients.ByAgeGroup[AgeGroup.Age65Plus]);
    }

    [Fact]
    public void Calculate_PublishedReportSets_ReproducesTabell1PerCountyIncludingChange2021()
    {
        var previous = PublishedReportSets.Build(2020, seed: 1);
        var totals = Calculate(PublishedReportSets.Build(2021, seed: 2), previous);
        var rows2021 = PublishedReportSets.CountyRows(2021);
        var rows2020 = PublishedReportSets.CountyRows(2020).ToDictionary(r => r.CountyCode);

        Assert.Equal(21, totals.Counties.Count);
        Assert.Equal(21, rows2021.Count);
        foreach (var row in rows2021)
        {
            var county = Assert.Single(totals.Counties, c => c.Code == row.CountyCode);
            Assert.Equal(row.Municipalities, county.Municipalities);
            Assert.Equal(row.OfferingPo, county.MunicipalitiesOfferingPo);
            Assert.Equal(row.Operations, county.Operations);
            Assert.Equal(row.OfferingPo - rows2020[row.CountyCode].OfferingPo, county.ChangeFromPreviousYear);
        }

        Assert.Equal(rows2021.Sum(r => r.OfferingPo), totals.Municipalities.OfferingPo);
        Assert.Equal(rows2021.Sum(r => r.OfferingPo) - rows2020.Values.Sum(r => r.OfferingPo), totals.Municipalities.ChangeFromPreviousYear);
        Assert.Equal(rows2021.Sum(r => r.Municipalities), totals.Municipalities.Total);
        Assert.Equal(rows2021.Sum(r => r.Operations), totals.Operations);
    }

    [Fact]
    public void Calculate_CountiesInCodeOrderWithNamesFromRegistry_GotlandIncluded()
    {
        var totals = Calculate(PublishedReportSets.Build(2021, seed: 3));

        Assert.Equal(MunicipalityRegistry.Default.Counties.Select(c => (c.Code, c.Name)), totals.Counties.Select(c => (c.Code, c.Name)));
        Assert.Contains(totals.Counties, c => c.Code == "09" && c.Name == "Gotland" && c.Operations == 0 && c.MunicipalitiesOfferingPo == 0);
        Assert.Contains(totals.Counties, c => c.Code == "14" && c.Name == "Västra Götaland");
    }

    [Fact]
    public void Calculate_PublishedReportSet_EveryOtherFieldEqualsSumsOverTheReports()
    {
        var set = PublishedReportSets.Build(2021, seed: 42);
        var reports = set.Select(r => r.Report).ToArray();
        var totals = Calculate(set);

        Assert.Equal(set.Count, totals.ReportsIncluded);
        Assert.Equal(2021, totals.Year);
        Assert.Equal(Now, totals.GeneratedAt);
        Assert.Null(totals.Municipalities.ChangeFromPreviousYear);
        Assert.All(totals.Counties, c => Assert.Null(c.ChangeFromPreviousYear));

        TotalsExpectations.AssertFiguresMatch(reports, totals);

        var stockholm = Assert.Single(totals.Counties, c => c.Code == "01");
        var inStockholm = reports.Where(r => r.Operation.CountyCode == "01").ToArray();
        Assert.Equal(inStockholm.Sum(r => r.Ombud!.Ombud.Total), stockholm.Ombud);
        Assert.Equal(inStockholm.Sum(r => r.Ombud!.FullTimeEquivalents), stockholm.FullTimeEquivalents);
        Assert.Equal(inStockholm.Sum(r => r.Clients!.Total), stockholm.Clients);
        Assert.Equal(inStockholm.Count(r => r.Waiting!.HasWaitingTime), stockholm.OperationsWithWaitingTime);
        Assert.Equal(inStockholm.Where(r => r.Waiting!.HasWaitingTime).Select(r => (int?)r.Waiting!.EstimatedWaitingDays).Max(), stockholm.MaxEstimatedWaitingDays);
    }

    [Fact]
    public void Calculate_NilReturn_CountsAsReceivedButAddsNoFiguresOrOfferingPo()
    {
        var random = new Random(7);
        var clients = new Dictionary<(Gender, AgeGroup), int> { [(Gender.Women, AgeGroup.Age30To49)] = 2 };
        var active = PublishedReportSets.RandomReport(random, 2025, "25", "PO Kiruna", ["2584"], clients);
        var nil = PublishedReportSets.NilReturn(2025, "25", "PO Gällivare", "2523");
        var set = new[] { (PublishedReportSets.Current(active, 1), active), (PublishedReportSets.Current(nil, 2), nil) };

        var totals = Calculate(set);

        Assert.Equal(2, totals.ReportsIncluded);
        Assert.Equal(1, totals.Operations);
        Assert.Equal(1, totals.Municipalities.OfferingPo);
        Assert.Equal(active.Ombud!.Ombud.Total, totals.Ombud.Total);
        var norrbotten = Assert.Single(totals.Counties, c => c.Code == "25");
        Assert.Equal(1, norrbotten.MunicipalitiesOfferingPo);
        Assert.Equal(1, norrbotten.Operations);
    }

    [Fact]
    public void Calculate_SmallCounts_AreExactNotSuppressed()
    {
        var clients = new Dictionary<(Gender, AgeGroup), int> { [(Gender.OtherGender, AgeGroup.Age18To29)] = 2, [(Gender.Men, AgeGroup.Age65Plus)] = 1 };
        var report = PublishedReportSets.RandomReport(new Random(1), 2025, "09", "PO Gotland", ["0980"], clients);

        var totals = Calculate([(PublishedReportSets.Current(report, 1), report)]);

        Assert.Equal(2, totals.Clients.ByGenderAndAgeGroup[Gender.OtherGender][AgeGroup.Age18To29]);
        Assert.Equal(1, totals.Clients.ByGenderAndAgeGroup[Gender.Men][AgeGroup.Age65Plus]);
        Assert.Equal(3, totals.Clients.Total);
    }

    [Fact]
    public void Calculate_EvenNumberOfWaitingOperations_MedianIsMeanOfMiddleTwo()
    {
        var empty = new Dictionary<(Gender, AgeGroup), int>();
        AnnualReport With(int days, string name) => PublishedReportSets.RandomReport(new Random(days), 2025, "01", name, ["0114"], empty) is var r
            ? r with { Waiting = new WaitingFigures(true, days, false, new Dictionary<PriorityGroup, int>()) }
            : throw new InvalidOperationException();
        var noWaiting = PublishedReportSets.RandomReport(new Random(9), 2025, "01", "D", ["0115"], empty) with
        {
            Waiting = new WaitingFigures(false, 0, false, new Dictionary<PriorityGroup, int>()),
        };
        var reports = new[] { With(10, "A"), With(31, "B"), With(90, "C"), With(20, "E"), noWaiting };

        var totals = Calculate(reports.Select((r, i) => (PublishedReportSets.Current(r, i), r)));

        Assert.Equal(4, totals.WaitingTimes.OperationsWithWaitingTime);
        Assert.Equal(25.5m, totals.WaitingTimes.MedianEstimatedDays);
        Assert.Equal(90, totals.WaitingTimes.MaxEstimatedDays);
    }

    [Fact]
    public void Calculate_WaitingYesWithZeroDaysFromAWorkbook_CountsAsWaitingWithZeroDays()
    {
        // As the lägesrapport's Tabell 4 (2021: Kronoberg, Värmland, Västmanland): a verksamhet with waiting time, its estimate 0.
        var zero = Intake.ParserTestKit.AssertValid(Intake.ParserTestKit.Parse(
            Intake.TestWorkbook.Valid().Set(WorkbookLabels.Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays, 0)));
        var ten = PublishedReportSets.RandomReport(new Random(3), zero.Operation.Year, zero.Operation.CountyCode, "PO Tio", ["2580"], new Dictionary<(Gender, AgeGroup), int>()) with
        {
            Waiting = new WaitingFigures(true, 10, false, new Dictionary<PriorityGroup, int>()),
        };

        var totals = Calculate(new[] { zero, ten }.Select((r, i) => (PublishedReportSets.Current(r, i), r)));

        Assert.Equal(2, totals.WaitingTimes.OperationsWithWaitingTime);
        Assert.Equal(5m, totals.WaitingTimes.MedianEstimatedDays);
        var county = Assert.Single(totals.Counties, c => c.Code == zero.Operation.CountyCode);
        Assert.Equal(2, county.OperationsWithWaitingTime);
        Assert.Equal(5m, county.MedianEstimatedWaitingDays);
        Assert.Equal(10, county.MaxEstimatedWaitingDays);
    }

    [Fact]
    public void Calculate_CentralLevelTexts_ListedWithCounty()
    {
        var report = PublishedReportSets.RandomReport(new Random(1), 2025, "12", "PO Malmö", ["1280"], new Dictionary<(Gender, AgeGroup), int>()) with
        {
            SystemDeficiencies =
            [
                new SystemDeficiency(DeficiencyLevel.Central, DeficiencyArea.SocialInsuranceAgency, "Långa handläggningstider", "Ingen ersättning", null),
                new SystemDeficiency(DeficiencyLevel.Local, DeficiencyArea.Healthcare, "Lokal brist", null, null),
            ],
        };
        var current = PublishedReportSets.Current(report, 1);

        var result = _calculator.Calculate(2025, [PublishedReportSets.Content(current, report)], [], Now);

        var text = Assert.Single(result.CentralDeficiencies);
        Assert.Equal(("12", "Skåne", DeficiencyArea.SocialInsuranceAgency, "Långa handläggningstider"), (text.CountyCode, text.CountyName, text.Area, text.Description));
        Assert.Equal(1, result.Totals.SystemDeficiencies.ByLevel[DeficiencyLevel.Central]);
        Assert.Equal(1, result.Totals.SystemDeficiencies.ByLevel[DeficiencyLevel.Local]);
    }

    [Fact]
    public void Serialize_WebDefaults_UsesApiMdKeys()
    {
        var totals = Calculate(PublishedReportSets.Build(2020, seed: 5));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(totals, TotalsJson.Options));
        var root = json.RootElement;

        Assert.Equal(2020, root.GetProperty("year").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("municipalities").GetProperty("changeFromPreviousYear").ValueKind);
        var clients = root.GetProperty("clients");
        Assert.Equal(totals.Clients.New, clients.GetProperty("new").GetInt32());
        Assert.Equal(totals.Clients.ByAgeGroup[AgeGroup.Age65Plus], clients.GetProperty("byAgeGroup").GetProperty("65+").GetInt32());
        Assert.Equal(totals.Clients.ByGenderAndAgeGroup[Gender.Women][AgeGroup.Age18To29], clients.GetProperty("byGenderAndAgeGroup").GetProperty("women").GetProperty("18-29").GetInt32());
        Assert.Equal(4, clients.GetProperty("byAgeGroup").EnumerateObject().Count());
        Assert.Equal(totals.Prioritisation.Groups[PriorityGroup.YoungAdults].Second, root.GetProperty("prioritisation").GetProperty("groups").GetProperty("youngAdults").GetProperty("2").GetInt32());
        Assert.True(root.GetProperty("contactReasons").GetProperty("dailyStructure").TryGetProperty("otherGender", out _));
        Assert.True(root.GetProperty("managementGroups").GetProperty("missing").TryGetProperty("userOrganisations", out _));
        Assert.True(root.GetProperty("systemDeficiencies").GetProperty("byArea").TryGetProperty("otherAuthority", out _));
        Assert.True(root.GetProperty("waitingTimes").TryGetProperty("medianEstimatedDays", out _));
        Assert.True(root.GetProperty("economy").TryGetProperty("grantedSek", out _));
        Assert.Equal(21, root.GetProperty("counties").GetArrayLength());
        var county = root.GetProperty("counties").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "14");
        Assert.Equal("14", county.GetProperty("code").GetString());
        Assert.Equal("Västra Götaland", county.GetProperty("name").GetString());
        foreach (var name in new[] { "municipalities", "municipalitiesOfferingPo", "changeFromPreviousYear", "operations", "operationsWithWaitingTime", "maxEstimatedWaitingDays", "ombud", "fullTimeEquivalents", "clients" })
        {
            Assert.True(county.TryGetProperty(name, out _), name);
        }
    }
}
