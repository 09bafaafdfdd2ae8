using Azure;
using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

internal static class TableClientExtensions
{
    private const int MaxBatchSize = 100;

    /// <summary>Upserts (replace) entities in transactions of at most 100 per partition, the Table service's limit.</summary>
    public static async Task UpsertAllAsync<T>(this TableClient table, IEnumerable<T> entities, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        foreach (var partition in entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxBatchSize))
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)),
                    cancellationToken);
            }
        }
    }

    /// <summary>
    /// Deletes the entities by key in transactions of at most 100 per partition. A transaction fails whole when one of its
    /// entities is gone (404), so such a chunk is deleted one by one, a missing entity counting as deleted: a rerun after an
    /// interrupted delete completes it.
    /// </summary>
    public static async Task DeleteAllAsync(this TableClient table, IEnumerable<ITableEntity> entities, CancellationToken cancellationToken)
    {
        foreach (var partition in entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxBatchSize))
            {
                try
                {
                    await table.SubmitTransactionAsync(
                        chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(e.PartitionKey, e.RowKey), ETag.All)),
                        cancellationToken);
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    foreach (var entity in chunk)
                    {
                        await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken); // 404 is no error here
                    }
                }
            }
        }
    }

    /// <summary>A point read that answers null for a missing entity instead of throwing.</summary>
    public static async Task<T?> FindAsync<T>(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Every entity the filter matches (with <paramref name="select"/>, only those properties).</summary>
    public static async Task<List<T>> QueryAllAsync<T>(
        this TableClient table, string filter, CancellationToken cancellationToken, IEnumerable<string>? select = null)
        where T : class, ITableEntity, new()
    {
        var result = new List<T>();
        await foreach (var entity in table.QueryAsync<T>(filter, select: select, cancellationToken: cancellationToken))
        {
            result.Add(entity);
        }

        return result;
    }
}
