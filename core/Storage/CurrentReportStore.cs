using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>Table CurrentReports: which version counts per (year, county, operation). PartitionKey year, RowKey {county}-{operationKey}.</summary>
public sealed class CurrentReportEntity : TableRow
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
}

/// <summary>What placing a candidate did: whether CurrentReports changed and whether the candidate's version is now the current one.</summary>
public sealed record Placement(bool Changed, bool IsCurrent, string CurrentVersionId);

/// <summary>CurrentReports with optimistic concurrency, keeping ReportVersions.Status and IntakeLog dispositions in line with it.</summary>
public sealed class CurrentReportStore(StorageTables tables, ReportVersionStore versions, IntakeLogStore log)
    : IPreviousReportSource, ICurrentCoverageSource
{
    private const int MaxAttempts = 50;

    private readonly TableClient _table = tables.Get(TableNames.CurrentReports);

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
    /// Step 4 of the write order. The current entry is the upload with the latest ReceivedAt (ties: the greater versionId);
    /// concurrent writers retry on 409/412 until one rule-abiding state holds, so any processing order converges.
    /// </summary>
    public async Task<Placement> PlaceAsync(CurrentCandidate candidate, CancellationToken cancellationToken)
    {
        var partitionKey = StorageKeys.Year(candidate.Year);
        var rowKey = StorageKeys.CurrentRowKey(candidate.CountyCode, candidate.OperationKey);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.FindAsync<CurrentReportEntity>(partitionKey, rowKey, cancellationToken);
            var entity = new CurrentReportEntity
            {
                PartitionKey = partitionKey,
                RowKey = rowKey,
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
            try
            {
                if (current is null)
                {
                    await _table.AddEntityAsync(entity, cancellationToken);
                    return await ReconcileAsync(candidate, changed: true, cancellationToken);
                }

                if (IsLater(candidate.ReceivedAt, candidate.VersionId, current.ReceivedAt, current.VersionId))
                {
                    await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
                    return await ReconcileAsync(candidate, changed: true, cancellationToken);
                }

                return await ReconcileAsync(candidate, changed: false, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another intake changed the entry between our read and write: read again and decide again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken);
            }
        }
    }

    /// <summary>True when upload (receivedAt, versionId) should replace the current one.</summary>
    public static bool IsLater(DateTimeOffset receivedAt, string versionId, DateTimeOffset currentReceivedAt, string currentVersionId) =>
        receivedAt > currentReceivedAt ||
        (receivedAt == currentReceivedAt && string.CompareOrdinal(versionId, currentVersionId) > 0);

    /// <summary>
    /// Brings ReportVersions.Status and the Current/Superseded dispositions of the verksamhet's accepted uploads in line
    /// with the current entry. Repeats while the entry changes underneath, so the last writer's view wins.
    /// Also called after the intake's own log entry is written, so a supersession that raced with it is reflected.
    /// </summary>
    public async Task<Placement> ReconcileAsync(CurrentCandidate candidate, bool changed, CancellationToken cancellationToken)
    {
        var partitionKey = StorageKeys.Year(candidate.Year);
        var rowKey = StorageKeys.CurrentRowKey(candidate.CountyCode, candidate.OperationKey);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.FindAsync<CurrentReportEntity>(partitionKey, rowKey, cancellationToken)
                ?? throw new InvalidOperationException("The current entry vanished; CurrentReports entries are never deleted.");

            foreach (var version in await versions.ListAsync(candidate.Year, candidate.CountyCode, candidate.OperationKey, cancellationToken))
            {
                var status = version.RowKey == current.VersionId ? VersionStatus.Current : VersionStatus.Superseded;
                if (version.Status != status)
                {
                    await versions.SetStatusAsync(version, status, cancellationToken);
                }
            }

            foreach (var entry in await log.ListAcceptedAsync(candidate.Year, candidate.CountyCode, candidate.OperationKey, cancellationToken))
            {
                if (entry.Disposition is not (Dispositions.Current or Dispositions.Superseded))
                {
                    continue;
                }

                var disposition = entry.VersionId == current.VersionId
                    ? Dispositions.Current
                    : Dispositions.Superseded;
                if (entry.Disposition != disposition)
                {
                    await log.SetDispositionAsync(entry, disposition, cancellationToken);
                }
            }

            var after = await _table.FindAsync<CurrentReportEntity>(partitionKey, rowKey, cancellationToken);
            if (after?.ETag == current.ETag || attempt >= MaxAttempts)
            {
                return new Placement(
                    changed,
                    current.VersionId == candidate.VersionId,
                    current.VersionId);
            }
        }
    }
}
