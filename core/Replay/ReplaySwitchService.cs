using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoIntake.Core.Diagnostics;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Replay;

/// <summary>
/// Makes a completed replay live for its year and cleans up after it (docs/replay.md, "Switch and clean-up").
/// A switch goes in steps that a rerun after a crash repeats or skips, marked in ReplayLog:
/// 1. <c>Completed</c> → <c>Switching</c> (ETag-conditional), after checking the live tables hold no upload the replay lacks;
/// 2. the live year rows and validation reports are copied to the backup set, then <c>BackupCompletedAt</c> is set —
///    from then on the backup is never written again, so a rerun cannot overwrite it with half-switched rows;
/// 3. the replay's year rows and reports are written over the live ones, then the live ones the replay does not have
///    (those in the backup only) are deleted — every step an upsert or a delete by key, so repeating it converges;
/// 4. the year's revision is bumped (readers reload) and the entry says <c>Switched</c>, by whom, when.
/// </summary>
public sealed partial class ReplaySwitchService(
    TableServiceClient tableService,
    BlobServiceClient blobs,
    StorageTables live,
    ReplayLogStore log,
    YearRevisionStore revisions,
    YearLockStore locks,
    YearClosureStore closures,
    TimeProvider time,
    IOptions<ReplayOptions> options,
    ILogger<ReplaySwitchService> logger) : IReplaySwitch
{
    private const int CopyConcurrency = 8;
    private const int NamesInMessage = 3;

    /// <inheritdoc />
    public async Task<ReplaySwitch> SwitchAsync(ReplaySet replay, string actor, CancellationToken cancellationToken)
    {
        var (replayTables, backupTables) = Sets(replay);
        RefuseSwitch(replay, await FindAsync(replay, cancellationToken));
        await using var lease = await AcquireAsync(replay, YearLockOperations.Switch, actor, cancellationToken);
        var done = false;
        try
        {
            lease.StartHeartbeat();
            var result = await SwitchLockedAsync(replay, replayTables, backupTables, actor, cancellationToken);
            done = true;
            return result;
        }
        catch (ReplaySwitchRefusedException)
        {
            // Refused before anything live changed (a refusal never comes later): the year's intake may go on.
            done = true;
            throw;
        }
        finally
        {
            try
            {
                // A crash half way leaves the switch unfinished in the lock: the year's intake waits until it is rerun.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await lease.ReleaseAsync(switchDone: done, timeout.Token);
            }
            catch (Exception e) when (e is RequestFailedException or OperationCanceledException or YearLockedException)
            {
                LogReleaseFailed(logger, replay.Year, replay.Id, e.GetType().FullName);
            }
        }
    }

    private async Task<ReplaySwitch> SwitchLockedAsync(
        ReplaySet replay, StorageTables replayTables, StorageTables backupTables, string actor, CancellationToken cancellationToken)
    {
        // Read again under the lock: what was read before it may have changed.
        var entry = await FindAsync(replay, cancellationToken);
        RefuseSwitch(replay, entry);
        if (entry.Status == ReplayStatuses.Completed && await closures.StateAsync(replay.Year, cancellationToken) is { Closed: true } closed)
        {
            throw Refused(ReplaySwitchRefusal.YearClosed,
                $"År {replay.Year} är stängt sedan {Stamp(closed.Since)}: dess siffror ändras inte. Öppna året igen (POST /api/manage/years/{replay.Year}/reopen) om omkörningen ska tas i bruk.");
        }

        if (!await locks.WaitForIntakesAsync(replay.Year, cancellationToken))
        {
            throw Aborted(replay, ReplaySwitchRefusal.IntakeInProgress, 0,
                $"Uppladdningar av år {replay.Year} håller på att läsas in och blev inte klara i tid. Ingenting har ändrats; försök igen om en stund.");
        }

        // Every table and the container of the replay must be there before anything live changes (a missing one is never "empty").
        await EnsureExistsAsync(replayTables, cancellationToken);
        if (entry.Status == ReplayStatuses.Completed)
        {
            await EnsureNothingNewerLiveAsync(replay, replayTables, cancellationToken);
            entry.Status = ReplayStatuses.Switching;
            if (!await log.TryUpdateAsync(entry, cancellationToken))
            {
                throw Refused(ReplaySwitchRefusal.SwitchInProgress,
                    $"Omkörningen {replay.Id} ändrades av någon annan i samma stund. Se efter i omkörningsloggen och försök igen.");
            }
        }
        else
        {
            LogResuming(logger, replay.Year, replay.Id, entry.BackupCompletedAt is not null);
        }

        if (entry.BackupCompletedAt is null)
        {
            entry.RowsReplaced = await CopyYearAsync(live, backupTables, replay.Year, cancellationToken);

            // Checked again on what the backup holds, which is what step 3 deletes when the replay lacks it: an upload
            // that finished between the first check and the end of the copy is in it. Nothing live has changed yet.
            if (await MissingFromReplayAsync(backupTables, replayTables, replay.Year, cancellationToken) is { Count: > 0 } missing)
            {
                await YearScope.DeleteYearAsync(backupTables, replay.Year, cancellationToken);
                await DeleteReportsAsync(backupTables, await ListReportsAsync(backupTables, replay.Year, cancellationToken), cancellationToken);
                entry.Status = ReplayStatuses.Completed;
                entry.RowsReplaced = null;
                await log.UpsertAsync(entry, cancellationToken);
                throw Aborted(replay, ReplaySwitchRefusal.NewerUpload, missing.Count, NewerUploadMessage(replay, missing));
            }

            entry.BackupCompletedAt = time.GetUtcNow();
            await log.UpsertAsync(entry, cancellationToken);
            LogBackedUp(logger, replay.Year, replay.Id, entry.RowsReplaced.Value);
        }

        await ReplaceYearAsync(replayTables, backupTables, replay.Year, cancellationToken);
        var during = await CountUploadsDuringSwitchAsync(replayTables, backupTables, replay.Year, cancellationToken);
        if (during > 0)
        {
            // The year's lock keeps the intake out while a switch is unfinished; an upload here got past it (a mark gone
            // stale): its rows are kept, but a pointer of it may have been overwritten. Alerted (docs/deploy.md).
            LogUploadsDuringSwitch(logger, replay.Year, replay.Id, during);
        }

        await revisions.BumpAsync(replay.Year, cancellationToken);
        var revision = await revisions.GetAsync(replay.Year, cancellationToken) ?? "";

        entry.Status = ReplayStatuses.Switched;
        entry.SwitchedBy = actor;
        entry.SwitchedAt = time.GetUtcNow();
        entry.Revision = revision;
        await log.UpsertAsync(entry, cancellationToken);
        LogSwitched(logger, replay.Year, replay.Id, entry.RowsReplaced ?? 0, revision);
        return new ReplaySwitch(replay.Year, replay.Id, replay.BackupPrefix, actor, entry.SwitchedAt.Value, revision, entry.RowsReplaced ?? 0, during);
    }

    private static void RefuseSwitch(ReplaySet replay, ReplayLogEntity entry)
    {
        switch (entry.Status)
        {
            case ReplayStatuses.Switched:
                throw Refused(ReplaySwitchRefusal.AlreadySwitched,
                    $"Omkörningen {replay.Id} är redan i bruk sedan {Stamp(entry.SwitchedAt)} ({entry.SwitchedBy}).");
            case ReplayStatuses.CleanedUp:
                throw CleanedUp(replay, entry);
            case ReplayStatuses.Completed or ReplayStatuses.Switching:
                return;
            default:
                throw Refused(ReplaySwitchRefusal.NotCompleted,
                    $"Omkörningen {replay.Id} är inte klar (status {entry.Status}). Bara en omkörning som har körts klart kan tas i bruk.");
        }
    }

    /// <inheritdoc />
    public async Task CleanUpAsync(ReplaySet replay, string actor, CancellationToken cancellationToken)
    {
        var (replayTables, backupTables) = Sets(replay);
        RefuseCleanUp(replay, await FindAsync(replay, cancellationToken));
        await using var lease = await AcquireAsync(replay, YearLockOperations.CleanUp, actor, cancellationToken);
        try
        {
            lease.StartHeartbeat();
            var entry = await FindAsync(replay, cancellationToken);
            RefuseCleanUp(replay, entry);
            if (entry.Status == ReplayStatuses.Running)
            {
                // Stale (RefuseCleanUp let it through): it died without saying so. Failed first, so the log says what it was.
                entry.Status = ReplayStatuses.Failed;
                entry.FinishedAt ??= time.GetUtcNow();
                await log.UpsertAsync(entry, cancellationToken);
                LogMarkedStale(logger, replay.Year, replay.Id, entry.HeartbeatAt ?? entry.StartedAt);
            }

            foreach (var set in new[] { replayTables, backupTables })
            {
                foreach (var table in set.All)
                {
                    try
                    {
                        await tableService.DeleteTableAsync(table, cancellationToken);
                    }
                    catch (RequestFailedException e) when (e.Status == 404)
                    {
                        // Never created (a replay that failed early, or no switch: no backup).
                    }
                }

                await blobs.GetBlobContainerClient(set.ResultsContainer).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }

            entry.Status = ReplayStatuses.CleanedUp;
            entry.CleanedUpBy = actor;
            entry.CleanedUpAt = time.GetUtcNow();
            await log.UpsertAsync(entry, cancellationToken);
            LogCleanedUp(logger, replay.Year, replay.Id);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await lease.ReleaseAsync(switchDone: false, timeout.Token);
        }
    }

    private void RefuseCleanUp(ReplaySet replay, ReplayLogEntity entry)
    {
        switch (entry.Status)
        {
            case ReplayStatuses.CleanedUp:
                throw CleanedUp(replay, entry);
            case ReplayStatuses.Running when !IsStale(entry):
                throw Refused(ReplaySwitchRefusal.NotCompleted,
                    $"Omkörningen {replay.Id} pågår fortfarande (senaste livstecken {Stamp(entry.HeartbeatAt ?? entry.StartedAt)}). "
                    + $"Städa när den har körts klart, eller när den inte har gett livstecken på {options.Value.StaleAfterMinutes} minuter.");
            case ReplayStatuses.Switching:
                throw Refused(ReplaySwitchRefusal.SwitchInProgress,
                    $"Omkörningen {replay.Id} avbröts halvvägs när den skulle tas i bruk. Kör bytet igen innan du städar, annars går säkerhetskopian av de tidigare tabellerna förlorad.");
        }
    }

    /// <summary>A <c>Running</c> replay whose last heartbeat (or start) is older than <see cref="ReplayOptions.StaleAfterMinutes"/>: it died.</summary>
    private bool IsStale(ReplayLogEntity entry) =>
        (entry.HeartbeatAt ?? entry.StartedAt) is not { } beat || time.GetUtcNow() - beat > TimeSpan.FromMinutes(options.Value.StaleAfterMinutes);

    private async Task<YearLease> AcquireAsync(ReplaySet replay, string operation, string actor, CancellationToken cancellationToken)
    {
        try
        {
            return await locks.AcquireAsync(replay.Year, replay.Id, operation, actor, cancellationToken);
        }
        catch (YearLockedException locked)
        {
            throw Refused(ReplaySwitchRefusal.YearLocked, locked.Message);
        }
    }

    /// <summary>The replay's and the backup's table sets; never the live one (a prefix that is empty or the live one is a bug, not a refusal).</summary>
    private (StorageTables Replay, StorageTables Backup) Sets(ReplaySet replay)
    {
        if (ReplaySet.Parse(replay.Year, replay.Id) is null)
        {
            throw Refused(ReplaySwitchRefusal.NotFound, $"\"{replay.Id}\" är inte namnet på en omkörning av år {replay.Year}.");
        }

        var sets = (new StorageTables(tableService, replay.TablePrefix), new StorageTables(tableService, replay.BackupPrefix));
        foreach (var set in new[] { sets.Item1, sets.Item2 })
        {
            if (set.Prefix.Length == 0 || set.Prefix == live.Prefix || set.ResultsContainer == live.ResultsContainer)
            {
                throw new InvalidOperationException($"Replay {replay.Id}: the prefix '{set.Prefix}' would name the live tables.");
            }
        }

        return sets;
    }

    private async Task<ReplayLogEntity> FindAsync(ReplaySet replay, CancellationToken cancellationToken) =>
        await log.FindAsync(replay, cancellationToken)
        ?? throw Refused(ReplaySwitchRefusal.NotFound, $"Det finns ingen omkörning {replay.Id} av år {replay.Year} i omkörningsloggen.");

    /// <summary>
    /// Refuses when the live tables have an upload of the year that the replay does not: an upload processed after the
    /// replay read the originals. A verdict (accepted or rejected) in IntakeLog, a grant register version, or a validation
    /// report counts; a Failed entry does not (it has no verdict, and the replay ran that original again).
    /// </summary>
    private async Task EnsureNothingNewerLiveAsync(ReplaySet replay, StorageTables replayTables, CancellationToken cancellationToken)
    {
        if (await MissingFromReplayAsync(live, replayTables, replay.Year, cancellationToken) is { Count: > 0 } missing)
        {
            throw Refused(ReplaySwitchRefusal.NewerUpload, NewerUploadMessage(replay, missing));
        }
    }

    private async Task EnsureExistsAsync(StorageTables set, CancellationToken cancellationToken)
    {
        await YearScope.EnsureTablesExistAsync(set, cancellationToken);

        var container = blobs.GetBlobContainerClient(set.ResultsContainer);
        if (!await container.ExistsAsync(cancellationToken))
        {
            throw new StorageSetMissingException(container.Name, new RequestFailedException(404, "container not found"));
        }
    }

    /// <summary>The uploads of the year with a verdict in <paramref name="source"/> (the live set or the backup) that the replay lacks.</summary>
    private async Task<SortedSet<string>> MissingFromReplayAsync(StorageTables source, StorageTables replayTables, int year, CancellationToken cancellationToken)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { TableNames.IntakeLog, TableNames.GrantVersions })
        {
            var replayed = (await YearScope.ReadYearAsync(replayTables, table, year, cancellationToken)).Select(r => r.Key).ToHashSet();
            foreach (var row in await YearScope.ReadYearAsync(source, table, year, cancellationToken))
            {
                var verdict = table != TableNames.IntakeLog || row.HasVerdict;
                if (verdict && !replayed.Contains(row.Key))
                {
                    var blobName = row.BlobName ?? row.RowKey;
                    missing.Add(table == TableNames.GrantVersions ? ContainerNames.Grants + "/" + blobName : blobName);
                }
            }
        }

        var replayedReports = (await ListReportsAsync(replayTables, year, cancellationToken)).ToHashSet();
        foreach (var name in await ListReportsAsync(source, year, cancellationToken))
        {
            if (!replayedReports.Contains(name))
            {
                missing.Add(UploadOf(name));
            }
        }

        return missing;
    }

    private static string NewerUploadMessage(ReplaySet replay, SortedSet<string> missing) =>
        $"De gällande tabellerna har {missing.Count} uppladdning(ar) av år {replay.Year} som omkörningen {replay.Id} saknar, "
        + $"till exempel {string.Join(", ", missing.Take(NamesInMessage))}. De har troligen kommit in efter att omkörningen startade "
        + $"och skulle gå förlorade. Kör en ny omkörning av år {replay.Year} och ta den i bruk i stället.";

    /// <summary>A switch that had begun and gave up with the live year as before: an error event (alerted, docs/deploy.md) and the refusal.</summary>
    private ReplaySwitchRefusedException Aborted(ReplaySet replay, ReplaySwitchRefusal reason, int uploads, string message)
    {
        LogAborted(logger, replay.Year, replay.Id, reason, uploads);
        return Refused(reason, message);
    }

    private async Task DeleteReportsAsync(StorageTables set, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(set.ResultsContainer);
        foreach (var name in names)
        {
            await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// Uploads with a verdict that the live IntakeLog has and neither the backup nor the replay: processed while the switch
    /// ran. Step 3 deletes only backed-up rows, so theirs stay; but it may have overwritten the CurrentReports entry one
    /// placed, so a new replay of the year is due (it reports them as differences).
    /// </summary>
    private async Task<int> CountUploadsDuringSwitchAsync(StorageTables replayTables, StorageTables backupTables, int year, CancellationToken cancellationToken)
    {
        var known = new HashSet<(string, string)>();
        foreach (var set in new[] { replayTables, backupTables })
        {
            known.UnionWith((await YearScope.ReadYearAsync(set, TableNames.IntakeLog, year, cancellationToken)).Select(r => r.Key));
        }

        return (await YearScope.ReadYearAsync(live, TableNames.IntakeLog, year, cancellationToken))
            .Count(r => r.HasVerdict && !known.Contains(r.Key));
    }

    /// <summary>Copies the set's year rows and validation reports of the year to <paramref name="target"/>; answers the rows copied.</summary>
    private async Task<int> CopyYearAsync(StorageTables source, StorageTables target, int year, CancellationToken cancellationToken)
    {
        var rows = 0;
        foreach (var table in YearScope.YearRowTables)
        {
            var yearRows = await YearScope.ReadYearAsync(source, table, year, cancellationToken);
            await YearScope.CopyRowsAsync(target.Get(table), yearRows, CopyConcurrency, cancellationToken);
            rows += yearRows.Count;
        }

        await CopyReportsAsync(source, target, await ListReportsAsync(source, year, cancellationToken), cancellationToken);
        return rows;
    }

    /// <summary>Step 3: the replay's rows over the live ones, then the live rows only the backup has are deleted; the same for the reports.</summary>
    private async Task ReplaceYearAsync(StorageTables replayTables, StorageTables backupTables, int year, CancellationToken cancellationToken)
    {
        foreach (var table in YearScope.YearRowTables)
        {
            var replayed = await YearScope.ReadYearAsync(replayTables, table, year, cancellationToken);
            var client = live.Get(table);
            await YearScope.CopyRowsAsync(client, replayed, CopyConcurrency, cancellationToken);
            var keep = replayed.Select(r => r.Key).ToHashSet();
            var replaced = await YearScope.ReadYearAsync(backupTables, table, year, cancellationToken);
            await YearScope.DeleteRowsAsync(client, replaced.Where(r => !keep.Contains(r.Key)), cancellationToken);
        }

        var replayedReports = await ListReportsAsync(replayTables, year, cancellationToken);
        await CopyReportsAsync(replayTables, live, replayedReports, cancellationToken);
        var liveReports = blobs.GetBlobContainerClient(live.ResultsContainer);
        var keepReports = replayedReports.ToHashSet(StringComparer.Ordinal);
        foreach (var name in (await ListReportsAsync(backupTables, year, cancellationToken)).Where(n => !keepReports.Contains(n)))
        {
            await liveReports.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private Task<List<string>> ListReportsAsync(StorageTables set, int year, CancellationToken cancellationToken) =>
        YearScope.ListResultBlobsAsync(blobs.GetBlobContainerClient(set.ResultsContainer), year, cancellationToken);

    private async Task CopyReportsAsync(StorageTables source, StorageTables target, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var from = blobs.GetBlobContainerClient(source.ResultsContainer);
        var to = blobs.GetBlobContainerClient(target.ResultsContainer);
        await to.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Parallel.ForEachAsync(
            names,
            new ParallelOptions { MaxDegreeOfParallelism = CopyConcurrency, CancellationToken = cancellationToken },
            async (name, ct) =>
            {
                var content = (await from.GetBlobClient(name).DownloadContentAsync(ct)).Value;
                await to.GetBlobClient(name).UploadAsync(
                    content.Content,
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = content.Details.ContentType } },
                    ct);
            });
    }

    /// <summary>The upload a validation report belongs to: <c>_invalid/2025/x.xlsx.{sha16}.json</c> → <c>2025/x.xlsx</c>.</summary>
    private static string UploadOf(string resultBlob)
    {
        var name = resultBlob.StartsWith(StorageKeys.InvalidPartition + "/", StringComparison.Ordinal) ? resultBlob[(StorageKeys.InvalidPartition.Length + 1)..] : resultBlob;
        name = name.EndsWith(".json", StringComparison.Ordinal) ? name[..^".json".Length] : name;
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    private static string Stamp(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "okänd tid";

    private static ReplaySwitchRefusedException CleanedUp(ReplaySet replay, ReplayLogEntity entry) =>
        Refused(ReplaySwitchRefusal.CleanedUp,
            $"Omkörningen {replay.Id} är redan städad bort ({Stamp(entry.CleanedUpAt)}, {entry.CleanedUpBy}); dess tabeller finns inte längre. Kör en ny omkörning av år {replay.Year}.");

    private static ReplaySwitchRefusedException Refused(ReplaySwitchRefusal reason, string message) => new(reason, message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay {Year}/{ReplayId}: resuming an interrupted switch (backup complete: {BackupComplete})")]
    private static partial void LogResuming(ILogger logger, int year, string replayId, bool backupComplete);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {Year}/{ReplayId}: {Rows} live rows kept in the backup")]
    private static partial void LogBackedUp(ILogger logger, int year, string replayId, int rows);

    [LoggerMessage(EventId = LogEventIds.UploadsDuringSwitch, EventName = nameof(LogEventIds.UploadsDuringSwitch), Level = LogLevel.Error,
        Message = "Replay {Year}/{ReplayId}: {Uploads} uploads of the year were processed while the switch ran; their rows are kept, replay the year again")]
    private static partial void LogUploadsDuringSwitch(ILogger logger, int year, string replayId, int uploads);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {Year}/{ReplayId}: switched, {Rows} live rows replaced, revision {Revision}")]
    private static partial void LogSwitched(ILogger logger, int year, string replayId, int rows, string revision);

    [LoggerMessage(EventId = LogEventIds.SwitchAborted, EventName = nameof(LogEventIds.SwitchAborted), Level = LogLevel.Error,
        Message = "Replay {Year}/{ReplayId}: switch aborted ({Refusal}) with the live year as before; {Uploads} uploads would have been lost")]
    private static partial void LogAborted(ILogger logger, int year, string replayId, ReplaySwitchRefusal refusal, int uploads);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay {Year}/{ReplayId}: releasing the year's lock failed with {FailureReason}; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, int year, string replayId, string? failureReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay {Year}/{ReplayId}: Running without a heartbeat since {LastBeat}; marked Failed")]
    private static partial void LogMarkedStale(ILogger logger, int year, string replayId, DateTimeOffset? lastBeat);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {Year}/{ReplayId}: replay and backup tables cleaned up")]
    private static partial void LogCleanedUp(ILogger logger, int year, string replayId);
}
