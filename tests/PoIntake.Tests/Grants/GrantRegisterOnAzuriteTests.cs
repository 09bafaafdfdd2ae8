using System.Text.Json;
using Azure.Storage.Blobs;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;
using PoIntake.DevHost;
using PoIntake.DevHost.Samples;
using PoIntake.Functions.Http;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;
using PoIntake.Tests.Access;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Grants;

/// <summary>The grant register end to end on Azurite: blob intake and POST, supersession with history, findings, the national figures.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrantRegisterOnAzuriteTests(AzuriteFixture azurite)
{
    private async Task<StorageScenario> ScenarioAsync() => await StorageScenario.ForAsync(azurite);

    [Fact]
    public async Task BlobIntake_NewerRegisterSupersedesTheEarlier_HistoryKept_RejectedOneChangesNothing()
    {
        var scenario = await ScenarioAsync();
        var (year, county) = azurite.NextOrigin();
        var intake = scenario.Get<GrantIntakeService>();
        var store = scenario.Get<GrantRegisterStore>();
        var first = GrantRegisterParserTests.Applications(year, county);

        var one = await DropAsync(scenario, year, county, GrantRegisterTemplate.Write(year, first));
        var two = await DropAsync(scenario, year, county, GrantRegisterTemplate.Write(year, [first[0] with { AppliedFullTimeEquivalents = 4.5m }]));
        var bad = await DropAsync(scenario, year, county, GrantRegisterParserTests.Edit(GrantRegisterTemplate.Write(year, first), s => s.Cell("D6").SetValue("tre")));

        Assert.Equal((IntakeOutcome.Accepted, Dispositions.Current), (one.Outcome, one.Disposition));
        Assert.Equal((IntakeOutcome.Accepted, Dispositions.Current), (two.Outcome, two.Disposition));
        Assert.Equal(IntakeOutcome.Rejected, bad.Outcome);
        var current = Assert.Single(await store.ReadYearAsync(year, CancellationToken.None), r => r.CountyCode == county);
        Assert.Equal(two.VersionId, current.VersionId);
        Assert.Equal(4.5m, Assert.Single(current.Applications).AppliedFullTimeEquivalents);
        // The one-county read (each report intake's cross-checks) answers the same register with a point read; none for another county.
        var county2 = await ((IGrantRegisterReader)store).ReadCountyAsync(year, county, CancellationToken.None);
        Assert.Equal((current.VersionId, current.Applications.Count), (county2!.VersionId, county2.Applications.Count));
        Assert.Null(await ((IGrantRegisterReader)store).ReadCountyAsync(year + 1000, county, CancellationToken.None));

        var history = await store.ListVersionsAsync(year, county, CancellationToken.None);
        Assert.Equal([two.VersionId, one.VersionId], history.Select(v => v.VersionId));
        Assert.Equal([true, false], history.Select(v => v.IsCurrent));
        Assert.Equal(2, (await store.ReadApplicationsAsync(year, county, one.VersionId!, CancellationToken.None)).Count);

        // The rejected file's findings are kept beside the others', in Swedish, naming sheet and cell.
        var result = await scenario.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.IntakeResults).GetBlobClient(bad.ResultBlob).DownloadContentAsync();
        var finding = JsonDocument.Parse(result.Value.Content.ToString()).RootElement.GetProperty("findings")[0];
        Assert.Equal(FindingCodes.ValueNotADecimal, finding.GetProperty("code").GetString());
        Assert.Equal("Ansökningar", finding.GetProperty("sheet").GetString());
        Assert.Equal("D6", finding.GetProperty("cell").GetString());
        Assert.StartsWith("Bladet \"Ansökningar\", cell D6, fältet \"Sökta ombudstjänster (årsarbetare)\": cellen innehåller texten \"tre\"", finding.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The same intake again (a retried trigger) changes nothing.
        var again = await intake.IngestAsync(GrantRegisterPath.BlobName(year, county), CancellationToken.None);
        Assert.Equal(IntakeOutcome.Rejected, again.Outcome);
        Assert.Equal(two.VersionId, (await store.ReadYearAsync(year, CancellationToken.None)).Single(r => r.CountyCode == county).VersionId);
    }

    [Fact]
    public async Task BlobIntake_RateCheck_UsesSocialstyrelsensEnteredFixedAmount_NotTheSettings()
    {
        var scenario = await ScenarioAsync();
        var (year, county) = azurite.NextOrigin();
        // Granted 1 314 722 kr for 3,25 årsarbetare fits 404 530 kr; Socialstyrelsen entered 400 000 kr for the year.
        await scenario.Get<NationalFiguresStore>().AddAsync(year, 130_000_000m, 400_000m, null, [], "administration test", null, CancellationToken.None);

        var record = await DropAsync(scenario, year, county, GrantRegisterTemplate.Write(year, [GrantRegisterParserTests.Applications(year, county)[0]]), ownSecond: false);

        Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
        var warning = Assert.Single(record.Findings, f => f.Code == FindingCodes.GrantsAmountRateDiffers);
        Assert.Contains("400 000 kr × 3,25", warning.Message.Replace('\u00a0', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlobIntake_PathNotYearSlashCounty_RejectedWithItsFinding()
    {
        var scenario = await ScenarioAsync();
        var blob = scenario.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Grants).GetBlobClient("2021/norrbotten.xlsx");
        await blob.UploadAsync(BinaryData.FromBytes(GrantRegisterTemplate.Write(2021)), overwrite: true);

        var record = await scenario.Get<GrantIntakeService>().IngestAsync("2021/norrbotten.xlsx", CancellationToken.None);

        Assert.Equal(FindingCodes.GrantsPathInvalid, Assert.Single(record.Findings).Code);
        Assert.StartsWith("_invalid/grants/2021/norrbotten.xlsx.", record.ResultBlob, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CountyKey_AcceptedStoredAndCurrent_BadRegister422_OtherCountysKey403()
    {
        var scenario = await ScenarioAsync();
        var (year, county) = azurite.NextOrigin();
        var function = ActivatorUtilities.CreateInstance<UploadGrantRegisterFunction>(scenario.Services);
        var register = GrantRegisterTemplate.Write(year, GrantRegisterParserTests.Applications(year, county));
        var otherCounty = county == "01" ? "03" : "01";

        var accepted = AssertJson(await Call(function.RunAsync, Post(register, countyKey: TestRoleKeys.KeyOf(county)), year.ToString(), county), StatusCodes.Status200OK);
        var rejected = AssertJson(
            await Call(function.RunAsync, Post(GrantRegisterParserTests.Edit(register, s => s.Cell("C7").SetValue("igår")), countyKey: TestRoleKeys.KeyOf(county)), year.ToString(), county),
            StatusCodes.Status422UnprocessableEntity);
        AssertProblem(await Call(function.RunAsync, Post(register, countyKey: TestRoleKeys.KeyOf(otherCounty)), year.ToString(), county), StatusCodes.Status403Forbidden);

        Assert.Equal("Current", accepted.GetProperty("disposition").GetString());
        // A blob per upload under the county's folder: the refused upload is kept too, and replaces nothing.
        var acceptedBlob = accepted.GetProperty("blobName").GetString()!;
        var rejectedBlob = rejected.GetProperty("blobName").GetString()!;
        Assert.StartsWith($"grants/{year}/{county}/", acceptedBlob, StringComparison.Ordinal);
        Assert.StartsWith($"grants/{year}/{county}/", rejectedBlob, StringComparison.Ordinal);
        Assert.NotEqual(acceptedBlob, rejectedBlob);
        Assert.Equal(2, accepted.GetProperty("applications").GetInt32());
        var finding = rejected.GetProperty("findings")[0];
        Assert.Equal(("GRANTS_VALUE_NOT_A_DATE", "C7"), (finding.GetProperty("code").GetString(), finding.GetProperty("cell").GetString()));
        var stored = await scenario.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Grants).GetBlobClient(acceptedBlob["grants/".Length..]).DownloadContentAsync();
        Assert.Equal(register, stored.Value.Content.ToArray());
        var current = (await scenario.Get<IGrantRegisterReader>().ReadYearAsync(year, CancellationToken.None)).Single(r => r.CountyCode == county);
        Assert.Equal(accepted.GetProperty("versionId").GetString(), current.VersionId);
    }

    [Fact]
    public async Task GetGrants2021_FromTheSampleRegisters_Grants32036AndDistributes129595231()
    {
        var scenario = await ScenarioAsync();
        foreach (var sample in GrantSamples.Registers(2021))
        {
            var record = await DropAsync(scenario, 2021, sample.CountyCode, sample.Write(), ownSecond: false);
            Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
        }

        var function = new GetGrantFiguresFunction(Figures(scenario), scenario.Get<Microsoft.Extensions.Logging.ILogger<GetGrantFiguresFunction>>());
        var json = AssertJson(await Call(function.RunAsync, NationalGet(), "2021"), StatusCodes.Status200OK);
        var csv = Assert.IsType<FileContentResult>(await Call(function.RunAsync, NationalGet("?format=csv"), "2021"));
        var xlsx = Assert.IsType<FileContentResult>(await Call(function.RunAsync, NationalGet("?format=xlsx"), "2021"));

        var appropriation = json.GetProperty("appropriation");
        // The published 320,36 are the granted posts; the refused 0,50 is applied for and outside them.
        Assert.Equal(320.36m, json.GetProperty("national").GetProperty("grantedFullTimeEquivalents").GetDecimal());
        Assert.Equal(320.86m, json.GetProperty("national").GetProperty("appliedFullTimeEquivalents").GetDecimal());
        Assert.Equal(404_530m, appropriation.GetProperty("fixedAmountPerFullTimeEquivalentSek").GetDecimal());
        Assert.Equal(129_595_231m, appropriation.GetProperty("distributedSek").GetDecimal());
        Assert.Equal(130_000_000m, appropriation.GetProperty("grantsSek").GetDecimal());
        Assert.Equal(405_161m, appropriation.GetProperty("highestAmountPerFullTimeEquivalentSek").GetDecimal());
        Assert.Equal(404_769m, appropriation.GetProperty("undistributedSek").GetDecimal());

        // Per county: what the county boards granted and paid is their registers' sums (the sample reports' grants).
        foreach (var report in SampleSet.Valid(2021))
        {
            var county = json.GetProperty("counties").EnumerateArray().Single(c => c.GetProperty("countyCode").GetString() == report.CountyCode);
            Assert.Equal(report.Report.Economy!.GrantedSek, county.GetProperty("grantedSek").GetDecimal());
            Assert.Equal(report.Report.Economy!.GrantedSek, county.GetProperty("paidSek").GetDecimal());
        }

        var jamtland = json.GetProperty("counties").EnumerateArray().Single(c => c.GetProperty("countyCode").GetString() == "23");
        Assert.Equal((2, 1), (jamtland.GetProperty("applications").GetInt32(), jamtland.GetProperty("refused").GetInt32()));
        Assert.Contains("distributedSek,,129595231", System.Text.Encoding.UTF8.GetString(csv.FileContents).Split('\n'));
        using var workbook = new XLWorkbook(new MemoryStream(xlsx.FileContents));
        var riket = workbook.Worksheet("Län").RowsUsed().Single(r => r.Cell(1).GetString() == "Riket");
        Assert.Equal((320.86m, 320.36m), (riket.Cell(4).GetValue<decimal>(), riket.Cell(8).GetValue<decimal>()));
    }

    [Fact]
    public async Task GetGrants_AfterTheReports_GrantedAgainstSpentPerVerksamhet_RepaymentListedForReview()
    {
        var scenario = await ScenarioAsync();
        var (year, county) = azurite.NextOrigin();
        var municipalities = MunicipalityRegistry.Default.InCounty(county).Take(2).Select(m => m.Code).ToArray();
        var report = StorageScenario.ValidReport(new Random(15), year, county, "Personligt ombud Granskning", municipalities);
        report = report with { Economy = new Economy(600_000m, 450_000m) };
        await scenario.IngestAsync(report, "granskning");
        var application = new GrantApplication(
            year, county, GrantRegisterLayout.FirstDataRow, report.Operation.Name, OperationKey.From(report.Operation.Name), municipalities,
            new DateOnly(year, 2, 1), 1.5m, GrantDecision.Granted, 600_000m, new DateOnly(year, 4, 1), 600_000m, null, null, 1.5m);
        await DropAsync(scenario, year, county, GrantRegisterTemplate.Write(year, [application]));

        var figures = await Figures(scenario).GetAsync(year, CancellationToken.None);

        var operation = Assert.Single(figures!.Operations, o => o.CountyCode == county);
        Assert.True(operation.ReportReceived);
        Assert.Equal((600_000m, 450_000m, 150_000m, true), (operation.ReportedGrantedSek, operation.SpentSek, operation.UnspentSek, operation.ForReview));
    }

    /// <summary>The figures with the appropriation of local.settings.sample.json, the settings devhost runs with.</summary>
    private static GrantFiguresService Figures(StorageScenario scenario)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalSettings.Read(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")))
            .Build();
        var appropriation = configuration.GetSection(AppropriationOptions.SectionName).Get<AppropriationOptions>()!;
        return new GrantFiguresService(scenario.Get<IGrantRegisterReader>(), scenario.Get<CurrentReportStore>(), scenario.Get<ReportVersionStore>(), new AppropriationSource(null, Options.Create(appropriation)), MunicipalityRegistry.Default);
    }

    /// <summary>Drops a register into grants/{year}/{county}.xlsx as a county board would and runs the blob intake; by default in its own second (upload times have one-second resolution).</summary>
    private static async Task<GrantIntakeRecord> DropAsync(StorageScenario scenario, int year, string county, byte[] content, bool ownSecond = true)
    {
        if (ownSecond)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1000 - DateTimeOffset.UtcNow.Millisecond + 20));
        }

        var blobName = GrantRegisterPath.BlobName(year, county);
        var container = scenario.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Grants);
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        return await scenario.Get<GrantIntakeService>().IngestAsync(blobName, CancellationToken.None);
    }
}
