using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>Table CurrentReports: which version counts per (year, county, operation). PartitionKey year, RowKey {county}-{operationKey}.</summary>
public sealed class CurrentReportEntity : TableRow, ICurrentPointerRow
{
    public string VersionId { get; set; } = "";

    /// <summary>The latest ReceivedAt among the accepted uploads of this version's bytes (a re-upload of an older file makes it current again).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The version's first upload (ReportVersions.BlobName).</summary>
    public string BlobName { get; set; } = "";

    public bool NilReturn { get; set; }

    /// <summary>Comma-separated four-digit municipality codes.</summary>
    public string MunicipalityCodes { get; set; } = "";

    /// <summary>The verksamhet's name as written in the version (Verksamhetens namn).</summary>
    public string? OperationName { get; set; }

    /// <summary>Utförarens namn when Driftform is Annan utförare, else null.</summary>
    public string? ProviderName { get; set; }

    /// <summary>Organisationsform's dimension id (<see cref="Dimensions.OrganisationForms"/>) when run by another provider, else null.</summary>
    public string? OrganisationForm { get; set; }

    /// <summary>Stadsdel eller del av kommun of the current version; null when it covers whole municipalities.</summary>
    public string? District { get; set; }

    /// <inheritdoc />
    public string? PreviousVersionId { get; set; }

    /// <inheritdoc />
    public string? PreviousBlobName { get; set; }

    /// <summary>The county code (the part of RowKey before the first hyphen).</summary>
    [IgnoreDataMember]
    public string County => StorageKeys.TryParseCurrentRowKey(RowKey, out var county, out _) ? county : "";

    /// <summary>The operation key (the part of RowKey after the county).</summary>
    [IgnoreDataMember]
    public string OperationKey => StorageKeys.TryParseCurrentRowKey(RowKey, out _, out var operationKey) ? operationKey : "";

    /// <summary>The entry as the readers see it; null when its RowKey is not <c>{county}-{operationKey}</c>.</summary>
    public CurrentReport? ToRecord() =>
        StorageKeys.TryParseCurrentRowKey(RowKey, out var county, out var operationKey)
            ? new CurrentReport(
                int.Parse(PartitionKey, NumberStyles.None, CultureInfo.InvariantCulture),
                county,
                operationKey,
                VersionId,
                NilReturn,
                StorageKeys.SplitCodes(MunicipalityCodes),
                ReceivedAt,
                BlobName.Length == 0 ? null : BlobName,
                OperationName,
                ProviderName,
                OrganisationForm)
            {
                District = District,
            }
            : null;
}

/// <summary>One accepted upload asking to be the current version of its verksamhet; BlobName is the version's first upload.</summary>
public sealed record CurrentCandidate(
    int Year,
    string CountyCode,
    string OperationKey,
    string VersionId,
    DateTimeOffset ReceivedAt,
    string BlobName,
    bool NilReturn,
    IReadOnlyList<string> MunicipalityCodes,
    string? OperationName = null,
    string? ProviderName = null,
    string? OrganisationForm = null)
{
    public string? District { get; init; }

    /// <summary>The blob of the upload asking (its own IntakeLog entry, which the intake writes itself); null when it is <see cref="BlobName"/>.</summary>
    public string? UploadBlobName { get; init; }
}

/// <summary>What placing a candidate did: whether CurrentReports changed and whether the candidate's version is now the current one.</summary>
public sealed record Placement(bool Changed, bool IsCurrent, string CurrentVersionId);

