using System.Collections;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>What a switch does with a table of <see cref="TableNames"/> (docs/replay.md, "Switch and clean-up").</summary>
public enum YearScopeKind
{
    /// <summary>Derived from the year's originals: the year's rows are backed up and replaced by the replay's.</summary>
    YearRows,

    /// <summary><c>YearRevisions</c>: not copied; the switch bumps the year's revision so readers reload.</summary>
    Revision,

    /// <summary><c>Contacts</c>: per county, not per year; a year's switch leaves it as it is.</summary>
    NotPerYear,

    /// <summary><c>ReminderLedger</c>, <c>ReplayLog</c>: history of what was done; never touched.</summary>
    History,
}

/// <summary>One table's place in a switch, and why.</summary>
public sealed record TableYearScope(string Table, YearScopeKind Kind, string Why);

/// <summary>
/// The one place that says which tables are derived from the originals and how a year's rows are found in each
/// (docs/replay.md). Every table of <see cref="TableNames.All"/> is listed here; a test holds the two lists to each other.
/// </summary>
public static class YearScope
{
    public static IReadOnlyList<TableYearScope> Tables { get; } =
    [
        new(TableNames.IntakeLog, YearScopeKind.YearRows, "PartitionKey {year}-{county}, and the _invalid partition's rows whose BlobName starts with {year}/"),
        new(TableNames.ReportVersions, YearScopeKind.YearRows, "PartitionKey {year}-{county}"),
        new(TableNames.CurrentReports, YearScopeKind.YearRows, "PartitionKey {year}"),
        new(TableNames.Facts, YearScopeKind.YearRows, "PartitionKey versionId {year}-{county}-…"),
        new(TableNames.SystemDeficiencies, YearScopeKind.YearRows, "PartitionKey versionId {year}-{county}-…"),
        new(TableNames.ReportTexts, YearScopeKind.YearRows, "PartitionKey versionId {year}-{county}-…"),
        new(TableNames.Coverage, YearScopeKind.YearRows, "PartitionKey versionId {year}-{county}-…"),
        new(TableNames.GrantVersions, YearScopeKind.YearRows, "PartitionKey {year}-{county}"),
        new(TableNames.GrantApplications, YearScopeKind.YearRows, "PartitionKey versionId {year}-{county}-…"),
        new(TableNames.CurrentGrantRegisters, YearScopeKind.YearRows, "PartitionKey {year}"),
        new(TableNames.CountyBoardReports, YearScopeKind.YearRows, "PartitionKey {year}-{county}"),
        new(TableNames.CurrentCountyBoardReports, YearScopeKind.YearRows, "PartitionKey {year}"),
        new(TableNames.YearRevisions, YearScopeKind.Revision, "RowKey {year}: bumped, not copied (the replay's own revision means nothing live)"),
        new(TableNames.Contacts, YearScopeKind.NotPerYear,
            "PartitionKey county: every year's reminders read it; each upload of contacts/{county}.xlsx rebuilds the county's rows whole"),
        new(TableNames.ReminderLedger, YearScopeKind.History, "the mails that went out; a replay cannot send them again"),
        new(TableNames.ReplayLog, YearScopeKind.History, "the audit of replays themselves, and the year's lock"),
        new(TableNames.YearClosures, YearScopeKind.History, "who closed and reopened the year; a replay reads the live rows, so it refuses what the live intake refused"),
        new(TableNames.NationalFigures, YearScopeKind.History,
            "Socialstyrelsen's figures as entered with the administration key, every version kept; not derived from the year's originals, so a switch never touches them"),
    ];

    /// <summary>The tables whose year rows a switch replaces, in the order it writes them (the intake's order: content before what points at it).</summary>
    public static IReadOnlyList<string> YearRowTables { get; } =
        [.. Tables.Where(t => t.Kind == YearScopeKind.YearRows).Select(t => t.Table)];

    public static TableYearScope Of(string table) =>
        Tables.FirstOrDefault(t => t.Table == table) ?? throw new ArgumentException($"Table '{table}' has no year scope in YearScope.Tables.", nameof(table));

    /// <summary>
    /// The queries whose union is a year's rows of a <see cref="YearScopeKind.YearRows"/> table. PartitionKey in
    /// [<c>{year}</c>, <c>{year}.</c>) holds <c>{year}</c> and every <c>{year}-…</c> ('-' &lt; '.') and nothing of another year.
    /// </summary>
    public static IReadOnlyList<string> Filters(string table, int year)
    {
        if (Of(table).Kind != YearScopeKind.YearRows)
        {
            throw new ArgumentException($"Table '{table}' has no year rows to copy ({Of(table).Kind}).", nameof(table));
        }

        var y = StorageKeys.Year(year);
        var partitions = TableClient.CreateQueryFilter($"PartitionKey ge {y} and PartitionKey lt {y + "."}");
        return table == TableNames.IntakeLog
            ? [partitions, TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.InvalidPartition} and BlobName ge {y + "/"} and BlobName lt {y + "0"}")]
            : [partitions];
    }

    /// <summary>
    /// The name prefixes of a year's validation reports in a results container (<see cref="StorageTables.ResultsContainer"/>):
    /// the reports' (<c>{year}/…</c>, <c>_invalid/{year}/…</c>) and the grant registers' (<c>grants/{year}/…</c>,
    /// <c>_invalid/grants/{year}/…</c>). The contacts registers' (<c>contacts/…</c>) are per county, like their table.
    /// </summary>
    public static IReadOnlyList<string> ResultBlobPrefixes(int year)
    {
        var y = StorageKeys.Year(year) + "/";
        var grants = ContainerNames.Grants + "/" + y;
        var invalid = StorageKeys.InvalidPartition + "/";
        return [y, invalid + y, grants, invalid + grants];
    }

