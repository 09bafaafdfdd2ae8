using Azure.Data.Tables;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Status;
using PoIntake.Core.Totals;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Intake;

/// <summary>
/// Overlapping coverage end to end on Azurite: two accepted reports of a year that list the same municipality. The second
/// intake's result names the first (COVERAGE_OVERLAP), the county's status lists the overlap for both, and the totals
/// count the municipality once. Also the provider columns the totals' "Övriga utförare" list reads.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CoverageOverlapIntakeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Ingest_SecondReportListingAMunicipalityOfTheFirst_WarnsNamingTheFirst_StatusAndTotalsCountItOnce()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = OriginWithThreeMunicipalities();
        var inCounty = MunicipalityRegistry.Default.InCounty(county).Select(m => m.Code).ToArray();
        var first = WithMunicipalities(TestReports.Create(year, county, "PO Norra delen", seed: 1), inCounty[0], inCounty[1]);
        var second = WithMunicipalities(TestReports.Create(year, county, "PO Södra delen", seed: 2), inCounty[1], inCounty[2]);
        var shared = MunicipalityRegistry.Default.FindMunicipality(inCounty[1])!;

        await h.DropAsync($"{year}/{county}/norra.xlsx", h.Workbook(first));
        var firstRecord = await h.Intake.IngestAsync($"{year}/{county}/norra.xlsx", CancellationToken.None);
        await h.DropAsync($"{year}/{county}/sodra.xlsx", h.Workbook(second));
        var secondRecord = await h.Intake.IngestAsync($"{year}/{county}/sodra.xlsx", CancellationToken.None);

        Assert.Equal(IntakeOutcome.Accepted, firstRecord.Outcome);
        Assert.DoesNotContain(firstRecord.Findings, f => f.Code == FindingCodes.CoverageOverlap);
        Assert.Equal(IntakeOutcome.Accepted, secondRecord.Outcome);
        Assert.Equal("Current", secondRecord.Disposition);
        var warning = Assert.Single(secondRecord.Findings, f => f.Code == FindingCodes.CoverageOverlap);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal((WorkbookLabels.Sheets.Operation, "B7", WorkbookLabels.Operation.Municipalities), (warning.Sheet, warning.Cell, warning.Field));
        Assert.Contains("\"PO Norra delen\"", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"kommunen {shared.Name} ({shared.Code})", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(inCounty[0], warning.Message, StringComparison.Ordinal);

        // The report accepted first learns of it from its county's status.
        var status = await h.Get<StatusService>().GetCountyAsync(year, county, CancellationToken.None);
        var overlap = Assert.Single(status.County.Overlaps!);
        Assert.Equal((shared.Code, shared.Name, county), (overlap.MunicipalityCode, overlap.MunicipalityName, overlap.CountyCode));
        Assert.Equal(["PO Norra delen", "PO Södra delen"], overlap.Reports.Select(r => r.OperationName));
        Assert.Equal(3, status.County.Covered.Count);

        // Other tests' reports share the Azurite year in other counties: look at this county only.
        var totals = (await h.Get<TotalsService>().ComputeAsync(year, "test", CancellationToken.None))!.Totals;
        Assert.Equal(3, totals.Counties.Single(c => c.Code == county).MunicipalitiesOfferingPo);
        Assert.Equal(shared.Code, Assert.Single(totals.OverlappingMunicipalities!, o => o.CountyCode == county).MunicipalityCode);
    }

    [Fact]
    public async Task Ingest_ReuploadOfTheSameVerksamhetWithTheSameMunicipalities_IsNoOverlap()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        await h.DropAsync($"{year}/{county}/a.xlsx", h.Workbook(TestReports.Create(year, county, "PO Samma", seed: 1)));
        await h.Intake.IngestAsync($"{year}/{county}/a.xlsx", CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        await h.DropAsync($"{year}/{county}/b.xlsx", h.Workbook(TestReports.Create(year, county, "PO Samma", seed: 2)));

        var corrected = await h.Intake.IngestAsync($"{year}/{county}/b.xlsx", CancellationToken.None);

        Assert.Equal("Current", corrected.Disposition);
        Assert.DoesNotContain(corrected.Findings, f => f.Code == FindingCodes.CoverageOverlap);
    }

    [Fact]
    public async Task Ingest_OtherProvider_StoresNameAndOrganisationFormForTheTotalsList()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var report = TestReports.Create(year, county, "PO Utförd", seed: 1);
        report = report with
        {
            Operation = report.Operation with
            {
                OperatingForm = OperatingForm.OtherProvider,
                ProviderName = "Stiftelsen Exempel",
                OrganisationForm = OrganisationForm.Foundation,
            },
        };
        await h.DropAsync($"{year}/{county}/utford.xlsx", h.Workbook(report));

        var record = await h.Intake.IngestAsync($"{year}/{county}/utford.xlsx", CancellationToken.None);

        TableEntity current = await h.Table("CurrentReports").GetEntityAsync<TableEntity>($"{year:0000}", $"{county}-po-utförd");
        Assert.Equal(("PO Utförd", "Stiftelsen Exempel", "foundation"), (current.GetString("OperationName"), current.GetString("ProviderName"), current.GetString("OrganisationForm")));
        TableEntity version = await h.Table("ReportVersions").GetEntityAsync<TableEntity>($"{year}-{county}", record.VersionId);
        Assert.Equal(("Stiftelsen Exempel", "foundation"), (version.GetString("ProviderName"), version.GetString("OrganisationForm")));

        var totals = (await h.Get<TotalsService>().ComputeAsync(year, "test", CancellationToken.None))!.Totals;
        var provider = Assert.Single(totals.OtherProviders!, p => p.Counties.Any(c => c.Code == county));
        Assert.Equal(("Stiftelsen Exempel", "foundation", 1, report.Operation.MunicipalityCodes.Count), (provider.Name, provider.OrganisationForm, provider.Operations, provider.Municipalities));
        Assert.Equal(county, Assert.Single(provider.Counties).Code);
    }

    private (int Year, string County) OriginWithThreeMunicipalities()
    {
        while (true)
        {
            var (year, county) = azurite.NextOrigin();
            if (MunicipalityRegistry.Default.InCounty(county).Count() >= 3)
            {
                return (year, county);
            }
        }
    }

    private static AnnualReport WithMunicipalities(AnnualReport report, params string[] codes) =>
        report with { Operation = report.Operation with { MunicipalityCodes = codes } };
}
