using System.Net.Mail;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.DevHost.Samples;
using static PoIntake.Tests.Samples.PublishedCsv;

namespace PoIntake.Tests.Samples;

public sealed class SampleSetTests
{
    public static TheoryData<int> Years => [2020, 2021];

    private static readonly (AgeGroup Age, string Column)[] AgeColumns =
    [
        (AgeGroup.Age18To29, "age_18_29"), (AgeGroup.Age30To49, "age_30_49"),
        (AgeGroup.Age50To64, "age_50_64"), (AgeGroup.Age65Plus, "age_65_plus"),
    ];

    private static List<AnnualReport> Reports(int year) => SampleSet.Valid(year).Select(s => s.Report).ToList();

    [Theory]
    [MemberData(nameof(Years))]
    public void Valid_ClientsByGenderAndAgeSumToThePublishedCells(int year)
    {
        var reports = Reports(year);

        foreach (var row in ForYear("clients-by-gender-age.csv", year))
        {
            var gender = row["gender"] == "women" ? Gender.Women : Gender.Men;
            foreach (var (age, column) in AgeColumns)
            {
                Assert.Equal(Int(row[column]), reports.Sum(r => r.Clients!.ByGenderAndAge[(gender, age)]));
            }

            Assert.Equal(Int(row["total"]), reports.Sum(r => r.Clients!.ForGender(gender)));
        }

        Assert.Equal(
            (int)National(year, "clients_total"),
            reports.Sum(r => r.Clients!.ForGender(Gender.Women) + r.Clients.ForGender(Gender.Men)));
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Valid_NationalCountsEqualThePublishedFigures(int year)
    {
        var reports = Reports(year);

        Assert.Equal(National(year, "ombud"), reports.Sum(r => r.Ombud!.Ombud.Total));
        Assert.Equal(National(year, "full_time_equivalents"), reports.Sum(r => r.Ombud!.FullTimeEquivalents));
        Assert.Equal(National(year, "clients_new"), reports.Sum(r => r.Clients!.New));
        Assert.Equal(National(year, "clients_ended"), reports.Sum(r => r.Clients!.Ended));
        Assert.Equal(National(year, "clients_with_children_at_home_women"), reports.Sum(r => r.Clients!.WithChildrenAtHome.Women));
        Assert.Equal(National(year, "clients_with_children_at_home_men"), reports.Sum(r => r.Clients!.WithChildrenAtHome.Men));
        Assert.Equal(National(year, "grant_paid_sek"), reports.Sum(r => r.Economy!.GrantedSek));
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Valid_OneReportPerCountyWithOperationsCoveringItsPublishedNumberOfMunicipalities(int year)
    {
        var registry = MunicipalityRegistry.Default;
        var published = ForYear("municipalities-by-county.csv", year)
            .Where(r => Int(r["operations"]) > 0)
            .ToDictionary(r => registry.FindCounty(r["lan"])!.Code, r => Int(r["municipalities_offering_po"]));
        var samples = SampleSet.Valid(year);

        Assert.Equal(published.Keys.Order(), samples.Select(s => s.CountyCode).Order());
        Assert.DoesNotContain(samples, s => s.CountyCode == "09");
        foreach (var sample in samples)
        {
            var codes = sample.Report.Operation.MunicipalityCodes;
            Assert.Equal(published[sample.CountyCode], codes.Count);
            Assert.Equal(codes.Count, codes.Distinct().Count());
            Assert.All(codes, c => Assert.Equal(sample.CountyCode, registry.FindMunicipality(c)?.CountyCode));
            Assert.Equal(sample.CountyCode, sample.Report.Operation.CountyCode);
        }
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Valid_WaitingTimesAreThePublishedEstimatesInDays(int year)
    {
        var registry = MunicipalityRegistry.Default;
        var samples = SampleSet.Valid(year).ToDictionary(s => s.CountyCode);

        foreach (var row in ForYear("waiting-times-by-county.csv", year))
        {
            var waiting = samples[registry.FindCounty(row["lan"])!.Code].Report.Waiting!;
            var days = Int(row["estimated_waiting"]) * (row["unit"] == "weeks" ? 7 : 1);
            var expectWaiting = Int(row["operations_with_waiting_time"]) > 0;
            Assert.Equal(expectWaiting, waiting.HasWaitingTime);
            Assert.Equal(expectWaiting ? days : 0, waiting.EstimatedWaitingDays);
        }
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Valid_EveryReportRespectsTheContractRules(int year)
    {
        foreach (var sample in SampleSet.Valid(year))
        {
            var violations = ContractRules.Check(sample.Report);
            Assert.True(violations.Count == 0, $"{sample.Slug} {year}: {string.Join("; ", violations)}");
        }
    }

    [Fact]
    public void Valid_2021HasNoOtherGenderClients_ThePublishedTotalCountsWomenAndMenOnly()
    {
        var reports = Reports(2021);

        Assert.All(reports, r => Assert.Equal(0, r.Clients!.ForGender(Gender.OtherGender)));
        Assert.Equal(National(2021, "clients_total"), reports.Sum(r => r.Clients!.Total));
    }

    [Fact]
    public void Valid_2020OtherGenderCellsAreSmallButPresent()
    {
        const int year = 2020;
        var cells = Reports(year)
            .SelectMany(r => r.Clients!.ByGenderAndAge.Where(kv => kv.Key.Gender == Gender.OtherGender).Select(kv => kv.Value))
            .ToList();

        Assert.All(cells, c => Assert.InRange(c, 0, 3));
        Assert.Contains(cells, c => c is >= 1 and <= 3);
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Valid_BooleanAnswersApproximateTheNationalShares(int year)
    {
        var reports = Reports(year);
        var operations = 107m;

        AssertShare(National(year, "operations_with_priority_order") / operations, reports.Count(r => r.Waiting!.HasPriorityOrder), reports.Count);
        AssertShare(National(year, "management_groups_complete") / operations, reports.Count(r => r.ManagementGroup!.IsComplete), reports.Count);
        AssertShare(National(year, "operations_with_deficiency_routine") / operations, reports.Count(r => r.ManagementGroup!.HasDeficiencyRoutine), reports.Count);
    }

    [Fact]
    public void Valid_SameOperationsKeepTheirNamesAcrossYearsSoPreviousYearComparisonApplies()
    {
        var names2020 = SampleSet.Valid(2020).Select(s => s.Report.Operation.Name);
        var names2021 = SampleSet.Valid(2021).Select(s => s.Report.Operation.Name);

        Assert.Equal(names2020.Order(), names2021.Order());
    }

    [Fact]
    public void NilReturn_IsInactiveWithOnlyTheOperationSheet()
    {
        var sample = SampleSet.NilReturn();

        Assert.True(sample.Report.IsNilReturn);
        Assert.Null(sample.Report.Ombud);
        Assert.Null(sample.Report.Clients);
        Assert.NotEmpty(sample.Report.Operation.ContactPerson);
        Assert.Empty(ContractRules.CheckOperation(sample.Report.Operation));
        Assert.DoesNotContain(SampleSet.Valid(2021), s => s.Slug == sample.Slug);
        Assert.Contains(SampleSet.Valid(), s => s.Slug == sample.Slug);
    }

    [Fact]
    public void Valid_ContactAddressesAreExampleDomains()
    {
        Assert.All(
            SampleSet.Valid(),
            s => Assert.EndsWith(".example.se", new MailAddress(s.Report.Operation.ContactEmail).Host, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Personligt ombud Skåne nordost", "personligt-ombud-skane-nordost")]
    [InlineData("PO Östergötland – väst", "po-ostergotland-vast")]
    public void Slug_IsLowerCaseAsciiWithHyphens(string name, string expected)
    {
        Assert.Equal(expected, SampleSet.Slug(name));
    }

    private static void AssertShare(decimal nationalShare, int yes, int reports)
    {
        var share = (decimal)yes / reports;
        Assert.InRange(share, nationalShare - 0.05m, nationalShare + 0.05m);
    }
}
