using Azure;
using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

/// <summary>Table YearRevisions: PartitionKey "years", RowKey year; a new Revision whenever CurrentReports of the year changes.</summary>
public sealed class YearRevisionEntity : ITableEntity
{
    public const string Partition = "years";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Revision { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }
}

public sealed class YearRevisionStore(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.YearRevisions);

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
}
