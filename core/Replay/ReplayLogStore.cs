using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Replay;

/// <summary>Table ReplayLog: PartitionKey year, RowKey replay id; who ran, switched and cleaned up the replay, and when.</summary>
public sealed class ReplayLogEntity : TableRow
{
    /// <summary><c>Running</c>, <c>Completed</c>, <c>Failed</c>, <c>Switching</c>, <c>Switched</c>, <c>CleanedUp</c> (<see cref="ReplayStatuses"/>).</summary>
    public string Status { get; set; } = "";

    public string StartedBy { get; set; } = "";

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The last sign of life of a <c>Running</c> replay (with the year's lock renewed); a replay silent for <see cref="ReplayOptions.StaleAfterMinutes"/> died.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    public int Originals { get; set; }

    public int DifferenceCount { get; set; }

    public string? SwitchedBy { get; set; }

    public DateTimeOffset? SwitchedAt { get; set; }

    public string? CleanedUpBy { get; set; }

    public DateTimeOffset? CleanedUpAt { get; set; }

    // The switch's own marks (docs/replay.md, "Switch and clean-up").

    /// <summary>When the backup of the live year rows was complete; from then on a rerun never writes the backup again.</summary>
    public DateTimeOffset? BackupCompletedAt { get; set; }

    /// <summary>How many live rows of the year the switch kept in the backup and replaced.</summary>
    public int? RowsReplaced { get; set; }

    /// <summary>The year's revision the switch left.</summary>
    public string? Revision { get; set; }
}

/// <summary>The one property a heartbeat merges into a <see cref="ReplayLogEntity"/> row, and nothing else.</summary>
public sealed class ReplayHeartbeatEntity : TableRow
{
    public DateTimeOffset HeartbeatAt { get; set; }
}

/// <summary>The values of <see cref="ReplayLogEntity.Status"/>.</summary>
public static class ReplayStatuses
{
    public const string Running = "Running";
    public const string Completed = "Completed";
    public const string Failed = "Failed";

    /// <summary>A switch started and has not finished: rerun it (docs/replay.md).</summary>
    public const string Switching = "Switching";

    public const string Switched = "Switched";
    public const string CleanedUp = "CleanedUp";
}

/// <summary>The audit of replays. Always the registered (unprefixed) set: a replay's own tables hold no audit.</summary>
public sealed class ReplayLogStore(StorageTables tables)
{
    private readonly TableClient _table = tables.Get(TableNames.ReplayLog);

    public async Task UpsertAsync(ReplayLogEntity entity, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Sets the replay's <see cref="ReplayLogEntity.HeartbeatAt"/> and nothing else (a merge of that one property).</summary>
    public async Task BeatAsync(ReplaySet replay, DateTimeOffset at, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(
            new ReplayHeartbeatEntity { PartitionKey = StorageKeys.Year(replay.Year), RowKey = replay.Id, HeartbeatAt = at },
            TableUpdateMode.Merge,
            cancellationToken);

    /// <summary>Updates (merges) the entry if nobody changed it since it was read (its ETag); false when somebody did.</summary>
    public async Task<bool> TryUpdateAsync(ReplayLogEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<ReplayLogEntity?> FindAsync(ReplaySet replay, CancellationToken cancellationToken) =>
        await _table.FindAsync<ReplayLogEntity>(StorageKeys.Year(replay.Year), replay.Id, cancellationToken);

    /// <summary>
    /// The replays of a year, oldest first. The year's lock and the intakes' marks share the partition (RowKeys from '~',
    /// after every replay id); they are not replays. A missing table is an error, not "no replays".
    /// </summary>
    public async Task<IReadOnlyList<ReplayLogEntity>> ListAsync(int year, CancellationToken cancellationToken) =>
        [.. (await _table.QueryAllAsync<ReplayLogEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Year(year)} and RowKey lt {"~"}"), cancellationToken)).OrderBy(e => e.RowKey, StringComparer.Ordinal)];
}
