using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;
using PoIntake.Core.Upload;
using PoIntake.Tests.Grants;
using PoIntake.Tests.Replay;

namespace PoIntake.Tests.Storage;

/// <summary>Closing a year on Azurite: uploads over HTTP and drops refused with YEAR_CLOSED, the original kept, the figures unchanged.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class YearClosureStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AClosedYear_ABlobDropAndAPost_AreRejectedYearClosed_OriginalsKept_TotalsUnchanged_UntilReopened()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePrefix: "Closed" + Guid.NewGuid().ToString("N")[..12]);
        var (year, county) = azurite.NextOrigin();
        var first = $"{year}/{county}/closed-{Guid.NewGuid():N}.xlsx";
        await h.DropAsync(first, h.Workbook(TestReports.Create(year, county, "PO Före", seed: 1)));
        Assert.Equal(IntakeOutcome.Accepted, (await h.Intake.IngestAsync(first, CancellationToken.None)).Outcome);
        var totalsBefore = await SwitchWorld.TotalsJsonAsync(h.Get<TotalsService>(), year);
        var currentBefore = await h.Get<CurrentReportStore>().ListAsync(year, CancellationToken.None);

        var closures = h.Get<YearClosureStore>();
        await closures.CloseAsync(year, "administration ops", "Lägesrapporten publicerad", CancellationToken.None);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        // A drop into blob storage.
        var dropped = $"{year}/{county}/closed-{Guid.NewGuid():N}.xlsx";
        await h.DropAsync(dropped, h.Workbook(TestReports.Create(year, county, "PO Efter", seed: 2)));
        var record = await h.Intake.IngestAsync(dropped, CancellationToken.None);

        var finding = Assert.Single(record.Findings);
        Assert.Equal((IntakeOutcome.Rejected, FindingCodes.YearClosed, Severity.Error), (record.Outcome, finding.Code, finding.Severity));
        Assert.Contains($"Redovisningsåret {year} är stängt", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Lägesrapporten publicerad", finding.Message, StringComparison.Ordinal);
        Assert.True(await h.Reports.GetBlobClient(dropped).ExistsAsync());

        // A POST: answered YEAR_CLOSED, and kept like a drop; its blob intake says the same.
        var posted = await h.Get<ReportUploadService>().UploadAsync(year, county, "efter.xlsx", h.Workbook(TestReports.Create(year, county, "PO Post", seed: 3)), CancellationToken.None);
        Assert.Equal((IntakeOutcome.Rejected, FindingCodes.YearClosed), (posted.Outcome, Assert.Single(posted.Findings).Code));
        Assert.NotNull(posted.BlobName);
        Assert.True(await h.Reports.GetBlobClient(posted.BlobName).ExistsAsync());
        Assert.Equal(FindingCodes.YearClosed, Assert.Single((await h.Intake.IngestAsync(posted.BlobName!, CancellationToken.None)).Findings).Code);

        Assert.Equal(totalsBefore, await SwitchWorld.TotalsJsonAsync(h.Get<TotalsService>(), year));
        Assert.Equal(currentBefore.Select(c => c.VersionId), (await h.Get<CurrentReportStore>().ListAsync(year, CancellationToken.None)).Select(c => c.VersionId));

        // Another year is open; reopened, the year takes uploads again.
        var nextYear = $"{year + 1}/{county}/closed-{Guid.NewGuid():N}.xlsx";
        await h.DropAsync(nextYear, h.Workbook(TestReports.Create(year + 1, county, "PO Nästa", seed: 4)));
        Assert.Equal(IntakeOutcome.Accepted, (await h.Intake.IngestAsync(nextYear, CancellationToken.None)).Outcome);

        await closures.ReopenAsync(year, "administration ops", "Rättelse från länsstyrelsen", CancellationToken.None);
        var again = $"{year}/{county}/closed-{Guid.NewGuid():N}.xlsx";
        await Task.Delay(1100); // a blob of its own second: received after the reopening
        await h.DropAsync(again, h.Workbook(TestReports.Create(year, county, "PO Rättelse", seed: 5)));
        Assert.Equal(IntakeOutcome.Accepted, (await h.Intake.IngestAsync(again, CancellationToken.None)).Outcome);
        Assert.Equal(
            [(YearClosureActions.Close, "administration ops", "Lägesrapporten publicerad"), (YearClosureActions.Reopen, "administration ops", "Rättelse från länsstyrelsen")],
            (await closures.HistoryAsync(year, CancellationToken.None)).Select(e => (e.Action, e.By, e.Reason)));
    }

    [Fact]
    public async Task AClosedYear_AGrantRegisterDroppedOrPosted_IsRejectedYearClosed_AndTheCurrentRegisterStays()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePrefix: "Closed" + Guid.NewGuid().ToString("N")[..12]);
        var (year, county) = azurite.NextOrigin();
        var intake = h.Get<GrantIntakeService>();
        var applications = GrantRegisterParserTests.Applications(year, county);
        var accepted = await intake.UploadAsync(year, county, GrantRegisterTemplate.Write(year, applications), CancellationToken.None);
        Assert.Equal(IntakeOutcome.Accepted, accepted.Outcome);

        await h.Get<YearClosureStore>().CloseAsync(year, "administration ops", "Bidragen redovisade", CancellationToken.None);
        var grants = h.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Grants);
        var original = await grants.GetBlobClient(accepted.BlobName).DownloadContentAsync();

        var refusedRegister = GrantRegisterTemplate.Write(year, [applications[0] with { AppliedFullTimeEquivalents = 9m }]);
        var posted = await intake.UploadAsync(year, county, refusedRegister, CancellationToken.None);

        Assert.Equal((IntakeOutcome.Rejected, FindingCodes.YearClosed), (posted.Outcome, Assert.Single(posted.Findings).Code));
        // The refused upload is kept as an original of its own; the accepted one is untouched.
        Assert.NotEqual(accepted.BlobName, posted.BlobName);
        Assert.Equal(refusedRegister, (await grants.GetBlobClient(posted.BlobName).DownloadContentAsync()).Value.Content.ToArray());
        var kept = await grants.GetBlobClient(accepted.BlobName).DownloadContentAsync();
        Assert.Equal(original.Value.Content.ToArray(), kept.Value.Content.ToArray());

        await Task.Delay(1100);
        var blob = h.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Grants).GetBlobClient(GrantRegisterPath.BlobName(year, county));
        await blob.UploadAsync(BinaryData.FromBytes(GrantRegisterTemplate.Write(year, [applications[0] with { AppliedFullTimeEquivalents = 8m }])), overwrite: true);
        var dropped = await intake.IngestAsync(GrantRegisterPath.BlobName(year, county), CancellationToken.None);

        Assert.Equal((IntakeOutcome.Rejected, FindingCodes.YearClosed), (dropped.Outcome, Assert.Single(dropped.Findings).Code));
        Assert.Equal(accepted.VersionId, (await h.Get<GrantRegisterStore>().ReadCountyAsync(year, county, CancellationToken.None))!.VersionId);
    }

    [Fact]
    public async Task TheDefaultClosingDay_ClosesTheYearAtStockholmMidnight_AndAReopeningAfterItHolds()
    {
        await azurite.StartAsync();
        var tables = new StorageTables(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString), "Closing" + Guid.NewGuid().ToString("N")[..12]);
        await tables.Get(TableNames.YearClosures).CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var closures = new YearClosureStore(tables, time, Options.Create(new YearClosingOptions { DefaultClosesOn = "05-15" }));

        // 15 May 2026 00:00 in Stockholm is 14 May 22:00 UTC (summer time).
        Assert.Equal(new DateTimeOffset(2026, 5, 14, 22, 0, 0, TimeSpan.Zero), closures.DefaultClosing(2025));
        Assert.False((await closures.StateAtAsync(2025, new DateTimeOffset(2026, 5, 14, 21, 59, 59, TimeSpan.Zero), CancellationToken.None)).Closed);
        var closed = await closures.StateAtAsync(2025, new DateTimeOffset(2026, 5, 14, 22, 0, 0, TimeSpan.Zero), CancellationToken.None);
        Assert.Equal((true, (string?)null), (closed.Closed, closed.By));
        Assert.False((await closures.StateAsync(2026, CancellationToken.None)).Closed);

        await closures.ReopenAsync(2025, "administration ops", "Sen rättelse", CancellationToken.None);
        Assert.False((await closures.StateAsync(2025, CancellationToken.None)).Closed);
        Assert.True((await closures.StateAtAsync(2025, new DateTimeOffset(2026, 5, 20, 0, 0, 0, TimeSpan.Zero), CancellationToken.None)).Closed);
        Assert.Null(new YearClosureStore(tables, time, Options.Create(new YearClosingOptions())).DefaultClosing(2025));
    }
}
