using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Replay;

/// <summary>Table ReplayLog: PartitionKey year, RowKey replay id; who ran, switched and cleaned up the replay, and when.</summary>
public sealed class ReplayLogEntity : TableRow
{
    /// <summary><c>Running</c>, <c>Completed</c>, <c>Failed</c>, <c>Switched</c>, <c>CleanedUp</c>.</summary>
    public string Status { get; set; } = "";

    public string StartedBy { get; set; } = "";

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int Originals { get; set; }

    public int DifferenceCount { get; set; }

    public string? SwitchedBy { get; set; }

    public DateTimeOffset? SwitchedAt { get; set; }

    public string? CleanedUpBy { get; set; }

    public DateTimeOffset? CleanedUpAt { get; set; }
}

/// <summary>The audit of replays. Always the registered (unprefixed) set: a replay's own tables hold no audit.</summary>
public sealed class ReplayLogStore(StorageTables tables)
{
    private readonly TableClient _table = tables.Get(TableNames.ReplayLog);

    public async Task UpsertAsync(ReplayLogEntity entity, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);

    public async Task<ReplayLogEntity?> FindAsync(ReplaySet replay, CancellationToken cancellationToken) =>
        await _table.FindAsync<ReplayLogEntity>(StorageKeys.Year(replay.Year), replay.Id, cancellationToken);

    /// <summary>The replays of a year, oldest first.</summary>
    public async Task<IReadOnlyList<ReplayLogEntity>> ListAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            return [.. (await _table.QueryAllAsync<ReplayLogEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Year(year)}"), cancellationToken)).OrderBy(e => e.RowKey, StringComparer.Ordinal)];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
