using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PoIntake.Core.Diagnostics;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Replay;

/// <summary>The switch and the clean-up of a replay, on Azurite, with both table sets filled by the real intake.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReplaySwitchServiceTests(AzuriteFixture azurite)
{
    private const string Admin = "admin:drift";

    [Fact]
    public async Task Switch_MakesTheReplayLive_TotalsFollow_OldRowsInTheBackup_RevisionBumped_LogSaysWho()
    {
        await using var w = await SwitchWorld.CreateAsync(azurite);
        var kept = await w.DropReportAsync("PO Kvar", seed: 1);
        var lost = await w.DropReportAsync("PO Förlorad", seed: 2); // the live tables lost it (say, an operator's mistake)
        var otherYear = await w.DropReportAsync("PO Annat år", seed: 3, year: w.Year + 1);
        await w.IngestLiveAsync(kept);
        await w.IngestLiveAsync(otherYear);
        await w.IngestReplayAsync(kept);
        await w.IngestReplayAsync(lost);
        await w.MarkAsync(ReplayStatuses.Completed);
        var ledger = w.LiveTables.Get(TableNames.ReminderLedger);
        await ledger.UpsertEntityAsync(new TableEntity($"annualReport-{w.Year + 1}", "b30-contact-abc") { ["Status"] = "Sent" });

        var totals = w.Live.Get<TotalsService>();
        var before = await SwitchWorld.TotalsJsonAsync(totals, w.Year); // cached under the old revision
        var replayTotals = await SwitchWorld.TotalsJsonAsync(w.Replayed.Get<TotalsService>(), w.Year);
        var revisionBefore = await w.Live.Get<YearRevisionStore>().GetAsync(w.Year, CancellationToken.None);
        var liveBefore = await w.SnapshotAsync(w.LiveTables);
        var replayRows = await w.SnapshotAsync(w.ReplayTables);
        var otherYearRows = await w.Live.PartitionAsync<TableEntity>(w.LiveTables.NameOf(TableNames.CurrentReports), StorageKeys.Year(w.Year + 1));
        w.Live.Time.Advance(TimeSpan.FromMinutes(5));

        var result = await w.Switch().SwitchAsync(w.Replay, Admin, CancellationToken.None);

        Assert.NotEqual(before, replayTotals);
        Assert.Equal(replayTotals, await SwitchWorld.TotalsJsonAsync(totals, w.Year));
        Assert.Equal(replayRows, await w.SnapshotAsync(w.LiveTables));
        Assert.Equal(liveBefore, await w.SnapshotAsync(w.BackupTables));
        Assert.Equal((liveBefore.Count, 0), (result.RowsReplaced, result.UploadsDuringSwitch));
        Assert.Contains(liveBefore.Keys, k => k.StartsWith(TableNames.Facts + "|", StringComparison.Ordinal));
        Assert.Equal((await w.ResultBlobsAsync(w.ReplayTables)).Order(), (await w.ResultBlobsAsync(w.LiveTables)).Order());
        Assert.Single(await w.ResultBlobsAsync(w.BackupTables), n => n.StartsWith(kept, StringComparison.Ordinal));
        Assert.Contains(await w.ResultBlobsAsync(w.LiveTables), n => n.StartsWith(lost, StringComparison.Ordinal));

        var revision = await w.Live.Get<YearRevisionStore>().GetAsync(w.Year, CancellationToken.None);
        Assert.NotEqual(revisionBefore, revision);
        Assert.Equal((w.Year, w.Replay.Id, w.Replay.BackupPrefix, Admin, w.Live.Time.GetUtcNow(), revision),
            (result.Year, result.ReplayId, result.BackupPrefix, result.SwitchedBy, result.SwitchedAt, result.Revision));
        var entry = await w.Log.FindAsync(w.Replay, CancellationToken.None);
        Assert.Equal((ReplayStatuses.Switched, Admin, w.Live.Time.GetUtcNow(), revision, liveBefore.Count),
            (entry!.Status, entry.SwitchedBy, entry.SwitchedAt, entry.Revision, entry.RowsReplaced));

        // Other years and the history are not the switch's.
        Assert.Equal(
            otherYearRows.Select(r => (r.RowKey, r.GetString("VersionId"))),
            (await w.Live.PartitionAsync<TableEntity>(w.LiveTables.NameOf(TableNames.CurrentReports), StorageKeys.Year(w.Year + 1))).Select(r => (r.RowKey, r.GetString("VersionId"))));
        Assert.Equal("Sent", (await ledger.GetEntityAsync<TableEntity>($"annualReport-{w.Year + 1}", "b30-contact-abc")).Value.GetString("Status"));
    }

    [Fact]
    public async Task Switch_NotCompleted_Twice_CleanedUp_OrUnknown_IsRefusedAndChangesNothing()
    {
        await using var w = await SwitchWorld.CreateAsync(azurite);
        var blob = await w.DropReportAsync("PO Vägrad", seed: 4);
        await w.IngestLiveAsync(blob);
        await w.IngestReplayAsync(blob);
        var service = w.Switch();
        var liveBefore = await w.SnapshotAsync(w.LiveTables);

        var unknown = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => service.SwitchAsync(w.Replay, Admin, CancellationToken.None));
        Assert.True(unknown.IsNotFound);
        Assert.Contains(w.Replay.Id, unknown.Message, StringComparison.Ordinal);
        var malformed = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => service.CleanUpAsync(new ReplaySet(w.Year, ""), Admin, CancellationToken.None));
        Assert.True(malformed.IsNotFound);

        foreach (var status in new[] { ReplayStatuses.Running, ReplayStatuses.Failed })
        {
            await w.MarkAsync(status);
            var running = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => service.SwitchAsync(w.Replay, Admin, CancellationToken.None));
            Assert.Equal(ReplaySwitchRefusal.NotCompleted, running.Reason);
            Assert.False(running.IsNotFound);
            Assert.Contains("inte klar", running.Message, StringComparison.Ordinal);
        }

        await w.MarkAsync(ReplayStatuses.Running);
        var stillRunning = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => service.CleanUpAsync(w.Replay, Admin, CancellationToken.None));
        Assert.Equal(ReplaySwitchRefusal.NotCompleted, stillRunning.Reason);
        Assert.Equal(liveBefore, await w.SnapshotAsync(w.LiveTables));
        Assert.False(await BlobContainerExistsAsync(w, w.BackupTables));

        await w.MarkAsync(ReplayStatuses.Completed);
        await service.SwitchAsync(w.Replay, Admin, CancellationToken.None);
        var switched = await w.SnapshotAsync(w.LiveTables);
        var twice = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => service.SwitchAsync(w.Replay, "admin:annan", CancellationToken.None));
        Assert.Equal(ReplaySwitchRefusal.AlreadySwitched, twice.Reason);
        Assert.Contains("redan i bruk", twice.Message, StringComparison.Ordinal);
        Assert.Contains(Admin, twice.Message, StringComparison.Ordinal);

        await service.CleanUpAsync(w.Replay, Admin, CancellationToken.None);
        var gone = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => service.SwitchAsync(w.Replay, Admin, CancellationToken.None));
        Assert.Equal(ReplaySwitchRefusal.CleanedUp, gone.Reason);
        Assert.Contains("städad", gone.Message, StringComparison.Ordinal);
        Assert.Equal(ReplaySwitchRefusal.CleanedUp,
            (await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => service.CleanUpAsync(w.Replay, Admin, CancellationToken.None))).Reason);
        Assert.Equal(switched, await w.SnapshotAsync(w.LiveTables));
    }

    [Fact]
    public async Task Switch_LiveHasAnUploadTheReplayLacks_IsRefusedNamingIt_AndNothingIsLost()
    {
        await using var w = await SwitchWorld.CreateAsync(azurite);
        var early = await w.DropReportAsync("PO Tidig", seed: 5);
        var late = await w.DropReportAsync("PO Sen", seed: 6); // processed live after the replay had read the originals
        await w.IngestReplayAsync(early);
        await w.IngestLiveAsync(early);
        await w.IngestLiveAsync(late);
        await w.MarkAsync(ReplayStatuses.Completed);
        var liveBefore = await w.SnapshotAsync(w.LiveTables);
        var revisionBefore = await w.Live.Get<YearRevisionStore>().GetAsync(w.Year, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => w.Switch().SwitchAsync(w.Replay, Admin, CancellationToken.None));

        Assert.Equal(ReplaySwitchRefusal.NewerUpload, refused.Reason);
        Assert.Contains(late, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(early, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Kör en ny omkörning", refused.Message, StringComparison.Ordinal);
        Assert.Equal(liveBefore, await w.SnapshotAsync(w.LiveTables));
        Assert.Equal(revisionBefore, await w.Live.Get<YearRevisionStore>().GetAsync(w.Year, CancellationToken.None));
        Assert.Equal(ReplayStatuses.Completed, (await w.Log.FindAsync(w.Replay, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Switch_GrantRegisters_FollowTheReplay_AndALiveOnlyRegisterVersionIsRefused()
    {
        await using var w = await SwitchWorld.CreateAsync(azurite);
        var blobName = GrantRegisterPath.BlobName(w.Year, w.County);
        var at = new DateTimeOffset(w.Year + 1, 3, 1, 8, 0, 0, TimeSpan.Zero);
        string Sha(string text) => StorageKeys.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(text));
        var live = new GrantRegisterStore(w.LiveTables);
        var replayed = new GrantRegisterStore(w.ReplayTables);
        await live.SaveAsync(w.Year, w.County, blobName, Sha("v1"), at, 0, [], CancellationToken.None);
        await replayed.SaveAsync(w.Year, w.County, blobName, Sha("v1"), at, 0, [], CancellationToken.None);
        await replayed.SaveAsync(w.Year, w.County, blobName, Sha("v2"), at.AddDays(1), 0, [], CancellationToken.None);
        await w.MarkAsync(ReplayStatuses.Completed);
        var other = new SwitchWorld.Sibling(w, ReplaySet.New(w.Year, w.Live.Time.GetUtcNow().AddSeconds(Random.Shared.Next(1, 1_000_000))));

        await w.Switch().SwitchAsync(w.Replay, Admin, CancellationToken.None);

        Assert.Equal(StorageKeys.VersionId(w.Year, w.County, Sha("v2")), (await live.ReadCountyAsync(w.Year, w.County, CancellationToken.None))!.VersionId);
        Assert.Equal(2, (await live.ListVersionsAsync(w.Year, w.County, CancellationToken.None)).Count);

        // Another replay that read v1 and v2 (all there was); then v3 is uploaded live.
        var otherTables = new StorageTables(w.Live.Get<TableServiceClient>(), other.Replay.TablePrefix);
        foreach (var table in TableNames.All)
        {
            await otherTables.Get(table).CreateIfNotExistsAsync();
        }

        await w.Live.Get<BlobServiceClient>().GetBlobContainerClient(otherTables.ResultsContainer).CreateIfNotExistsAsync();

        var otherReplayed = new GrantRegisterStore(otherTables);
        await otherReplayed.SaveAsync(w.Year, w.County, blobName, Sha("v1"), at, 0, [], CancellationToken.None);
        await otherReplayed.SaveAsync(w.Year, w.County, blobName, Sha("v2"), at.AddDays(1), 0, [], CancellationToken.None);
        await other.MarkCompletedAsync();
        await live.SaveAsync(w.Year, w.County, blobName, Sha("v3"), at.AddDays(2), 0, [], CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => w.Switch().SwitchAsync(other.Replay, Admin, CancellationToken.None));

        Assert.Equal(ReplaySwitchRefusal.NewerUpload, refused.Reason);
        Assert.Contains(ContainerNames.Grants + "/" + blobName, refused.Message, StringComparison.Ordinal);
        Assert.Equal(StorageKeys.VersionId(w.Year, w.County, Sha("v3")), (await live.ReadCountyAsync(w.Year, w.County, CancellationToken.None))!.VersionId);
    }

    [Fact]
    public async Task Switch_InterruptedAnywhere_RerunConverges_AndTheBackupKeepsTheLiveRowsOfBefore()
    {
        // How many table requests a whole switch makes, then crashes a quarter, half and most of the way through it.
        int total;
        await using (var counted = await SwitchableWorldAsync())
        {
            var counter = new CrashAtRequestPolicy(int.MaxValue);
            await counted.Switch(counter).SwitchAsync(counted.Replay, Admin, CancellationToken.None);
            total = counter.Count;
        }

        foreach (var crashAt in new[] { total / 4, total / 2, total - 3 })
        {
            await using var w = await SwitchableWorldAsync();
            var liveBefore = await w.SnapshotAsync(w.LiveTables);
            var replayRows = await w.SnapshotAsync(w.ReplayTables);
            var totals = w.Live.Get<TotalsService>();
            var replayTotals = await SwitchWorld.TotalsJsonAsync(w.Replayed.Get<TotalsService>(), w.Year);
            await SwitchWorld.TotalsJsonAsync(totals, w.Year);

            await Assert.ThrowsAnyAsync<Exception>(() => w.Switch(new CrashAtRequestPolicy(crashAt)).SwitchAsync(w.Replay, Admin, CancellationToken.None));
            Assert.Equal(ReplayStatuses.Switching, (await w.Log.FindAsync(w.Replay, CancellationToken.None))!.Status);
            var cleanUp = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => w.Switch().CleanUpAsync(w.Replay, Admin, CancellationToken.None));
            Assert.Equal(ReplaySwitchRefusal.SwitchInProgress, cleanUp.Reason);
            await w.Switch().SwitchAsync(w.Replay, "admin:omtag", CancellationToken.None);

            Assert.Equal(replayRows, await w.SnapshotAsync(w.LiveTables));
            Assert.Equal(liveBefore, await w.SnapshotAsync(w.BackupTables));
            Assert.Equal(replayTotals, await SwitchWorld.TotalsJsonAsync(totals, w.Year));
            var entry = await w.Log.FindAsync(w.Replay, CancellationToken.None);
            Assert.Equal((ReplayStatuses.Switched, "admin:omtag", liveBefore.Count), (entry!.Status, entry.SwitchedBy, entry.RowsReplaced));
        }
    }

    [Fact]
    public async Task Switch_AnUploadArrivingBetweenAnyTwoSteps_WaitsWritesNothing_AndAfterTheSwitchIsCurrentAndCounted()
    {
        // How many writes a whole switch makes: lock, Switching, the backup, its mark, the replace, the revision, Switched, release.
        int total;
        await using (var counted = await SwitchableWorldAsync())
        {
            var counter = new AfterWritePolicy(null, int.MaxValue, () => Task.CompletedTask);
            await counted.Switch(counter).SwitchAsync(counted.Replay, Admin, CancellationToken.None);
            total = counter.Writes;
        }

        // Writes 1 (lock taken), 2 (Switching), then through the backup and the replace, up to the last before the release.
        var points = new SortedSet<int> { 1, 2, total / 4, total / 2, 3 * total / 4, total - 4, total - 3 };
        foreach (var point in points)
        {
            await using var w = await SwitchableWorldAsync();
            var late = await w.DropReportAsync("PO Sen", seed: 20 + point);
            Exception? attempt = null;
            var liveDuring = (IReadOnlyList<IntakeLogEntry>?)null;
            var during = new AfterWritePolicy(null, point, async () =>
            {
                attempt = await Record.ExceptionAsync(() => w.IngestLiveAsync(late));
                liveDuring = await w.Live.Get<IntakeLogStore>().ReadAsync(w.Year, CancellationToken.None);
            });

            var result = await w.Switch(during).SwitchAsync(w.Replay, Admin, CancellationToken.None);

            Assert.True(during.Acted, $"write {point} of {total}");
            Assert.IsType<YearSwitchingException>(attempt);
            Assert.DoesNotContain(liveDuring!, e => e.BlobName == late);
            Assert.Equal(0, result.UploadsDuringSwitch);

            // The host's retry, after the switch: the upload is current and in the totals.
            var totalsAfterSwitch = await SwitchWorld.TotalsJsonAsync(w.Live.Get<TotalsService>(), w.Year);
            await w.IngestLiveAsync(late);
            var entry = Assert.Single(await w.Live.Get<IntakeLogStore>().ReadAsync(w.Year, CancellationToken.None), e => e.BlobName == late);
            Assert.Equal((IntakeOutcome.Accepted, Dispositions.Current), (entry.Outcome, entry.Disposition));
            Assert.Contains(await w.Live.Get<CurrentReportStore>().ListAsync(w.Year, CancellationToken.None), c => c.VersionId == entry.VersionId);
            Assert.NotEqual(totalsAfterSwitch, await SwitchWorld.TotalsJsonAsync(w.Live.Get<TotalsService>(), w.Year));
        }
    }

    [Fact]
    public async Task Switch_AnIntakeAlreadyUnderWay_IsWaitedFor_AndWhenItDoesNotEnd_TheSwitchIsRefusedChangingNothing()
    {
        await using var w = await SwitchableWorldAsync();
        var liveBefore = await w.SnapshotAsync(w.LiveTables);
        var mark = await w.Locks().EnterIntakeAsync(w.Year, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => w.Switch().SwitchAsync(w.Replay, Admin, CancellationToken.None));

        Assert.Equal(ReplaySwitchRefusal.IntakeInProgress, refused.Reason);
        Assert.Contains(LogEventIds.SwitchAborted, w.Events);
        Assert.Equal(liveBefore, await w.SnapshotAsync(w.LiveTables));
        Assert.Equal(ReplayStatuses.Completed, (await w.Log.FindAsync(w.Replay, CancellationToken.None))!.Status);
        var year = await w.Locks().FindAsync(w.Year, CancellationToken.None);
        Assert.Equal(("", null), (year!.Holder, year.UnfinishedSwitch));

        // The intake ends; the next switch goes through.
        await mark.DisposeAsync();
        var late = await w.DropReportAsync("PO Efter", seed: 31);
        await w.IngestLiveAsync(late);
        var newer = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => w.Switch().SwitchAsync(w.Replay, Admin, CancellationToken.None));
        Assert.Equal(ReplaySwitchRefusal.NewerUpload, newer.Reason);
    }

    [Fact]
    public async Task Switch_AnUploadPastTheLockBeforeTheBackupEnds_AbortsWithTheLiveYearAsBefore_AndRaisesTheEvent()
    {
        await using var w = await SwitchableWorldAsync();
        await using var ungated = await w.UngatedLiveIntakeAsync();
        var late = await w.DropReportAsync("PO Smet förbi", seed: 12);
        var liveBefore = await w.SnapshotAsync(w.LiveTables);

        // After write 2 (Switching): the first check has passed, the backup is about to be copied.
        var during = new AfterWritePolicy(null, 2, () => ungated.Intake.IngestAsync(late, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => w.Switch(during).SwitchAsync(w.Replay, Admin, CancellationToken.None));

        Assert.True(during.Acted);
        Assert.Equal(ReplaySwitchRefusal.NewerUpload, refused.Reason);
        Assert.Contains(late, refused.Message, StringComparison.Ordinal);
        Assert.Contains(LogEventIds.SwitchAborted, w.Events);
        var liveAfter = await w.SnapshotAsync(w.LiveTables);
        Assert.All(liveBefore, row => Assert.Equal(row.Value, liveAfter[row.Key]));
        var entry = Assert.Single(await w.Live.Get<IntakeLogStore>().ReadAsync(w.Year, CancellationToken.None), e => e.BlobName == late);
        Assert.Contains(await w.Live.Get<CurrentReportStore>().ListAsync(w.Year, CancellationToken.None), c => c.VersionId == entry.VersionId);
        var log = (await w.Log.FindAsync(w.Replay, CancellationToken.None))!;
        Assert.Equal((ReplayStatuses.Completed, (DateTimeOffset?)null), (log.Status, log.BackupCompletedAt));
        Assert.Empty(await w.SnapshotAsync(w.BackupTables));
        Assert.Null((await w.Locks().FindAsync(w.Year, CancellationToken.None))!.UnfinishedSwitch);
    }

    [Fact]
    public async Task Switch_AnUploadPastTheLockAfterTheBackup_KeepsItsRows_IsCounted_AndRaisesTheEvent()
    {
        await using var w = await SwitchableWorldAsync();
        await using var ungated = await w.UngatedLiveIntakeAsync();
        var late = await w.DropReportAsync("PO Under bytet", seed: 11);
        // After the third ReplayLog write: the lock, Switching, then the mark of a complete backup.
        var during = new AfterWritePolicy(TableNames.ReplayLog, 3, () => ungated.Intake.IngestAsync(late, CancellationToken.None));

        var result = await w.Switch(during).SwitchAsync(w.Replay, Admin, CancellationToken.None);

        Assert.True(during.Acted);
        Assert.Equal(1, result.UploadsDuringSwitch);
        Assert.Contains(LogEventIds.UploadsDuringSwitch, w.Events);
        var entry = Assert.Single(await w.Live.Get<IntakeLogStore>().ReadAsync(w.Year, CancellationToken.None), e => e.BlobName == late);
        Assert.Equal(IntakeOutcome.Accepted, entry.Outcome);
        Assert.DoesNotContain((await w.SnapshotAsync(w.BackupTables)).Values, row => row.Contains(late, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoSwitchesOfOneYear_AtOnce_TheSecondGetsTheLocksRefusal_AndTheFirstCompletes()
    {
        await using var w = await SwitchableWorldAsync();
        var sibling = new SwitchWorld.Sibling(w, ReplaySet.New(w.Year, w.Live.Time.GetUtcNow().AddSeconds(Random.Shared.Next(1, 1_000_000))));
        await using var siblingIntake = await IntakeHarness.CreateAsync(azurite, tablePrefix: sibling.Replay.TablePrefix);
        foreach (var blob in (await w.Replayed.Get<IntakeLogStore>().ReadAsync(w.Year, CancellationToken.None)).Select(e => e.BlobName).Order(StringComparer.Ordinal))
        {
            await siblingIntake.Intake.IngestAsync(blob, CancellationToken.None);
        }

        await sibling.MarkCompletedAsync();
        var replayRows = await w.SnapshotAsync(w.ReplayTables);
        Exception? second = null;
        var holdFirst = new AfterWritePolicy(TableNames.ReplayLog, 1, async () =>
            second = await Record.ExceptionAsync(() => w.Switch().SwitchAsync(sibling.Replay, "admin:andra", CancellationToken.None)));

        await w.Switch(holdFirst).SwitchAsync(w.Replay, Admin, CancellationToken.None);

        Assert.True(holdFirst.Acted);
        Assert.Equal(ReplaySwitchRefusal.YearLocked, Assert.IsType<ReplaySwitchRefusedException>(second).Reason);
        Assert.Contains("låst", second!.Message, StringComparison.Ordinal);
        Assert.Equal(ReplayStatuses.Completed, (await w.Log.FindAsync(sibling.Replay, CancellationToken.None))!.Status);
        Assert.Equal(replayRows, await w.SnapshotAsync(w.LiveTables));
    }

    [Fact]
    public async Task SwitchAndCleanUp_AtOnce_OneIsRefused_AndTheLiveYearIsEitherBeforeOrTheReplay_NeverEmpty()
    {
        // The switch first: the clean-up, under way at the same moment, is refused; live is the replay.
        await using (var w = await SwitchableWorldAsync())
        {
            var replayRows = await w.SnapshotAsync(w.ReplayTables);
            Exception? cleanUp = null;
            var hold = new AfterWritePolicy(TableNames.ReplayLog, 1, async () =>
                cleanUp = await Record.ExceptionAsync(() => w.Switch().CleanUpAsync(w.Replay, "admin:städ", CancellationToken.None)));

            await w.Switch(hold).SwitchAsync(w.Replay, Admin, CancellationToken.None);

            Assert.Equal(ReplaySwitchRefusal.YearLocked, Assert.IsType<ReplaySwitchRefusedException>(cleanUp).Reason);
            Assert.Equal(replayRows, await w.SnapshotAsync(w.LiveTables));
        }

        // The clean-up first: the switch is refused; live is as before, the replay's tables gone.
        await using (var w = await SwitchableWorldAsync())
        {
            var liveBefore = await w.SnapshotAsync(w.LiveTables);
            Assert.NotEmpty(liveBefore);
            Exception? switched = null;
            var hold = new AfterWritePolicy(TableNames.ReplayLog, 1, async () =>
                switched = await Record.ExceptionAsync(() => w.Switch().SwitchAsync(w.Replay, Admin, CancellationToken.None)));

            await w.Switch(hold).CleanUpAsync(w.Replay, "admin:städ", CancellationToken.None);

            Assert.Equal(ReplaySwitchRefusal.YearLocked, Assert.IsType<ReplaySwitchRefusedException>(switched).Reason);
            Assert.Equal(liveBefore, await w.SnapshotAsync(w.LiveTables));
            var after = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => w.Switch().SwitchAsync(w.Replay, Admin, CancellationToken.None));
            Assert.Equal(ReplaySwitchRefusal.CleanedUp, after.Reason);
        }
    }

    [Fact]
    public async Task Switch_OfAReplayWhoseTablesAreGone_IsAnError_AndLiveIsNotEmptied()
    {
        await using var w = await SwitchableWorldAsync();
        var liveBefore = await w.SnapshotAsync(w.LiveTables);
        await w.Live.Get<TableServiceClient>().DeleteTableAsync(w.ReplayTables.NameOf(TableNames.CurrentReports));

        await Assert.ThrowsAsync<StorageSetMissingException>(() => w.Switch().SwitchAsync(w.Replay, Admin, CancellationToken.None));

        Assert.Equal(liveBefore, await w.SnapshotAsync(w.LiveTables));
    }

    [Fact]
    public async Task CleanUp_OfAStaleRunningReplay_IsAllowedAfterTheConfiguredSilence_MarksItFailed_AndDeletesItsContacts()
    {
        await using var w = await SwitchWorld.CreateAsync(azurite);
        await w.MarkAsync(ReplayStatuses.Running);
        await w.ReplayTables.Get(TableNames.Contacts).UpsertEntityAsync(new TableEntity("01", "contact-1") { ["Email"] = "person@example.se" });
        var options = new ReplayOptions { StaleAfterMinutes = 20 };

        w.Live.Time.Advance(TimeSpan.FromMinutes(15));
        await w.Log.BeatAsync(w.Replay, w.Live.Time.GetUtcNow(), CancellationToken.None);
        w.Live.Time.Advance(TimeSpan.FromMinutes(15));
        var alive = await Assert.ThrowsAsync<ReplaySwitchRefusedException>(() => w.Switch(replayOptions: options).CleanUpAsync(w.Replay, Admin, CancellationToken.None));
        Assert.Equal(ReplaySwitchRefusal.NotCompleted, alive.Reason);

        w.Live.Time.Advance(TimeSpan.FromMinutes(6));
        await w.Switch(replayOptions: options).CleanUpAsync(w.Replay, Admin, CancellationToken.None);

        Assert.Empty(await TablesAsync(w, w.Replay.TablePrefix));
        var entry = (await w.Log.FindAsync(w.Replay, CancellationToken.None))!;
        Assert.Equal((ReplayStatuses.CleanedUp, Admin), (entry.Status, entry.CleanedUpBy));
        Assert.NotNull(entry.FinishedAt);
    }

    [Fact]
    public async Task CleanUp_RemovesOnlyTheReplaysAndTheBackupsTablesAndContainers_AndLogsWho()
    {
        await using var w = await SwitchableWorldAsync();
        var service = w.Switch();
        await service.SwitchAsync(w.Replay, Admin, CancellationToken.None);
        var liveRows = await w.SnapshotAsync(w.LiveTables);
        Assert.True(await BlobContainerExistsAsync(w, w.BackupTables));
        w.Live.Time.Advance(TimeSpan.FromDays(3));

        await service.CleanUpAsync(w.Replay, "admin:städ", CancellationToken.None);

        Assert.Empty(await TablesAsync(w, w.Replay.TablePrefix));
        Assert.Empty(await TablesAsync(w, w.Replay.BackupPrefix));
        Assert.Equal(w.LiveTables.All.Order(StringComparer.Ordinal), await TablesAsync(w, w.LiveTables.Prefix));
        Assert.False(await BlobContainerExistsAsync(w, w.ReplayTables));
        Assert.False(await BlobContainerExistsAsync(w, w.BackupTables));
        Assert.True(await BlobContainerExistsAsync(w, w.LiveTables));
        Assert.Equal(liveRows, await w.SnapshotAsync(w.LiveTables));
        var entry = await w.Log.FindAsync(w.Replay, CancellationToken.None);
        Assert.Equal((ReplayStatuses.CleanedUp, "admin:städ", w.Live.Time.GetUtcNow(), Admin), (entry!.Status, entry.CleanedUpBy, entry.CleanedUpAt, entry.SwitchedBy));
    }

    [Fact]
    public async Task CleanUp_OfAReplayNeverSwitched_LeavesTheLiveYearAsItWas()
    {
        await using var w = await SwitchableWorldAsync();
        var liveRows = await w.SnapshotAsync(w.LiveTables);

        await w.Switch().CleanUpAsync(w.Replay, Admin, CancellationToken.None);

        Assert.Empty(await TablesAsync(w, w.Replay.TablePrefix));
        Assert.Equal(liveRows, await w.SnapshotAsync(w.LiveTables));
        Assert.Equal(ReplayStatuses.CleanedUp, (await w.Log.FindAsync(w.Replay, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ReplayLog_AnEntryChangedSinceItWasRead_IsNotOverwritten()
    {
        // What makes one of two simultaneous switches lose: Completed → Switching is conditional on the ETag read.
        await using var w = await SwitchWorld.CreateAsync(azurite);
        await w.MarkAsync(ReplayStatuses.Completed);
        var first = (await w.Log.FindAsync(w.Replay, CancellationToken.None))!;
        var second = (await w.Log.FindAsync(w.Replay, CancellationToken.None))!;

        first.Status = ReplayStatuses.Switching;
        Assert.True(await w.Log.TryUpdateAsync(first, CancellationToken.None));
        second.Status = ReplayStatuses.Switching;
        second.SwitchedBy = "admin:sen";
        Assert.False(await w.Log.TryUpdateAsync(second, CancellationToken.None));

        var stored = await w.Log.FindAsync(w.Replay, CancellationToken.None);
        Assert.Equal((ReplayStatuses.Switching, null, "replay-test"), (stored!.Status, stored.SwitchedBy, stored.StartedBy));
    }

    /// <summary>A live year missing one report, and a completed replay that has it and the rest.</summary>
    private async Task<SwitchWorld> SwitchableWorldAsync()
    {
        var w = await SwitchWorld.CreateAsync(azurite);
        var first = await w.DropReportAsync("PO Ett", seed: 7);
        var second = await w.DropReportAsync("PO Två", seed: 8);
        var superseding = await w.DropReportAsync("PO Ett", seed: 9);
        foreach (var blob in new[] { first, second, superseding })
        {
            await w.IngestReplayAsync(blob);
        }

        await w.IngestLiveAsync(first);
        await w.MarkAsync(ReplayStatuses.Completed);
        return w;
    }

    private static async Task<List<string>> TablesAsync(SwitchWorld w, string prefix)
    {
        var names = new List<string>();
        await foreach (var table in w.Live.Get<TableServiceClient>().QueryAsync(TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}")))
        {
            names.Add(table.Name);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    private static async Task<bool> BlobContainerExistsAsync(SwitchWorld w, StorageTables tables) =>
        await w.Live.Get<BlobServiceClient>().GetBlobContainerClient(tables.ResultsContainer).ExistsAsync();
}
