using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PoIntake.Core.Intake;
using PoIntake.Core.Reminders;
using PoIntake.Core.Status;
using PoIntake.Core.Storage;
using PoIntake.Core.Upload;

namespace PoIntake.Tests.Storage;

/// <summary>
/// The county board's received day on Azurite: stated with the POST, carried as blob metadata to the real blob intake,
/// stored with the upload (IntakeLog), the version (ReportVersions) and the validation result, and used by status and reminders.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReceivedOnOnAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReceivedOn14January_Uploaded20January_IsStoredAndOnTime_AndItsVerksamhetGetsNoSaknasMail()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePrefix: "Recv" + Guid.NewGuid().ToString("N")[..12]);
        var (year, county) = azurite.NextOrigin();
        const string name = "PO Mottagen";
        var email = $"mottagen-{Guid.NewGuid():N}@po.test";
        var previous = $"{year - 1}/{county}/recv-{Guid.NewGuid():N}.xlsx";
        await h.DropAsync(previous, h.Workbook(Report(year - 1, county, name, email)));
        Assert.Equal(IntakeOutcome.Accepted, (await h.Intake.IngestAsync(previous, CancellationToken.None)).Outcome);

        // The +7 reminder of the report deadline: before the upload, the verksamhet (which reported last year) is missing.
        var schedule = h.Get<ReminderSchedule>();
        var after = schedule.SlotsOf(schedule.DeadlineOf(DeadlineKind.AnnualReport, year + 1)).Single(s => s.Offset > 0);
        var targeting = h.Get<ReminderTargeting>();
        Assert.Single(await targeting.PlanAsync(after, after.SwedishDay, CancellationToken.None), m => m.Audience == ReminderAudience.ReportContact && m.To == email);

        // Uploaded on 20 January, received by the county board on 14 January.
        var upload = await UploadsOn(h, new DateTimeOffset(year + 1, 1, 20, 9, 0, 0, TimeSpan.Zero)).UploadAsync(
            year, county, "mottagen.xlsx", h.Workbook(Report(year, county, name, email)), $"{year + 1}-01-14", CancellationToken.None);
        Assert.Equal((IntakeOutcome.Accepted, new DateOnly(year + 1, 1, 14)), (upload.Outcome, upload.ReceivedOn));
        BlobProperties properties = await h.Reports.GetBlobClient(upload.BlobName).GetPropertiesAsync();
        Assert.Equal($"{year + 1}-01-14", properties.Metadata[ReceivedOn.MetadataKey]);

        var record = await h.Intake.IngestAsync(upload.BlobName!, CancellationToken.None);

        Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
        var log = Assert.Single(await h.PartitionAsync<IntakeLogEntity>(h.Get<StorageTables>().NameOf(TableNames.IntakeLog), StorageKeys.YearCounty(year, county)));
        Assert.Equal($"{year + 1}-01-14", log.ReceivedOn);
        var version = Assert.Single(await h.PartitionAsync<ReportVersionEntity>(h.Get<StorageTables>().NameOf(TableNames.ReportVersions), StorageKeys.YearCounty(year, county)));
        Assert.Equal($"{year + 1}-01-14", version.ReceivedOn);
        var result = await h.Get<IntakeResultStore>().FindAsync(log.ResultBlob!, CancellationToken.None);
        Assert.Equal($"{year + 1}-01-14", result!.ReceivedOn);

        // The blob was created now (after the deadline): by the upload it would be late, by the received day it is on time.
        Assert.True(record.ReceivedAt > StatusCalculator.DeadlineFor(year).EndsAt);
        var status = (await h.Get<StatusService>().GetCountyAsync(year, county, CancellationToken.None)).County;
        var report = Assert.Single(status.Reports);
        Assert.Equal((true, new DateOnly(year + 1, 1, 14)), (report.OnTime, report.ReceivedOn));
        Assert.Equal(new DateOnly(year + 1, 1, 14), Assert.Single(status.Uploads).ReceivedOn);

        Assert.DoesNotContain(await targeting.PlanAsync(after, after.SwedishDay, CancellationToken.None), m => m.To == email);
    }

    [Fact]
    public async Task DroppedBlob_WithReceivedOnMetadata_IsTaken_InTheFutureOrNoDate_IsRejectedAndKept()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePrefix: "Recv" + Guid.NewGuid().ToString("N")[..12]);
        var (year, county) = azurite.NextOrigin();

        var stated = await DropWithMetadataAsync(h, year, county, "PO Angiven", $"{year + 1}-01-10");
        var future = await DropWithMetadataAsync(h, year, county, "PO Framtid", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var garbage = await DropWithMetadataAsync(h, year, county, "PO Skräp", "10 jan");
        var unstated = await DropWithMetadataAsync(h, year, county, "PO Utan", null);

        Assert.Equal(IntakeOutcome.Accepted, (await h.Intake.IngestAsync(stated, CancellationToken.None)).Outcome);
        var refusedFuture = await h.Intake.IngestAsync(future, CancellationToken.None);
        Assert.Equal((IntakeOutcome.Rejected, FindingCodes.ReceivedOnInFuture), (refusedFuture.Outcome, Assert.Single(refusedFuture.Findings).Code));
        var refusedGarbage = await h.Intake.IngestAsync(garbage, CancellationToken.None);
        Assert.Equal((IntakeOutcome.Rejected, FindingCodes.ReceivedOnInvalid), (refusedGarbage.Outcome, Assert.Single(refusedGarbage.Findings).Code));
        Assert.True(await h.Reports.GetBlobClient(future).ExistsAsync());
        var unstatedRecord = await h.Intake.IngestAsync(unstated, CancellationToken.None);

        var entries = (await h.PartitionAsync<IntakeLogEntity>(h.Get<StorageTables>().NameOf(TableNames.IntakeLog), StorageKeys.YearCounty(year, county)))
            .ToDictionary(e => e.BlobName);
        Assert.Equal($"{year + 1}-01-10", entries[stated].ReceivedOn);
        Assert.Equal(ReceivedOn.Text(ReceivedOn.Default(unstatedRecord.ReceivedAt)), entries[unstated].ReceivedOn);
        var reports = (await h.Get<StatusService>().GetCountyAsync(year, county, CancellationToken.None)).County.Reports;
        Assert.True(reports.Single(r => r.OperationName == "PO Angiven").OnTime);
        Assert.False(reports.Single(r => r.OperationName == "PO Utan").OnTime);
    }

    [Fact]
    public async Task Post_ReceivedOnAfterToday_IsRefusedBeforeStoring()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePrefix: "Recv" + Guid.NewGuid().ToString("N")[..12]);
        var (year, county) = azurite.NextOrigin();

        var upload = await UploadsOn(h, new DateTimeOffset(year + 1, 1, 20, 9, 0, 0, TimeSpan.Zero)).UploadAsync(
            year, county, "senare.xlsx", h.Workbook(Report(year, county, "PO Senare", "senare@po.test")), $"{year + 1}-01-21", CancellationToken.None);

        Assert.Equal(IntakeOutcome.Rejected, upload.Outcome);
        var finding = Assert.Single(upload.Findings);
        Assert.Equal(FindingCodes.ReceivedOnInFuture, finding.Code);
        Assert.Contains($"efter uppladdningsdagen {year + 1}-01-20", finding.Message, StringComparison.Ordinal);
        Assert.Null(upload.BlobName);
    }

    /// <summary>The real upload service on a clock of its own (the harness's cannot go back to the test's January).</summary>
    private static ReportUploadService UploadsOn(IntakeHarness h, DateTimeOffset now) => new(
        h.Get<PoIntake.Core.Pipeline.IntakePipeline>(), new FakeTimeProvider(now), NullLogger<ReportUploadService>.Instance);

    private static AnnualReport Report(int year, string county, string name, string email)
    {
        var report = TestReports.Create(year, county, name, seed: 2);
        return report with { Operation = report.Operation with { ContactEmail = email } };
    }

    private static async Task<string> DropWithMetadataAsync(IntakeHarness h, int year, string county, string name, string? receivedOn)
    {
        var blobName = $"{year}/{county}/recv-{Guid.NewGuid():N}.xlsx";
        var metadata = receivedOn is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [ReceivedOn.MetadataKey] = receivedOn };
        await h.Reports.GetBlobClient(blobName).UploadAsync(
            new BinaryData(h.Workbook(TestReports.Create(year, county, name, seed: 1))), new BlobUploadOptions { Metadata = metadata });
        return blobName;
    }
}
