using Azure;
using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

/// <summary>
/// Table GrantVersions: one accepted version of a county's grant register for a year (PartitionKey <c>{year}-{county}</c>,
/// RowKey versionId). Inserted once, as Superseded; the placement of <c>CurrentGrantRegisters</c> sets Status.
/// </summary>
public sealed class GrantVersionEntity : TableRow
{
    public int Year { get; set; }

    public string County { get; set; } = "";

    public string BlobName { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary><see cref="VersionStatus"/> value.</summary>
    public string Status { get; set; } = VersionStatus.Superseded;

    public int ApplicationCount { get; set; }

    public int WarningCount { get; set; }
}

/// <summary>
/// Table GrantApplications: one row of a stored register version (PartitionKey versionId, RowKey the register row, four
/// digits). Dates are <c>yyyy-MM-dd</c>, decimals invariant text (a double would turn 320,36 into 320.36000000000001 and
/// money into öre errors), empty text for none; the grants store maps the row to its record.
/// </summary>
public sealed class GrantApplicationEntity : TableRow
{
    public string OperationName { get; set; } = "";

    public string OperationKey { get; set; } = "";

    /// <summary>Comma-separated four-digit municipality codes.</summary>
    public string MunicipalityCodes { get; set; } = "";

    public string ReceivedOn { get; set; } = "";

    public string AppliedFullTimeEquivalents { get; set; } = "";

    /// <summary>The decision's enum name (Grants' <c>GrantDecision</c>).</summary>
    public string Decision { get; set; } = "";

    public string GrantedSek { get; set; } = "";

    public string DecidedOn { get; set; } = "";

    public string PaidSek { get; set; } = "";

    public string ContactName { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    public string GrantedFullTimeEquivalents { get; set; } = "";
}

/// <summary>
/// Table CurrentGrantRegisters: which version of a county's register counts for a year (PartitionKey year, RowKey county),
/// placed by <see cref="CurrentPointer{TRow}"/> like <c>CurrentReports</c>.
/// </summary>
public sealed class CurrentGrantRegisterEntity : TableRow, ICurrentPointerRow
{
    public string VersionId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public string BlobName { get; set; } = "";

    /// <inheritdoc />
    public string? PreviousVersionId { get; set; }

    /// <inheritdoc />
    public string? PreviousBlobName { get; set; }
}

/// <summary>
/// The grant registers' three tables (docs/storage.md, docs/grants.md), written in the order of the report intake so a
/// retry completes what a failed attempt began: 1. GrantApplications upserted; 2. GrantVersions inserted once;
/// 3. CurrentGrantRegisters placed (<see cref="CurrentPointer{TRow}"/>), the versions' Status following by key.
/// Nothing is deleted: every accepted version stays readable as history. The grants store maps these rows to its records.
/// </summary>
public sealed class GrantRegisterRows(StorageTables tables)
{
    private readonly TableClient _versions = tables.Get(TableNames.GrantVersions);
    private readonly TableClient _applications = tables.Get(TableNames.GrantApplications);
    private readonly CurrentPointer<CurrentGrantRegisterEntity> _current = new(tables.Get(TableNames.CurrentGrantRegisters));
    private readonly TableClient _currentTable = tables.Get(TableNames.CurrentGrantRegisters);

    /// <summary>
    /// Stores a version's rows and the version (once), then places it; answers the current row after the placement. When
    /// the version was stored before (the same bytes again), it keeps its first upload's time unless this one is later.
    /// </summary>
    public async Task<CurrentGrantRegisterEntity> SaveAsync(
        GrantVersionEntity version, IEnumerable<GrantApplicationEntity> applications, CancellationToken cancellationToken)
    {
        await _applications.UpsertAllAsync(applications, cancellationToken);
        var receivedAt = version.ReceivedAt;
        try
        {
            await _versions.AddEntityAsync(version, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await _versions.FindAsync<GrantVersionEntity>(version.PartitionKey, version.RowKey, cancellationToken);
            receivedAt = stored is not null && stored.ReceivedAt > receivedAt ? stored.ReceivedAt : receivedAt;
        }

        var candidate = new CurrentGrantRegisterEntity
        {
            PartitionKey = StorageKeys.Year(version.Year),
            RowKey = version.County,
            VersionId = version.RowKey,
            ReceivedAt = receivedAt,
            BlobName = version.BlobName,
        };
        Task Follow(PointerChange<CurrentGrantRegisterEntity> c, CancellationToken token) => FollowAsync(version.PartitionKey, c, token);
        var change = await _current.PlaceAsync(candidate, Follow, cancellationToken);
        // A later register placed while this one's Status was written: its own follow may have run first.
        return await _current.ConfirmAsync(change.Current, Follow, cancellationToken);
    }

    /// <summary>The current rows of a year (none when the table does not exist yet).</summary>
    public Task<List<CurrentGrantRegisterEntity>> ListCurrentAsync(int year, CancellationToken cancellationToken) =>
        QueryAsync<CurrentGrantRegisterEntity>(_currentTable, TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Year(year)}"), cancellationToken);

    /// <summary>One county's current row with one point read; null when none (or no table yet).</summary>
    public Task<CurrentGrantRegisterEntity?> FindCurrentAsync(int year, string countyCode, CancellationToken cancellationToken) =>
        _current.FindAsync(StorageKeys.Year(year), countyCode, cancellationToken);

    /// <summary>Every version of one county's register for a year.</summary>
    public Task<List<GrantVersionEntity>> ListVersionsAsync(int year, string countyCode, CancellationToken cancellationToken) =>
        QueryAsync<GrantVersionEntity>(_versions, TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.YearCounty(year, countyCode)}"), cancellationToken);

    /// <summary>Every version of every county's register for a year, in one range query.</summary>
    public Task<List<GrantVersionEntity>> ListYearVersionsAsync(int year, CancellationToken cancellationToken) =>
        QueryAsync<GrantVersionEntity>(_versions, StorageKeys.YearCountyPartitions(year), cancellationToken);

    /// <summary>The rows of one stored version, in register order.</summary>
    public async Task<IReadOnlyList<GrantApplicationEntity>> ListApplicationsAsync(string versionId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<GrantApplicationEntity>(_applications, TableClient.CreateQueryFilter($"PartitionKey eq {versionId}"), cancellationToken))
            .OrderBy(e => e.RowKey, StringComparer.Ordinal)];

    /// <summary>The stale versions Superseded and the current one Current, each by key (a merge of Status).</summary>
    private async Task FollowAsync(string partitionKey, PointerChange<CurrentGrantRegisterEntity> change, CancellationToken cancellationToken)
    {
        foreach (var (versionId, _) in change.Stale())
        {
            await SetStatusAsync(partitionKey, versionId, VersionStatus.Superseded, cancellationToken);
        }

        await SetStatusAsync(partitionKey, change.Current.VersionId, VersionStatus.Current, cancellationToken);
    }

    private async Task SetStatusAsync(string partitionKey, string versionId, string status, CancellationToken cancellationToken)
    {
        var patch = new TableEntity(partitionKey, versionId) { [nameof(GrantVersionEntity.Status)] = status };
        try
        {
            await _versions.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not stored: nothing to mark.
        }
    }

    private static async Task<List<T>> QueryAsync<T>(TableClient table, string filter, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        try
        {
            return await table.QueryAllAsync<T>(filter, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
