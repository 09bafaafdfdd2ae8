using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Grants;

/// <summary>One accepted version of a county's register for a year (table GrantVersions), newest first in <see cref="GrantRegisterStore.ListVersionsAsync"/>.</summary>
public sealed record GrantRegisterVersion(
    int Year,
    string CountyCode,
    string VersionId,
    string BlobName,
    string Sha256,
    DateTimeOffset ReceivedAt,
    bool IsCurrent,
    int ApplicationCount,
    int WarningCount);

/// <summary>
/// The grant registers in Table Storage (docs/storage.md, docs/grants.md), written in the order of the report intake so a
/// retry completes what a failed attempt began:
/// 1. GrantApplications (PartitionKey versionId, RowKey the register row "0006"): the version's rows, upserted;
/// 2. GrantVersions (PartitionKey {year}-{county}, RowKey versionId): the version, inserted once;
/// 3. CurrentGrantRegisters (PartitionKey year, RowKey county): which version counts, replaced with optimistic concurrency
///    by the upload with the latest ReceivedAt (ties: the greater versionId), the rule of CurrentReports; the versions'
///    Status follows. Nothing is deleted: every accepted version stays readable as history.
/// </summary>
public sealed class GrantRegisterStore(StorageTables tables) : IGrantRegisterReader
{
    private const int MaxAttempts = 50;

    private readonly TableClient _versions = tables.Get(TableNames.GrantVersions);
    private readonly TableClient _applications = tables.Get(TableNames.GrantApplications);
    private readonly TableClient _current = tables.Get(TableNames.CurrentGrantRegisters);

