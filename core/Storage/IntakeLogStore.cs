using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>Table IntakeLog: one entity per upload (blob name + content). See docs/storage.md.</summary>
public sealed class IntakeLogEntity : TableRow
{
    public string BlobName { get; set; } = "";

    public string? Sha256 { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>The day the county board received the report (<see cref="Intake.ReceivedOn"/>, yyyy-MM-dd); null in rows written before it was stored.</summary>
    public string? ReceivedOn { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary><see cref="IntakeOutcome"/> name.</summary>
    public string Outcome { get; set; } = "";

    /// <summary><see cref="Dispositions"/> value; empty for rejections and failures.</summary>
    public string Disposition { get; set; } = "";

    public string? OperationKey { get; set; }

    public string? OperationName { get; set; }

    public string? VersionId { get; set; }

    public int ErrorCount { get; set; }

    public int WarningCount { get; set; }

    public string FindingsJson { get; set; } = "[]";

    public string? ResultBlob { get; set; }

    public string? FailureReason { get; set; }

    public int Attempts { get; set; }

    [IgnoreDataMember]
    public IntakeOutcome OutcomeValue => Enum.Parse<IntakeOutcome>(Outcome);

    public IntakeRecord ToRecord() => new(
        BlobName,
        Sha256 ?? "",
        ReceivedAt ?? DateTimeOffset.MinValue,
        OutcomeValue,
        Disposition.Length == 0 ? null : Disposition,
        VersionId,
        IntakeJson.DeserializeFindings(FindingsJson));

    /// <summary>The entry as status reads it (county from the <c>{year}-{county}</c> partition).</summary>
    public IntakeLogEntry ToEntry() => new(
        StorageKeys.CountyOf(PartitionKey),
        BlobName,
        ReceivedAt,
        ProcessedAt,
        OutcomeValue,
        Disposition.Length == 0 ? null : Disposition,
        OperationKey,
        OperationName,
        VersionId,
        ErrorCount,
        WarningCount,
        FindingsJson,
        FailureReason)
    {
        ReceivedOn = Intake.ReceivedOn.Parse(ReceivedOn),
    };
}

/// <summary>Values of IntakeLog.Disposition for accepted uploads.</summary>
public static class Dispositions
{
    /// <summary>This upload's version is the one that counts.</summary>
    public const string Current = "Current";

    /// <summary>Was current; a later upload replaced it.</summary>
    public const string Superseded = "Superseded";

    /// <summary>The same bytes were already stored for this year and county under another name; not counted again.</summary>
    public const string Duplicate = "Duplicate";

    /// <summary>Accepted, but a later upload for the same verksamhet was already current.</summary>
    public const string OlderThanCurrent = "OlderThanCurrent";
}

/// <summary>Reads the upload log of a year.</summary>
public interface IIntakeLogReader
{
    Task<IReadOnlyList<IntakeLogEntry>> ReadAsync(int year, CancellationToken cancellationToken);
}

/// <summary>Reads and writes IntakeLog.</summary>
public sealed class IntakeLogStore(StorageTables tables) : IIntakeLogReader
{
    private readonly TableClient _table = tables.Get(TableNames.IntakeLog);

    /// <summary>Every upload of a year (partitions <c>{year}-{county}</c>, one range query; none when the table does not exist yet).</summary>
    public async Task<IReadOnlyList<IntakeLogEntry>> ReadAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            return [.. (await _table.QueryAllAsync<IntakeLogEntity>(StorageKeys.YearCountyPartitions(year), cancellationToken)).Select(e => e.ToEntry())];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>
    /// Every entity of a year's uploads, raw (Sha256 and FindingsJson included): the <c>{year}-{county}</c> partitions and the
    /// <c>_invalid</c> entries whose path starts with <c>{year}/</c> (the replay's comparison, docs/replay.md).
    /// </summary>
    public async Task<IReadOnlyList<IntakeLogEntity>> ListYearEntitiesAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            var prefix = StorageKeys.Year(year) + "/";
            var invalid = TableClient.CreateQueryFilter(
                $"PartitionKey eq {StorageKeys.InvalidPartition} and BlobName ge {prefix} and BlobName lt {StorageKeys.Year(year) + "0"}");
            return [.. await _table.QueryAllAsync<IntakeLogEntity>(StorageKeys.YearCountyPartitions(year), cancellationToken),
                .. await _table.QueryAllAsync<IntakeLogEntity>(invalid, cancellationToken)];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>Every upload of one (year, county), newest first by ReceivedAt.</summary>
    public async Task<IReadOnlyList<IntakeLogEntity>> ListAsync(int year, string countyCode, CancellationToken cancellationToken)
    {
        var entities = await _table.QueryAllAsync<IntakeLogEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.YearCounty(year, countyCode)}"), cancellationToken);
        return entities.OrderByDescending(e => e.ReceivedAt).ThenBy(e => e.BlobName, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Every entry of one blob path in its partition — one per content it had, and the failure before its content was known
    /// (<see cref="StorageKeys.UnknownContent"/>) — in one range query on the RowKey prefix <c>{sha256 of the path}-</c>.
    /// </summary>
    public async Task<IReadOnlyList<IntakeLogEntity>> ListBlobAsync(string partitionKey, string blobName, CancellationToken cancellationToken)
    {
        var prefix = StorageKeys.LogRowKeyPrefix(blobName);
        // '-' < '.', so the range holds exactly the RowKeys "{prefix}…".
        return await _table.QueryAllAsync<IntakeLogEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "."}"),
            cancellationToken);
    }

    public Task<IntakeLogEntity?> FindAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        _table.FindAsync<IntakeLogEntity>(partitionKey, rowKey, cancellationToken);

    public async Task UpsertAsync(IntakeLogEntity entity, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Writes a Failed entry unless the upload has meanwhile been recorded as accepted or rejected.</summary>
    public async Task RecordFailureAsync(IntakeLogEntity failure, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(failure.PartitionKey, failure.RowKey, cancellationToken);
        if (existing is null)
        {
            failure.Attempts = 1;
            await _table.AddEntityAsync(failure, cancellationToken);
            return;
        }

        if (existing.OutcomeValue != IntakeOutcome.Failed)
        {
            return;
        }

        failure.Attempts = existing.Attempts + 1;
        await _table.UpdateEntityAsync(failure, existing.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Removes the entry of a failure that happened before the content was known, once the upload got through, and returns
    /// its attempts. <paramref name="entries"/>: the blob's entries as <see cref="ListBlobAsync"/> read them (no read here).
    /// </summary>
    public async Task<int> RemoveUnknownContentFailureAsync(IEnumerable<IntakeLogEntity> entries, string blobName, CancellationToken cancellationToken)
    {
        var rowKey = StorageKeys.LogRowKey(blobName, null);
        if (entries.FirstOrDefault(e => e.RowKey == rowKey) is not { } existing)
        {
            return 0;
        }

        await _table.DeleteEntityAsync(existing.PartitionKey, rowKey, ETag.All, cancellationToken);
        return existing.Attempts;
    }

    /// <summary>
    /// Sets the Disposition of one entry to <paramref name="disposition"/> when it is <paramref name="expected"/> (read, then
    /// merged conditionally on the ETag; read again when it changed meanwhile). Nothing when the entry is missing (not
    /// written yet: its intake writes it and checks the current entry afterwards) or says something else.
    /// </summary>
    internal async Task SetDispositionAsync(string partitionKey, string rowKey, string expected, string disposition, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var entry = await FindAsync(partitionKey, rowKey, cancellationToken);
            if (entry is null || entry.Disposition != expected || entry.OutcomeValue != IntakeOutcome.Accepted)
            {
                return;
            }

            var patch = new TableEntity(partitionKey, rowKey) { [nameof(IntakeLogEntity.Disposition)] = disposition };
            try
            {
                await _table.UpdateEntityAsync(patch, entry.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone or rewritten meanwhile: read again and decide again.
            }
        }
    }
}
