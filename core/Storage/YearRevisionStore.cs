using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

/// <summary>Table YearRevisions: PartitionKey "years", RowKey year; a new Revision whenever CurrentReports of the year changes.</summary>
public sealed class YearRevisionEntity : TableRow
{
    public const string Partition = "years";

    public YearRevisionEntity() => PartitionKey = Partition;

    public string Revision { get; set; } = "";

    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>The revision as readers see it; null when the RowKey is not a year. A row without a Revision is known by its ETag.</summary>
    public YearRevision? ToRecord() =>
        int.TryParse(RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? new YearRevision(year, Revision.Length == 0 ? ETag.ToString() : Revision, ChangedAt)
            : null;
}

public sealed class YearRevisionStore(StorageTables tables, TimeProvider time)
{
    private readonly TableClient _table = tables.Get(TableNames.YearRevisions);

    /// <summary>Step 5 of the write order: a fresh revision, so per-year caches reload.</summary>
    public async Task BumpAsync(int year, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(
            new YearRevisionEntity
            {
                RowKey = StorageKeys.Year(year),
                Revision = Guid.NewGuid().ToString("N"),
                ChangedAt = time.GetUtcNow(),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>The current revision of a year, or null when nothing was ever accepted for it.</summary>
    public async Task<string?> GetAsync(int year, CancellationToken cancellationToken) =>
        (await _table.FindAsync<YearRevisionEntity>(YearRevisionEntity.Partition, StorageKeys.Year(year), cancellationToken))?.Revision;

    /// <summary>The revisions of <paramref name="fromYear"/> … <paramref name="toYear"/> in one range query, oldest first.</summary>
    public Task<IReadOnlyList<YearRevision>> ListAsync(int fromYear, int toYear, CancellationToken cancellationToken) =>
        QueryAsync(
            TableClient.CreateQueryFilter(
                $"PartitionKey eq {YearRevisionEntity.Partition} and RowKey ge {StorageKeys.Year(fromYear)} and RowKey le {StorageKeys.Year(toYear)}"),
            cancellationToken);

    /// <summary>The revision of every year that ever had an accepted report, oldest first.</summary>
    public Task<IReadOnlyList<YearRevision>> ListAllAsync(CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {YearRevisionEntity.Partition}"), cancellationToken);

    private async Task<IReadOnlyList<YearRevision>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        try
        {
            return [.. (await _table.QueryAllAsync<YearRevisionEntity>(filter, cancellationToken))
                .Select(e => e.ToRecord()).OfType<YearRevision>().OrderBy(r => r.Year)];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