    /// <summary>Stores an accepted register and places it; true when it is now the county's current register for the year.</summary>
    public async Task<bool> SaveAsync(
        int year, string countyCode, string blobName, string sha256, DateTimeOffset receivedAt, int warningCount,
        IReadOnlyList<GrantApplication> applications, CancellationToken cancellationToken)
    {
        var versionId = StorageKeys.VersionId(year, countyCode, sha256);
        await _applications.UpsertAllAsync(applications.Select(a => ToEntity(versionId, a)), cancellationToken);
        var version = new TableEntity(StorageKeys.YearCounty(year, countyCode), versionId)
        {
            ["Year"] = year,
            ["County"] = countyCode,
            ["BlobName"] = blobName,
            ["Sha256"] = sha256,
            ["ReceivedAt"] = receivedAt,
            ["Status"] = VersionStatus.Superseded,
            ["ApplicationCount"] = applications.Count,
            ["WarningCount"] = warningCount,
        };
        try
        {
            await _versions.AddEntityAsync(version, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same bytes again (a re-upload or a retry): the stored version keeps its first upload's time.
            var stored = await _versions.GetEntityAsync<TableEntity>(version.PartitionKey, versionId, cancellationToken: cancellationToken);
            receivedAt = Max(receivedAt, stored.Value.GetDateTimeOffset("ReceivedAt") ?? receivedAt);
        }

        return await PlaceAsync(year, countyCode, versionId, receivedAt, blobName, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GrantRegister>> ReadYearAsync(int year, CancellationToken cancellationToken)
    {
        var registers = new List<GrantRegister>();
        foreach (var current in await QueryAsync(_current, TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Year(year)}"), cancellationToken))
        {
            registers.Add(await ToRegisterAsync(year, current, cancellationToken));
        }

        return registers.OrderBy(r => r.CountyCode, StringComparer.Ordinal).ToArray();
    }

    /// <summary>One county's current register with one point read (the intake's cross-checks ask for it on every report).</summary>
    public async Task<GrantRegister?> ReadCountyAsync(int year, string countyCode, CancellationToken cancellationToken)
    {
        try
        {
            return await _current.FindAsync<TableEntity>(StorageKeys.Year(year), countyCode, cancellationToken) is { } current
                ? await ToRegisterAsync(year, current, cancellationToken)
                : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // no table yet: no register
        }
    }

    /// <summary>The current version of each county from <c>CurrentGrantRegisters</c> alone (one partition query, no rows read).</summary>
    public async Task<string> ReadRevisionAsync(int year, CancellationToken cancellationToken)
    {
        var current = await QueryAsync(_current, TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Year(year)}"), cancellationToken);
        return IGrantRegisterReader.Revision(current.Select(c => (c.RowKey, c.GetString("VersionId") ?? string.Empty)));
    }

    private async Task<GrantRegister> ToRegisterAsync(int year, TableEntity current, CancellationToken cancellationToken)
    {
        var versionId = current.GetString("VersionId") ?? string.Empty;
        return new GrantRegister(
            year,
            current.RowKey,
            versionId,
            current.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
            await ReadApplicationsAsync(year, current.RowKey, versionId, cancellationToken));
    }

    /// <summary>Every accepted version of a county's register for a year, newest first: the history.</summary>
    public async Task<IReadOnlyList<GrantRegisterVersion>> ListVersionsAsync(int year, string countyCode, CancellationToken cancellationToken)
    {
        var entities = await QueryAsync(_versions, TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.YearCounty(year, countyCode)}"), cancellationToken);
        return entities
            .Select(e => ToVersion(year, countyCode, e))
            .OrderByDescending(v => v.ReceivedAt)
            .ThenByDescending(v => v.VersionId, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Every accepted version of every county's register for a year (one range query), by county, newest first.</summary>
    public async Task<IReadOnlyList<GrantRegisterVersion>> ListYearVersionsAsync(int year, CancellationToken cancellationToken)
    {
        var entities = await QueryAsync(_versions, StorageKeys.YearCountyPartitions(year), cancellationToken);
        return entities
            .Select(e => ToVersion(year, StorageKeys.CountyOf(e.PartitionKey), e))
            .OrderBy(v => v.CountyCode, StringComparer.Ordinal)
            .ThenByDescending(v => v.ReceivedAt)
            .ThenByDescending(v => v.VersionId, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The applications of one stored version, in register order.</summary>
    public async Task<IReadOnlyList<GrantApplication>> ReadApplicationsAsync(int year, string countyCode, string versionId, CancellationToken cancellationToken)
    {
        var entities = await QueryAsync(_applications, TableClient.CreateQueryFilter($"PartitionKey eq {versionId}"), cancellationToken);
        return entities.OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(e => FromEntity(year, countyCode, e)).ToArray();
    }

    private async Task<bool> PlaceAsync(int year, string countyCode, string versionId, DateTimeOffset receivedAt, string blobName, CancellationToken cancellationToken)
    {
        var partitionKey = StorageKeys.Year(year);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _current.FindAsync<TableEntity>(partitionKey, countyCode, cancellationToken);
            var entity = new TableEntity(partitionKey, countyCode)
            {
                ["VersionId"] = versionId,
                ["ReceivedAt"] = receivedAt,
                ["BlobName"] = blobName,
            };
            try
            {
                if (current is null)
                {
                    await _current.AddEntityAsync(entity, cancellationToken);
                }
                else if (current.GetString("VersionId") != versionId &&
                         CurrentReportStore.IsLater(receivedAt, versionId, current.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue, current.GetString("VersionId") ?? string.Empty))
                {
                    await _current.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else if (current.GetString("VersionId") == versionId && receivedAt > (current.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue))
                {
                    // The same register uploaded again later: it stays current, with the later time.
                    await _current.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                break;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken);
            }
        }

        var placed = await _current.FindAsync<TableEntity>(partitionKey, countyCode, cancellationToken);
        var currentVersionId = placed?.GetString("VersionId");
        foreach (var version in await QueryAsync(_versions, TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.YearCounty(year, countyCode)}"), cancellationToken))
        {
            var status = version.RowKey == currentVersionId ? VersionStatus.Current : VersionStatus.Superseded;
            if (version.GetString("Status") != status)
            {
                var patch = new TableEntity(version.PartitionKey, version.RowKey) { ["Status"] = status };
                await _versions.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
        }

        return currentVersionId == versionId;
    }

    private static GrantRegisterVersion ToVersion(int year, string countyCode, TableEntity e) => new(
        year,
        countyCode,
        e.RowKey,
        e.GetString("BlobName") ?? string.Empty,
        e.GetString("Sha256") ?? string.Empty,
        e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        e.GetString("Status") == VersionStatus.Current,
        e.GetInt32("ApplicationCount") ?? 0,
        e.GetInt32("WarningCount") ?? 0);

    private static TableEntity ToEntity(string versionId, GrantApplication application) => new(versionId, application.Row.ToString("0000", CultureInfo.InvariantCulture))
    {
        ["OperationName"] = application.OperationName,
        ["OperationKey"] = application.OperationKey,
        ["MunicipalityCodes"] = string.Join(',', application.MunicipalityCodes),
        ["ReceivedOn"] = application.ReceivedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        ["AppliedFullTimeEquivalents"] = application.AppliedFullTimeEquivalents.ToString(CultureInfo.InvariantCulture),
        ["Decision"] = application.Decision.ToString(),
        ["GrantedSek"] = Text(application.GrantedSek),
        ["DecidedOn"] = application.DecidedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        ["PaidSek"] = Text(application.PaidSek),
        ["ContactName"] = application.ContactName ?? string.Empty,
        ["ContactEmail"] = application.ContactEmail ?? string.Empty,
        ["GrantedFullTimeEquivalents"] = Text(application.GrantedFullTimeEquivalents),
    };

    // Decimals are stored as invariant text: a double would turn 320,36 into 320.36000000000001 and money into öre errors.
    private static GrantApplication FromEntity(int year, string countyCode, TableEntity entity) => new(
        year,
        countyCode,
        int.Parse(entity.RowKey, CultureInfo.InvariantCulture),
        entity.GetString("OperationName") ?? string.Empty,
        entity.GetString("OperationKey") ?? string.Empty,
        (entity.GetString("MunicipalityCodes") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        Date(entity.GetString("ReceivedOn")),
        Number(entity.GetString("AppliedFullTimeEquivalents")) ?? 0m,
        Enum.TryParse<GrantDecision>(entity.GetString("Decision"), out var decision) ? decision : GrantDecision.Pending,
        Number(entity.GetString("GrantedSek")),
        Date(entity.GetString("DecidedOn")),
        Number(entity.GetString("PaidSek")),
        NullIfEmpty(entity.GetString("ContactName")),
        NullIfEmpty(entity.GetString("ContactEmail")),
        Number(entity.GetString("GrantedFullTimeEquivalents")));

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static async Task<List<TableEntity>> QueryAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        try
        {
            return await table.QueryAllAsync<TableEntity>(filter, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
