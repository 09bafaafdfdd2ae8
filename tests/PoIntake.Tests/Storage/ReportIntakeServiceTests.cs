using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Diagnostics;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Tests.Storage;

/// <summary>
/// The blob intake end to end on real Azurite. Expected keys and property names come from docs/storage.md (read as raw
/// TableEntity), not from the store classes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReportIntakeServiceTests(AzuriteFixture azurite)
{
    // Azurite, like Azure, reports blob creation times to the second; uploads meant to be "later" wait this long.
    private static readonly TimeSpan NextSecond = TimeSpan.FromMilliseconds(1100);

    [Fact]
    public async Task Ingest_AcceptedWorkbook_WritesFactsCoverageDeficienciesVersionCurrentRevisionLogAndResultBlob()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var report = TestReports.Create(year, county, "PO Norra Älvdalen", seed: 3);
        report = report with { Waiting = report.Waiting! with { EstimatedWaitingDays = 400 } };
        var bytes = h.Workbook(report);
        var blobName = $"{year}/{county}/norra.xlsx";
        var receivedAt = await h.DropAsync(blobName, bytes);

        var record = await h.Intake.IngestAsync(blobName, CancellationToken.None);

        var sha = Sha(bytes);
        var versionId = $"{year}-{county}-{sha[..32]}";
        Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
        Assert.Equal("Current", record.Disposition);
        Assert.Equal(versionId, record.VersionId);
        Assert.Equal(sha, record.Sha256);
        Assert.Equal(receivedAt, record.ReceivedAt);

        var facts = await h.PartitionAsync<TableEntity>("Facts", versionId);
        var youngWomen = facts.Single(f => f.RowKey == "clients|ageGroup=18-29;gender=women");
        Assert.Equal("clients", youngWomen.GetString("Measure"));
        Assert.Equal("ageGroup=18-29;gender=women", youngWomen.GetString("Dimensions"));
        Assert.Equal(30d, youngWomen.GetDouble("Value"));
        Assert.Equal(1_250_003.5d, facts.Single(f => f.RowKey == "grantedSek").GetDouble("Value"));
        Assert.Equal(5.5d, facts.Single(f => f.RowKey == "fullTimeEquivalents").GetDouble("Value"));
        Assert.Equal(1d, facts.Single(f => f.RowKey == "priorityRank|group=youngAdults").GetDouble("Value"));
        Assert.Equal(400d, facts.Single(f => f.RowKey == "estimatedWaitingDays").GetDouble("Value"));
        Assert.Equal(ReportFacts.From(report).Count, facts.Count);

        var coverage = await h.PartitionAsync<TableEntity>("Coverage", versionId);
        Assert.Equal(report.Operation.MunicipalityCodes.Order(), coverage.Select(c => c.RowKey).Order());
        Assert.All(coverage, c =>
        {
            Assert.Equal(year, c.GetInt32("Year"));
            Assert.Equal(county, c.GetString("County"));
            Assert.Equal("po-norra-älvdalen", c.GetString("OperationKey"));
        });

        var deficiencies = await h.PartitionAsync<TableEntity>("SystemDeficiencies", versionId);
        Assert.Equal(["0001", "0002"], deficiencies.Select(d => d.RowKey).Order());
        var first = deficiencies.Single(d => d.RowKey == "0001");
        Assert.Equal("local", first.GetString("Level"));
        Assert.Equal("socialServices", first.GetString("Area"));
        Assert.Equal("Långa handläggningstider", first.GetString("Description"));
        Assert.Equal("Klienten väntar", first.GetString("Consequence"));
        Assert.Equal("Dialog med myndigheten", deficiencies.Single(d => d.RowKey == "0002").GetString("Action"));

        TableEntity version = await h.Table("ReportVersions").GetEntityAsync<TableEntity>($"{year}-{county}", versionId);
        Assert.Equal("Current", version.GetString("Status"));
        Assert.Equal("po-norra-älvdalen", version.GetString("OperationKey"));
        Assert.Equal("PO Norra Älvdalen", version.GetString("OperationName"));
        Assert.Equal(blobName, version.GetString("BlobName"));
        Assert.Equal(sha, version.GetString("Sha256"));
        Assert.Equal(receivedAt, version.GetDateTimeOffset("ReceivedAt"));
        var warnings = record.Findings.Count(f => f.Severity == Severity.Warning);
        Assert.Contains(record.Findings, f => f.Code == "WAITING_DAYS_OVER_365" && f.Severity == Severity.Warning);
        Assert.Equal(warnings, version.GetInt32("WarningCount"));
        Assert.False(version.GetBoolean("NilReturn"));
        Assert.Equal(string.Join(',', report.Operation.MunicipalityCodes), version.GetString("MunicipalityCodes"));
        Assert.Equal("kontakt@example.se", version.GetString("ContactEmail"));
        Assert.Equal("Kontakt Person", version.GetString("ContactPerson"));
        Assert.Equal("Municipal", version.GetString("OperatingForm"));

        TableEntity current = await h.Table("CurrentReports").GetEntityAsync<TableEntity>($"{year}", $"{county}-po-norra-älvdalen");
        Assert.Equal(versionId, current.GetString("VersionId"));
        Assert.Equal(receivedAt, current.GetDateTimeOffset("ReceivedAt"));
        Assert.Equal(blobName, current.GetString("BlobName"));
        Assert.False(current.GetBoolean("NilReturn"));

        var log = Assert.Single(await h.PartitionAsync<TableEntity>("IntakeLog", $"{year}-{county}"));
        Assert.Equal($"{Sha(System.Text.Encoding.UTF8.GetBytes(blobName))}-{sha[..16]}", log.RowKey);
        Assert.Equal("Accepted", log.GetString("Outcome"));
        Assert.Equal("Current", log.GetString("Disposition"));
        Assert.Equal(versionId, log.GetString("VersionId"));
        Assert.Equal("po-norra-älvdalen", log.GetString("OperationKey"));
        Assert.Equal(0, log.GetInt32("ErrorCount"));
        Assert.Equal(warnings, log.GetInt32("WarningCount"));
        Assert.Equal(1, log.GetInt32("Attempts"));
        Assert.Equal(h.Time.GetUtcNow(), log.GetDateTimeOffset("ProcessedAt"));
        Assert.Contains("WAITING_DAYS_OVER_365", log.GetString("FindingsJson"), StringComparison.Ordinal);

        var resultBlob = $"{blobName}.{sha[..16]}.json";
        Assert.Equal(resultBlob, log.GetString("ResultBlob"));
        var json = await ReadResultAsync(h, resultBlob);
        Assert.Equal("Accepted", json.GetProperty("outcome").GetString());
        Assert.Equal(blobName, json.GetProperty("blob").GetString());
        Assert.Equal(sha, json.GetProperty("sha256").GetString());
        Assert.Equal(receivedAt, json.GetProperty("receivedAt").GetDateTimeOffset());
        var stored = json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "WAITING_DAYS_OVER_365");
        Assert.Equal("Warning", stored.GetProperty("severity").GetString());
        Assert.Equal(warnings, json.GetProperty("findings").GetArrayLength());

        Assert.NotNull(await h.Get<YearRevisionStore>().GetAsync(year, CancellationToken.None));
        Assert.Contains(await h.PartitionAsync<CurrentReportEntity>(TableNames.CurrentReports, StorageKeys.Year(year)), c => c.County == county && c.VersionId == versionId);
        var previous = await h.Get<IPreviousReportSource>().FindCurrentFactsAsync(year, county, "po-norra-älvdalen", CancellationToken.None);
        Assert.Equal(
            ReportFacts.From(report).ToDictionary(f => f.Key, f => f.Value),
            previous!.ToDictionary(f => f.Key, f => f.Value));
    }

    [Fact]
    public async Task Ingest_SameBlobTwice_WritesNothingTheSecondTime()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var bytes = h.Workbook(TestReports.Create(year, county));
        var blobName = $"{year}/{county}/report.xlsx";
        await h.DropAsync(blobName, bytes);
        var first = await h.Intake.IngestAsync(blobName, CancellationToken.None);
        var before = await SnapshotAsync(h, year, county, first.VersionId!);

        var second = await h.Intake.IngestAsync(blobName, CancellationToken.None);

        Assert.Equal(before, await SnapshotAsync(h, year, county, first.VersionId!));
        Assert.Equal(first.VersionId, second.VersionId);
        Assert.Equal(first.Disposition, second.Disposition);
        Assert.Single(await h.PartitionAsync<TableEntity>("IntakeLog", $"{year}-{county}"));
    }

    [Fact]
    public async Task Ingest_SameBytesUnderAnotherName_LoggedAsDuplicateAndCountedOnce()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var report = TestReports.Create(year, county);
        var bytes = h.Workbook(report);
        await h.DropAsync($"{year}/{county}/original.xlsx", bytes);
        var original = await h.Intake.IngestAsync($"{year}/{county}/original.xlsx", CancellationToken.None);
        await Task.Delay(NextSecond);
        await h.DropAsync($"{year}/{county}/kopia.xlsx", bytes);

        var copy = await h.Intake.IngestAsync($"{year}/{county}/kopia.xlsx", CancellationToken.None);

        Assert.Equal(IntakeOutcome.Accepted, copy.Outcome);
        Assert.Equal("Duplicate", copy.Disposition);
        Assert.Equal(original.VersionId, copy.VersionId);
        var logs = await h.PartitionAsync<TableEntity>("IntakeLog", $"{year}-{county}");
        Assert.Equal(2, logs.Count);
        Assert.Equal("Current", logs.Single(l => l.GetString("BlobName") == $"{year}/{county}/original.xlsx").GetString("Disposition"));
        var version = Assert.Single(await h.PartitionAsync<TableEntity>("ReportVersions", $"{year}-{county}"));
        Assert.Equal($"{year}/{county}/original.xlsx", version.GetString("BlobName"));
        Assert.Equal("Current", version.GetString("Status"));
        var current = Assert.Single(await h.PartitionAsync<CurrentReportEntity>(TableNames.CurrentReports, StorageKeys.Year(year)), c => c.County == county);
        Assert.Equal(original.VersionId, current.VersionId);
        Assert.Equal(ReportFacts.From(report).Count, (await h.PartitionAsync<TableEntity>("Facts", original.VersionId!)).Count);
        Assert.NotNull(await h.Get<IntakeResultStore>().FindAsync($"{year}/{county}/kopia.xlsx.{copy.Sha256[..16]}.json", CancellationToken.None));
    }

    [Fact]
    public async Task Ingest_LaterVersionOfSameOperation_SupersedesEarlierAndKeepsIt()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var v1 = h.Workbook(TestReports.Create(year, county, seed: 1));
        var v2 = h.Workbook(TestReports.Create(year, county, seed: 2));
        await h.DropAsync($"{year}/{county}/v1.xlsx", v1);
        var first = await h.Intake.IngestAsync($"{year}/{county}/v1.xlsx", CancellationToken.None);
        var revisionAfterFirst = await h.Get<YearRevisionStore>().GetAsync(year, CancellationToken.None);
        await Task.Delay(NextSecond);
        await h.DropAsync($"{year}/{county}/v2.xlsx", v2);

        var second = await h.Intake.IngestAsync($"{year}/{county}/v2.xlsx", CancellationToken.None);

        Assert.Equal("Current", second.Disposition);
        var current = await h.Get<CurrentReportStore>().FindAsync(year, county, "po-testverksamhet", CancellationToken.None);
        Assert.Equal(second.VersionId, current!.VersionId);
        var versions = await h.PartitionAsync<TableEntity>("ReportVersions", $"{year}-{county}");
        Assert.Equal("Superseded", versions.Single(v => v.RowKey == first.VersionId).GetString("Status"));
        Assert.Equal("Current", versions.Single(v => v.RowKey == second.VersionId).GetString("Status"));
        var logs = await h.Get<IntakeLogStore>().ListAsync(year, county, CancellationToken.None);
        Assert.Equal("Superseded", logs.Single(l => l.VersionId == first.VersionId).Disposition);
        Assert.Equal("Current", logs.Single(l => l.VersionId == second.VersionId).Disposition);
        Assert.NotEmpty(await h.PartitionAsync<TableEntity>("Facts", first.VersionId!));
        Assert.NotEqual(revisionAfterFirst, await h.Get<YearRevisionStore>().GetAsync(year, CancellationToken.None));
        var facts = await h.Get<IPreviousReportSource>().FindCurrentFactsAsync(year, county, "po-testverksamhet", CancellationToken.None);
        Assert.Equal(20m, facts!.Single(f => f.Key == "clients|ageGroup=18-29;gender=women").Value);
    }

    [Fact]
    public async Task Ingest_EarlierVersionProcessedAfterLater_StaysOutOfCurrent()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var v1 = h.Workbook(TestReports.Create(year, county, seed: 1));
        var v2 = h.Workbook(TestReports.Create(year, county, seed: 2));
        await h.DropAsync($"{year}/{county}/v1.xlsx", v1);
        await Task.Delay(NextSecond);
        await h.DropAsync($"{year}/{county}/v2.xlsx", v2);

        var later = await h.Intake.IngestAsync($"{year}/{county}/v2.xlsx", CancellationToken.None);
        var revision = await h.Get<YearRevisionStore>().GetAsync(year, CancellationToken.None);
        var earlier = await h.Intake.IngestAsync($"{year}/{county}/v1.xlsx", CancellationToken.None);

        Assert.Equal("OlderThanCurrent", earlier.Disposition);
        Assert.Equal(later.VersionId, (await h.Get<CurrentReportStore>().FindAsync(year, county, "po-testverksamhet", CancellationToken.None))!.VersionId);
        TableEntity stored = await h.Table("ReportVersions").GetEntityAsync<TableEntity>($"{year}-{county}", earlier.VersionId!);
        Assert.Equal("Superseded", stored.GetString("Status"));
        Assert.Equal(revision, await h.Get<YearRevisionStore>().GetAsync(year, CancellationToken.None));
    }

    [Fact]
    public async Task Ingest_RejectedAfterAccepted_NeverReplacesIt()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var good = h.Workbook(TestReports.Create(year, county));
        var bad = h.Workbook(TestReports.Create(year - 1, county, seed: 9)); // filed under the wrong year
        await h.DropAsync($"{year}/{county}/good.xlsx", good);
        var accepted = await h.Intake.IngestAsync($"{year}/{county}/good.xlsx", CancellationToken.None);
        await Task.Delay(NextSecond);
        await h.DropAsync($"{year}/{county}/bad.xlsx", bad);

        var rejected = await h.Intake.IngestAsync($"{year}/{county}/bad.xlsx", CancellationToken.None);

        Assert.Equal(IntakeOutcome.Rejected, rejected.Outcome);
        Assert.Null(rejected.Disposition);
        Assert.Null(rejected.VersionId);
        Assert.Contains(rejected.Findings, f => f.Code == "YEAR_MISMATCH" && f.Severity == Severity.Error);
        Assert.Equal(accepted.VersionId, (await h.Get<CurrentReportStore>().FindAsync(year, county, "po-testverksamhet", CancellationToken.None))!.VersionId);
        Assert.Single(await h.PartitionAsync<TableEntity>("ReportVersions", $"{year}-{county}"));
        var log = (await h.Get<IntakeLogStore>().ListAsync(year, county, CancellationToken.None)).Single(l => l.BlobName.EndsWith("bad.xlsx", StringComparison.Ordinal));
        Assert.Equal("Rejected", log.Outcome);
        Assert.Equal(rejected.Findings.Count(f => f.Severity == Severity.Error), log.ErrorCount);
        var json = await ReadResultAsync(h, log.ResultBlob!);
        Assert.Equal("Rejected", json.GetProperty("outcome").GetString());
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "YEAR_MISMATCH");
    }

    [Theory]
    [InlineData("{0}.xlsx", "PATH_INVALID")]
    [InlineData("2025/01/{0}.csv", "PATH_INVALID")]
    [InlineData("2025/1/{0}.xlsx", "PATH_INVALID")]
    [InlineData("2025/01/extra/{0}.xlsx", "PATH_INVALID")]
    [InlineData("2025/99/{0}.xlsx", "PATH_COUNTY_UNKNOWN")]
    public async Task Ingest_PathNotYearCountyName_RejectedAndLoggedUnderInvalid(string pattern, string code)
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, realWorkbooks: false);
        var (year, county) = azurite.NextOrigin();
        var bytes = h.Workbook(TestReports.Create(year, county));
        var blobName = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, Guid.NewGuid().ToString("N"));
        await h.DropAsync(blobName, bytes);

        var record = await h.Intake.IngestAsync(blobName, CancellationToken.None);

        Assert.Equal(IntakeOutcome.Rejected, record.Outcome);
        var finding = Assert.Single(record.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains(blobName, finding.Message, StringComparison.Ordinal);
        var log = Assert.Single(await h.PartitionAsync<TableEntity>("IntakeLog", "_invalid"), l => l.GetString("BlobName") == blobName);
        Assert.Equal("Rejected", log.GetString("Outcome"));
        Assert.Equal($"_invalid/{blobName}.{Sha(bytes)[..16]}.json", log.GetString("ResultBlob"));
        var json = await ReadResultAsync(h, log.GetString("ResultBlob"));
        Assert.Equal(code, json.GetProperty("findings")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Ingest_FileOverLimit_IsRefusedWithoutBeingReadOrParsed()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, realWorkbooks: false, maxFileBytes: 100);
        var (year, county) = azurite.NextOrigin();
        await h.DropAsync($"{year}/{county}/big.xlsx", RandomNumberGenerator.GetBytes(5000));

        var record = await h.Intake.IngestAsync($"{year}/{county}/big.xlsx", CancellationToken.None);

        Assert.Equal(IntakeOutcome.Rejected, record.Outcome);
        Assert.Equal("FILE_TOO_LARGE", Assert.Single(record.Findings).Code);
        Assert.Empty(h.Workbooks.ScreenedLengths);
    }

    [Fact]
    public async Task Ingest_NilReturn_CurrentWithCoverageButNoFacts()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var report = TestReports.NilReturn(year, county);
        await h.DropAsync($"{year}/{county}/vilande.xlsx", h.Workbook(report));

        var record = await h.Intake.IngestAsync($"{year}/{county}/vilande.xlsx", CancellationToken.None);

        Assert.Equal("Current", record.Disposition);
        Assert.Empty(await h.PartitionAsync<TableEntity>("Facts", record.VersionId!));
        Assert.Equal(report.Operation.MunicipalityCodes, (await h.PartitionAsync<TableEntity>("Coverage", record.VersionId!)).Select(c => c.RowKey));
        var current = await h.Get<CurrentReportStore>().FindAsync(year, county, "po-vilande", CancellationToken.None);
        Assert.True(current!.NilReturn);
        Assert.Empty((await h.Get<IPreviousReportSource>().FindCurrentFactsAsync(year, county, "po-vilande", CancellationToken.None))!);
    }

    [Fact]
    public async Task Ingest_ParserThrows_LogsFailedWithExceptionTypeOnlyAndRethrows_ThenRetryOverwritesIt()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, realWorkbooks: false);
        var (year, county) = azurite.NextOrigin();
        var blobName = $"{year}/{county}/trasig.xlsx";
        await h.DropAsync(blobName, h.Workbook(TestReports.Create(year, county)));
        h.Workbooks.ParseFailure = new InvalidOperationException("Kontakt Person kontakt@example.se");

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Intake.IngestAsync(blobName, CancellationToken.None));

        var failed = Assert.Single(await h.Get<IntakeLogStore>().ListAsync(year, county, CancellationToken.None));
        Assert.Equal("Failed", failed.Outcome);
        Assert.Equal("System.InvalidOperationException", failed.FailureReason);
        Assert.Equal(1, failed.Attempts);
        Assert.DoesNotContain(
            (await h.PartitionAsync<TableEntity>("IntakeLog", $"{year}-{county}")).Single().Select(p => p.Value).OfType<string>(),
            value => value.Contains("kontakt@example.se", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Logs.Entries, e => e.Message.Contains("kontakt@example.se", StringComparison.Ordinal) || e.Exception is not null);
        Assert.DoesNotContain(h.Logs.Entries, e => e.Message.Contains(blobName, StringComparison.Ordinal));
        // The alert "intake failed" (infra/modules/alerts.bicep) finds this line by its event id.
        Assert.Contains(h.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(failed.RowKey, StringComparison.Ordinal)
            && e.Message.Contains("System.InvalidOperationException", StringComparison.Ordinal)
            && e.EventId.Id == LogEventIds.IntakeFailed && e.EventId.Name == nameof(LogEventIds.IntakeFailed));
        Assert.Empty(await h.PartitionAsync<TableEntity>("ReportVersions", $"{year}-{county}"));

        h.Workbooks.ParseFailure = null;
        var retried = await h.Intake.IngestAsync(blobName, CancellationToken.None);

        Assert.Equal(IntakeOutcome.Accepted, retried.Outcome);
        var log = Assert.Single(await h.Get<IntakeLogStore>().ListAsync(year, county, CancellationToken.None));
        Assert.Equal("Accepted", log.Outcome);
        Assert.Null(log.FailureReason);
        Assert.Equal(2, log.Attempts);
    }

    [Fact]
    public async Task Ingest_FiftyVersionsConcurrentlyInRandomOrder_LatestIsCurrentAndCountedOnce()
    {
        const int Versions = 50;
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var uploads = new List<(string BlobName, DateTimeOffset ReceivedAt, string VersionId)>();
        for (var i = 1; i <= Versions; i++)
        {
            if (i % 7 == 0)
            {
                await Task.Delay(NextSecond); // several distinct creation seconds, and ties within each
            }

            var bytes = h.Workbook(TestReports.Create(year, county, "PO Tjugo", seed: i));
            var blobName = $"{year}/{county}/tjugo-{i:00}.xlsx";
            uploads.Add((blobName, await h.DropAsync(blobName, bytes), $"{year}-{county}-{Sha(bytes)[..32]}"));
        }

        var expected = uploads
            .OrderByDescending(u => u.ReceivedAt)
            .ThenByDescending(u => u.VersionId, StringComparer.Ordinal)
            .First();

        var records = await Task.WhenAll(uploads
            .OrderBy(_ => Random.Shared.Next())
            .Select(u => Task.Run(() => h.Intake.IngestAsync(u.BlobName, CancellationToken.None))));

        Assert.All(records, r => Assert.Equal(IntakeOutcome.Accepted, r.Outcome));
        var current = Assert.Single(await h.PartitionAsync<CurrentReportEntity>(TableNames.CurrentReports, StorageKeys.Year(year)), c => c.County == county);
        Assert.Equal(expected.VersionId, current.VersionId);
        Assert.Equal(expected.ReceivedAt, current.ReceivedAt);
        var versions = await h.PartitionAsync<TableEntity>("ReportVersions", $"{year}-{county}");
        Assert.Equal(Versions, versions.Count);
        Assert.Equal(expected.VersionId, Assert.Single(versions, v => v.GetString("Status") == "Current").RowKey);
        var logs = await h.Get<IntakeLogStore>().ListAsync(year, county, CancellationToken.None);
        Assert.Equal(Versions, logs.Count);
        Assert.Equal(expected.BlobName, Assert.Single(logs, l => l.Disposition == "Current").BlobName);
        Assert.All(logs.Where(l => l.BlobName != expected.BlobName), l => Assert.Contains(l.Disposition, new[] { "Superseded", "OlderThanCurrent" }));
    }

    [Fact(Skip = "Azurite loses rows it acknowledged when it is restarted in the middle of the full suite (a table created just before a stop is gone after the restart), so this restart test fails there for Azurite's sake, not the retry's; it passes alone. Needs a durable local store for restart tests.")]
    public async Task Ingest_StorageDownAtAnyWriteStep_RetryAfterRestartCompletesWithoutLossOrDoubles()
    {
        var outage = new OutageAtRequestPolicy(azurite);
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePolicy: outage);
        var (year, county) = azurite.NextOrigin();
        var baseline = TestReports.Create(year, county, "PO Baslinje");
        await h.DropAsync($"{year}/{county}/baslinje.xlsx", h.Workbook(baseline));
        var baselineRecord = await h.Intake.IngestAsync($"{year}/{county}/baslinje.xlsx", CancellationToken.None);

        // Table requests of one accepted intake, in order: the blob's log entries (one range read), previous-year read,
        // facts, deficiencies, coverage, version, current read/write, the follow step's status writes, revision, log write,
        // confirming read. Each restart of Azurite costs seconds, so three points: before any write, amid the version rows,
        // after the current entry was placed.
        int[] outageBeforeRequest = [1, 6, 12];
        var versionIds = new List<string>();
        foreach (var (n, i) in outageBeforeRequest.Select((n, i) => (n, i)))
        {
            await Task.Delay(NextSecond);
            var blobName = $"{year}/{county}/v{i}.xlsx";
            await h.DropAsync(blobName, h.Workbook(TestReports.Create(year, county, seed: i + 1)));

            outage.StopBeforeRequest(n);
            await FailThroughOutageAsync(h, outage, blobName);

            var record = await h.Intake.IngestAsync(blobName, CancellationToken.None);
            Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
            Assert.Equal("Current", record.Disposition);
            versionIds.Add(record.VersionId!);
        }

        Assert.Contains(h.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("recording that failed", StringComparison.Ordinal)
            && e.EventId.Id == LogEventIds.IntakeFailureNotRecorded);
        var current = await h.Get<CurrentReportStore>().FindAsync(year, county, "po-testverksamhet", CancellationToken.None);
        Assert.Equal(versionIds[^1], current!.VersionId);
        Assert.Equal(baselineRecord.VersionId, (await h.Get<CurrentReportStore>().FindAsync(year, county, "po-baslinje", CancellationToken.None))!.VersionId);
        var versions = await h.PartitionAsync<TableEntity>("ReportVersions", $"{year}-{county}");
        Assert.Equal(versionIds.Count + 1, versions.Count);
        Assert.Equal(
            new HashSet<string> { baselineRecord.VersionId!, versionIds[^1] },
            versions.Where(v => v.GetString("Status") == "Current").Select(v => v.RowKey).ToHashSet());
        var factCount = ReportFacts.From(baseline).Count;
        foreach (var versionId in versionIds.Append(baselineRecord.VersionId!))
        {
            Assert.Equal(factCount, (await h.PartitionAsync<TableEntity>("Facts", versionId)).Count);
            Assert.Equal(2, (await h.PartitionAsync<TableEntity>("SystemDeficiencies", versionId)).Count);
            Assert.Equal(2, (await h.PartitionAsync<TableEntity>("Coverage", versionId)).Count);
        }

        var logs = await h.Get<IntakeLogStore>().ListAsync(year, county, CancellationToken.None);
        Assert.Equal(versionIds.Count + 1, logs.Count);
        Assert.All(logs, l => Assert.Equal("Accepted", l.Outcome));
        Assert.Equal(
            new HashSet<string> { baselineRecord.VersionId!, versionIds[^1] },
            logs.Where(l => l.Disposition == "Current").Select(l => l.VersionId!).ToHashSet());
    }

    [Fact]
    public async Task Ingest_StorageDownBetweenPlacingAndBumping_RetryBumps_TotalsRightAfterTheRetry()
    {
        var outage = new OutageAtRequestPolicy(azurite);
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePolicy: outage);
        // A year of its own (NextOrigin's years are shared by counties), so the totals count only this test's reports;
        // the clock moves past it so the parser does not call it a future year.
        const int year = 2072;
        const string county = "08";
        h.Time.SetUtcNow(new DateTimeOffset(year + 1, 2, 1, 9, 0, 0, TimeSpan.Zero));
        var totals = h.Get<TotalsService>();

        // A year's first report: the crash leaves it placed as current but the year without a revision.
        var first = $"{year}/{county}/forsta.xlsx";
        await h.DropAsync(first, h.Workbook(TestReports.Create(year, county, "PO Första")));
        await CrashBeforeTheBumpAsync(h, outage, first);
        Assert.Single(await h.PartitionAsync<CurrentReportEntity>(TableNames.CurrentReports, StorageKeys.Year(year)));
        Assert.Null(await totals.GetAsync(year, CancellationToken.None));

        var retried = await h.Intake.IngestAsync(first, CancellationToken.None);

        Assert.Equal("Current", retried.Disposition);
        var afterRetry = await totals.GetAsync(year, CancellationToken.None);
        Assert.NotNull(afterRetry); // before the fix: no revision for the year, so /api/totals/{year} stayed 404
        Assert.Equal(1, afterRetry.Totals.ReportsIncluded);

        // A second operation while the totals are already served (and cached): the same crash, the same cure.
        var second = $"{year}/{county}/andra.xlsx";
        await h.DropAsync(second, h.Workbook(TestReports.Create(year, county, "PO Andra", seed: 2)));
        await CrashBeforeTheBumpAsync(h, outage, second);
        Assert.Equal(2, (await h.PartitionAsync<CurrentReportEntity>(TableNames.CurrentReports, StorageKeys.Year(year))).Count);
        Assert.Equal(1, (await totals.GetAsync(year, CancellationToken.None))!.Totals.ReportsIncluded);

        await h.Intake.IngestAsync(second, CancellationToken.None);

        Assert.Equal(2, (await totals.GetAsync(year, CancellationToken.None))!.Totals.ReportsIncluded);
    }

    /// <summary>Stops storage between step 4 (placed as current) and step 5 (the revision bump) of one intake.</summary>
    private async Task CrashBeforeTheBumpAsync(IntakeHarness h, OutageAtRequestPolicy outage, string blobName)
    {
        outage.StopBeforeRequestTo(TableNames.YearRevisions);
        await FailThroughOutageAsync(h, outage, blobName);
    }

    /// <summary>Ingests with the outage armed: the intake fails, Azurite is down; then storage is back and the policy disarmed.</summary>
    private async Task FailThroughOutageAsync(IntakeHarness h, OutageAtRequestPolicy outage, string blobName)
    {
        try
        {
            // The SDK gives up after its retries with an AggregateException of RequestFailedExceptions.
            await Assert.ThrowsAnyAsync<Exception>(() => h.Intake.IngestAsync(blobName, CancellationToken.None));
            Assert.False(azurite.IsRunning);
        }
        finally
        {
            outage.Disarm();
            await azurite.StartAsync();
        }
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<JsonElement> ReadResultAsync(IntakeHarness h, string resultBlob)
    {
        var content = await h.Get<BlobServiceClient>().GetBlobContainerClient("intake-results").GetBlobClient(resultBlob).DownloadContentAsync();
        return JsonDocument.Parse(content.Value.Content.ToString()).RootElement.Clone();
    }

    /// <summary>ETags of everything one (year, county) intake touches: unchanged ETags mean nothing was written.</summary>
    private static async Task<string> SnapshotAsync(IntakeHarness h, int year, string county, string versionId)
    {
        var parts = new List<string>();
        foreach (var (table, partition) in new[]
        {
            ("IntakeLog", $"{year}-{county}"), ("ReportVersions", $"{year}-{county}"), ("Facts", versionId),
            ("SystemDeficiencies", versionId), ("Coverage", versionId), ("CurrentReports", $"{year}"),
        })
        {
            parts.AddRange((await h.PartitionAsync<TableEntity>(table, partition))
                .Where(e => table != "CurrentReports" || e.RowKey.StartsWith(county + "-", StringComparison.Ordinal))
                .Select(e => $"{table}/{e.PartitionKey}/{e.RowKey}/{e.ETag}"));
        }

        TableEntity revision = await h.Table("YearRevisions").GetEntityAsync<TableEntity>("years", $"{year}");
        parts.Add($"YearRevisions/{revision.GetString("Revision")}");
        await foreach (var blob in h.Get<BlobServiceClient>().GetBlobContainerClient("intake-results").GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{year}/{county}/", CancellationToken.None))
        {
            parts.Add($"blob/{blob.Name}/{blob.Properties.ETag}");
        }

        return string.Join('\n', parts.Order(StringComparer.Ordinal));
    }
}
