using System.Globalization;
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
/// The grant registers in Table Storage (docs/storage.md, docs/grants.md) as records: the rows, their write order and the
/// placement of the current register are <see cref="GrantRegisterRows"/>'s (core/Storage); this store maps them.
/// </summary>
public sealed class GrantRegisterStore(StorageTables tables) : IGrantRegisterReader
{
    private readonly GrantRegisterRows _rows = new(tables);

    /// <summary>Stores an accepted register and places it; true when it is now the county's current register for the year.</summary>
    public async Task<bool> SaveAsync(
        int year, string countyCode, string blobName, string sha256, DateTimeOffset receivedAt, int warningCount,
        IReadOnlyList<GrantApplication> applications, CancellationToken cancellationToken)
    {
        var versionId = StorageKeys.VersionId(year, countyCode, sha256);
        var version = new GrantVersionEntity
        {
            PartitionKey = StorageKeys.YearCounty(year, countyCode),
            RowKey = versionId,
            Year = year,
            County = countyCode,
            BlobName = blobName,
            Sha256 = sha256,
            ReceivedAt = receivedAt,
            Status = VersionStatus.Superseded,
            ApplicationCount = applications.Count,
            WarningCount = warningCount,
        };
        var current = await _rows.SaveAsync(version, applications.Select(a => ToEntity(versionId, a)), cancellationToken);
        return current.VersionId == versionId;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GrantRegister>> ReadYearAsync(int year, CancellationToken cancellationToken)
    {
        var registers = new List<GrantRegister>();
        foreach (var current in await _rows.ListCurrentAsync(year, cancellationToken))
        {
            registers.Add(await ToRegisterAsync(year, current, cancellationToken));
        }

        return registers.OrderBy(r => r.CountyCode, StringComparer.Ordinal).ToArray();
    }

    /// <summary>One county's current register with one point read (the intake's cross-checks ask for it on every report).</summary>
    public async Task<GrantRegister?> ReadCountyAsync(int year, string countyCode, CancellationToken cancellationToken) =>
        await _rows.FindCurrentAsync(year, countyCode, cancellationToken) is { } current
            ? await ToRegisterAsync(year, current, cancellationToken)
            : null;

    /// <summary>The current version of each county from <c>CurrentGrantRegisters</c> alone (one partition query, no rows read).</summary>
    public async Task<string> ReadRevisionAsync(int year, CancellationToken cancellationToken) =>
        IGrantRegisterReader.Revision((await _rows.ListCurrentAsync(year, cancellationToken)).Select(c => (c.RowKey, c.VersionId)));

    private async Task<GrantRegister> ToRegisterAsync(int year, CurrentGrantRegisterEntity current, CancellationToken cancellationToken) => new(
        year,
        current.RowKey,
        current.VersionId,
        current.ReceivedAt,
        await ReadApplicationsAsync(year, current.RowKey, current.VersionId, cancellationToken));

    /// <summary>Every accepted version of a county's register for a year, newest first: the history.</summary>
    public async Task<IReadOnlyList<GrantRegisterVersion>> ListVersionsAsync(int year, string countyCode, CancellationToken cancellationToken) =>
        (await _rows.ListVersionsAsync(year, countyCode, cancellationToken))
            .Select(e => ToVersion(year, countyCode, e))
            .OrderByDescending(v => v.ReceivedAt)
            .ThenByDescending(v => v.VersionId, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every accepted version of every county's register for a year (one range query), by county, newest first.</summary>
    public async Task<IReadOnlyList<GrantRegisterVersion>> ListYearVersionsAsync(int year, CancellationToken cancellationToken) =>
        (await _rows.ListYearVersionsAsync(year, cancellationToken))
            .Select(e => ToVersion(year, StorageKeys.CountyOf(e.PartitionKey), e))
            .OrderBy(v => v.CountyCode, StringComparer.Ordinal)
            .ThenByDescending(v => v.ReceivedAt)
            .ThenByDescending(v => v.VersionId, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The applications of one stored version, in register order.</summary>
    public async Task<IReadOnlyList<GrantApplication>> ReadApplicationsAsync(int year, string countyCode, string versionId, CancellationToken cancellationToken) =>
        [.. (await _rows.ListApplicationsAsync(versionId, cancellationToken)).Select(e => FromEntity(year, countyCode, e))];

    private static GrantRegisterVersion ToVersion(int year, string countyCode, GrantVersionEntity e) => new(
        year,
        countyCode,
        e.RowKey,
        e.BlobName,
        e.Sha256,
        e.ReceivedAt,
        e.Status == VersionStatus.Current,
        e.ApplicationCount,
        e.WarningCount);

    private static GrantApplicationEntity ToEntity(string versionId, GrantApplication application) => new()
    {
        PartitionKey = versionId,
        RowKey = application.Row.ToString("0000", CultureInfo.InvariantCulture),
        OperationName = application.OperationName,
        OperationKey = application.OperationKey,
        MunicipalityCodes = string.Join(',', application.MunicipalityCodes),
        ReceivedOn = application.ReceivedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        AppliedFullTimeEquivalents = application.AppliedFullTimeEquivalents.ToString(CultureInfo.InvariantCulture),
        Decision = application.Decision.ToString(),
        GrantedSek = Text(application.GrantedSek),
        DecidedOn = application.DecidedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        PaidSek = Text(application.PaidSek),
        ContactName = application.ContactName ?? string.Empty,
        ContactEmail = application.ContactEmail ?? string.Empty,
        GrantedFullTimeEquivalents = Text(application.GrantedFullTimeEquivalents),
    };

    private static GrantApplication FromEntity(int year, string countyCode, GrantApplicationEntity entity) => new(
        year,
        countyCode,
        int.Parse(entity.RowKey, CultureInfo.InvariantCulture),
        entity.OperationName,
        entity.OperationKey,
        entity.MunicipalityCodes.Split(',', StringSplitOptions.RemoveEmptyEntries),
        Date(entity.ReceivedOn),
        Number(entity.AppliedFullTimeEquivalents) ?? 0m,
        Enum.TryParse<GrantDecision>(entity.Decision, out var decision) ? decision : GrantDecision.Pending,
        Number(entity.GrantedSek),
        Date(entity.DecidedOn),
        Number(entity.PaidSek),
        NullIfEmpty(entity.ContactName),
        NullIfEmpty(entity.ContactEmail),
        Number(entity.GrantedFullTimeEquivalents));

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