/// <summary>CurrentReports with optimistic concurrency, keeping ReportVersions.Status and IntakeLog dispositions in line with it.</summary>
public sealed class CurrentReportStore(StorageTables tables, ReportVersionStore versions, IntakeLogStore log)
    : IPreviousReportSource, ICurrentCoverageSource
{
    private readonly TableClient _table = tables.Get(TableNames.CurrentReports);

    private readonly CurrentPointer<CurrentReportEntity> _pointer = new(tables.Get(TableNames.CurrentReports));

    public Task<CurrentReportEntity?> FindAsync(int year, string countyCode, string operationKey, CancellationToken cancellationToken) =>
        _table.FindAsync<CurrentReportEntity>(StorageKeys.Year(year), StorageKeys.CurrentRowKey(countyCode, operationKey), cancellationToken);

    /// <summary>Every current report of a year (none when the table does not exist yet).</summary>
    public async Task<IReadOnlyList<CurrentReport>> ListAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            var entities = await _table.QueryAllAsync<CurrentReportEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Year(year)}"), cancellationToken);
            return [.. entities.Select(e => e.ToRecord()).OfType<CurrentReport>()];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Fact>?> FindCurrentFactsAsync(int year, string countyCode, string operationKey, CancellationToken cancellationToken)
    {
        var current = await FindAsync(year, countyCode, operationKey, cancellationToken);
        return current is null ? null : await versions.GetFactsAsync(current.VersionId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CoverageClaim>> ReadCoverageAsync(int year, string countyCode, CancellationToken cancellationToken)
    {
        // RowKeys of the county are "{county}-…"; '-' < '.' so the range holds exactly those.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {StorageKeys.Year(year)} and RowKey ge {countyCode + "-"} and RowKey lt {countyCode + "."}");
        var entities = await _table.QueryAllAsync<CurrentReportEntity>(filter, cancellationToken);
        return entities
            .Where(e => !e.NilReturn)
            .Select(e => new CoverageClaim(
                e.OperationKey,
                e.OperationName,
                StorageKeys.SplitCodes(e.MunicipalityCodes))
            {
                District = e.District,
            })
            .ToArray();
    }

    /// <summary>
    /// Step 4 of the write order, through the one placement of current rows (<see cref="CurrentPointer{TRow}"/>): the
    /// current entry is the upload with the latest ReceivedAt (ties: the greater versionId); concurrent writers retry on
    /// 409/412 until one rule-abiding state holds, so any processing order converges. Then the versions that became stale
    /// are marked <c>Superseded</c> and the current one <c>Current</c>, with their accepted log entries, by key.
    /// </summary>
    public async Task<Placement> PlaceAsync(CurrentCandidate candidate, CancellationToken cancellationToken)
    {
        var change = await _pointer.PlaceAsync(ToEntity(candidate), (c, token) => FollowAsync(candidate, c, token), cancellationToken);
        return new Placement(change.Changed, change.Current.VersionId == candidate.VersionId, change.Current.VersionId);
    }

    /// <summary>True when upload (receivedAt, versionId) should replace the current one.</summary>
    public static bool IsLater(DateTimeOffset receivedAt, string versionId, DateTimeOffset currentReceivedAt, string currentVersionId) =>
        CurrentPointer<CurrentReportEntity>.IsLater(receivedAt, versionId, currentReceivedAt, currentVersionId);

    /// <summary>
    /// Called after the intake's own log entry is written: one point read of the entry; when a later upload was placed
    /// meanwhile (its placement could not see this intake's log entry), marks the candidate's version and log entry
    /// superseded and the new current one current, and reads again until the entry stays.
    /// </summary>
    public async Task<Placement> ReconcileAsync(CurrentCandidate candidate, bool changed, CancellationToken cancellationToken)
    {
        var now = await _pointer.ConfirmAsync(ToEntity(candidate), (c, token) => FollowAsync(candidate, c, token), cancellationToken);
        return new Placement(changed, now.VersionId == candidate.VersionId, now.VersionId);
    }

    /// <summary>
    /// Keeps ReportVersions.Status and the Current/Superseded dispositions of IntakeLog true to a change of the entry: the
    /// stale versions (and their first upload's log entry, when it says Current) superseded, the current version current
    /// (and its first upload's entry, when it says Superseded, unless it is the candidate's own entry, which the intake
    /// writes itself). Entries with other dispositions (Duplicate, OlderThanCurrent) are left alone.
    /// </summary>
    private async Task FollowAsync(CurrentCandidate candidate, PointerChange<CurrentReportEntity> change, CancellationToken cancellationToken)
    {
        var partition = StorageKeys.YearCounty(candidate.Year, candidate.CountyCode);
        foreach (var (versionId, blobName) in change.Stale())
        {
            await versions.SetStatusAsync(partition, versionId, VersionStatus.Superseded, cancellationToken);
            if (blobName.Length > 0)
            {
                await log.SetDispositionAsync(
                    partition, StorageKeys.LogRowKey(blobName, StorageKeys.Sha256OfVersion(versionId)), Dispositions.Current, Dispositions.Superseded, cancellationToken);
            }
        }

        var current = change.Current;
        await versions.SetStatusAsync(partition, current.VersionId, VersionStatus.Current, cancellationToken);
        var own = current.VersionId == candidate.VersionId && current.BlobName == (candidate.UploadBlobName ?? candidate.BlobName);
        if (!own)
        {
            await log.SetDispositionAsync(
                partition, StorageKeys.LogRowKey(current.BlobName, StorageKeys.Sha256OfVersion(current.VersionId)), Dispositions.Superseded, Dispositions.Current, cancellationToken);
        }
    }

    private static CurrentReportEntity ToEntity(CurrentCandidate candidate) => new()
    {
        PartitionKey = StorageKeys.Year(candidate.Year),
        RowKey = StorageKeys.CurrentRowKey(candidate.CountyCode, candidate.OperationKey),
        VersionId = candidate.VersionId,
        ReceivedAt = candidate.ReceivedAt,
        BlobName = candidate.BlobName,
        NilReturn = candidate.NilReturn,
        MunicipalityCodes = StorageKeys.JoinCodes(candidate.MunicipalityCodes),
        OperationName = candidate.OperationName,
        ProviderName = candidate.ProviderName,
        OrganisationForm = candidate.OrganisationForm,
        District = candidate.District,
    };
}