    /// <summary>
    /// A year's rows of a table of the set, every property kept. A table that does not exist is an error
    /// (<see cref="StorageSetMissingException"/>), never "no rows": a switch that read a missing replay table as empty would
    /// delete every live row of the year.
    /// </summary>
    public static async Task<List<YearRow>> ReadYearAsync(StorageTables tables, string table, int year, CancellationToken cancellationToken)
    {
        var client = tables.Get(table);
        var rows = new List<YearRow>();
        try
        {
            foreach (var filter in Filters(table, year))
            {
                rows.AddRange((await client.QueryAllAsync<TableEntity>(filter, cancellationToken)).Select(e => new YearRow(e)));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new StorageSetMissingException(client.Name, e);
        }

        return rows;
    }

    /// <summary>The names of a year's validation reports in a container; a container that does not exist is an error (<see cref="StorageSetMissingException"/>).</summary>
    public static async Task<List<string>> ListResultBlobsAsync(BlobContainerClient container, int year, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            foreach (var prefix in ResultBlobPrefixes(year))
            {
                await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
                {
                    names.Add(blob.Name);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new StorageSetMissingException(container.Name, e);
        }

        return names;
    }

    /// <summary>
    /// Deletes a year's rows from every table of the set that holds any — the year rows and the year's revision — and
    /// answers how many rows went. Blobs are left: the originals and their validation reports are not table rows. The
    /// disaster drill (docs/deploy.md) uses it on the live set; nothing else should.
    /// </summary>
    public static async Task<int> DeleteYearAsync(StorageTables tables, int year, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var table in YearRowTables)
        {
            List<YearRow> rows;
            try
            {
                rows = await ReadYearAsync(tables, table, year, cancellationToken);
            }
            catch (StorageSetMissingException)
            {
                continue; // Deleting from a table that is not there: nothing to delete.
            }

            await DeleteRowsAsync(tables.Get(table), rows, cancellationToken);
            deleted += rows.Count;
        }

        try
        {
            var revision = tables.Get(TableNames.YearRevisions);
            if (await revision.FindAsync<YearRevisionEntity>(YearRevisionEntity.Partition, StorageKeys.Year(year), cancellationToken) is not null)
            {
                await revision.DeleteEntityAsync(YearRevisionEntity.Partition, StorageKeys.Year(year), ETag.All, cancellationToken);
                deleted++;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table: no revision.
        }

        return deleted;
    }

    /// <summary>
    /// Fails with <see cref="StorageSetMissingException"/> when a year-row table of the set does not exist (one page of one
    /// key read per table), so a switch never reads a missing table as "no rows".
    /// </summary>
    public static async Task EnsureTablesExistAsync(StorageTables set, CancellationToken cancellationToken)
    {
        foreach (var table in YearRowTables)
        {
            try
            {
                await foreach (var _ in set.Get(table).QueryAsync<TableEntity>(maxPerPage: 1, select: [nameof(ITableEntity.PartitionKey)], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
                {
                    break;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                throw new StorageSetMissingException(set.NameOf(table), e);
            }
        }
    }

    /// <summary>
    /// Upserts (replace) every row with all its properties into <paramref name="table"/> (created when missing), partitions
    /// <paramref name="concurrency"/> at a time, each in transactions of at most 100: a switch's copy of a year.
    /// </summary>
    public static async Task CopyRowsAsync(TableClient table, IEnumerable<YearRow> rows, int concurrency, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        await Parallel.ForEachAsync(
            rows.Select(r => r.Fresh()).GroupBy(r => r.PartitionKey, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (partition, ct) => await table.UpsertAllAsync(partition, ct));
    }

    /// <summary>Deletes the rows by key (a rerun after an interrupted delete completes it).</summary>
    public static Task DeleteRowsAsync(TableClient table, IEnumerable<YearRow> rows, CancellationToken cancellationToken) =>
        table.DeleteAllAsync(rows.Select(r => (ITableEntity)r.Entity), cancellationToken);
}

/// <summary>
/// One row of a year as the switch copies it: its keys and every property, whatever its table. The few properties the
/// switch decides on are read here, by their entities' names.
/// </summary>
public sealed class YearRow : IEnumerable<KeyValuePair<string, object>>
{
    internal YearRow(TableEntity entity) => Entity = entity;

    internal TableEntity Entity { get; }

    public string PartitionKey => Entity.PartitionKey;

    public string RowKey => Entity.RowKey;

    public (string PartitionKey, string RowKey) Key => (Entity.PartitionKey, Entity.RowKey);

    /// <summary>The upload's blob (IntakeLog, GrantVersions); null in other tables.</summary>
    public string? BlobName => Entity.GetString(nameof(IntakeLogEntity.BlobName));

    /// <summary>An IntakeLog row that is not <c>Failed</c>: the upload got a verdict.</summary>
    public bool HasVerdict => Entity.GetString(nameof(IntakeLogEntity.Outcome)) != nameof(IntakeOutcome.Failed);

    /// <summary>The row's keys and properties without the service's timestamp and ETag of the table it was read from.</summary>
    internal TableEntity Fresh()
    {
        var copy = new TableEntity(Entity.PartitionKey, Entity.RowKey);
        foreach (var (name, value) in Entity)
        {
            if (name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or "odata.etag"))
            {
                copy[name] = value;
            }
        }

        return copy;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)Entity).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A table or container of a set that must exist does not (HTTP 409, Swedish message): never read as empty.</summary>
public sealed class StorageSetMissingException(string name, Exception inner)
    : InvalidOperationException($"Tabellen eller behållaren {name} finns inte. Den ska finnas; ingenting har ändrats. Kontrollera lagringskontot, eller kör en ny omkörning om den hör till en omkörning som har städats bort.", inner);
