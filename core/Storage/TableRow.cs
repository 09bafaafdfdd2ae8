using Azure;
using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

/// <summary>What every entity of docs/storage.md's tables has: its keys, the service's timestamp and the ETag.</summary>
public abstract class TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }
}
