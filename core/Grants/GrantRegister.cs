namespace PoIntake.Core.Grants;

/// <summary>A county board's decision on one application (column Beslut of the grant register).</summary>
public enum GrantDecision
{
    /// <summary>"Ej beslutad": received, not yet decided.</summary>
    Pending,

    /// <summary>"Beviljat".</summary>
    Granted,

    /// <summary>"Avslag".</summary>
    Refused,
}

/// <summary>
/// One row of a county's grant register for a year (<c>grants/{year}/{countyCode}.xlsx</c>, docs/grants.md): an
/// application for the state grant for personligt ombud. <see cref="OperationKey"/> is
/// <see cref="Intake.OperationKey.From"/> of <see cref="OperationName"/>, the key the annual reports use too.
/// Money in kronor, <see cref="AppliedFullTimeEquivalents"/> and <see cref="GrantedFullTimeEquivalents"/> in årsarbetare
/// (decimals). <see cref="GrantedFullTimeEquivalents"/> is what the county board granted (column Beviljade årsarbetare; only
/// with Beviljat): the number Socialstyrelsen's fixed amount is paid for.
/// </summary>
public sealed record GrantApplication(
    int Year,
    string CountyCode,
    int Row,
    string OperationName,
    string OperationKey,
    IReadOnlyList<string> MunicipalityCodes,
    DateOnly? ReceivedOn,
    decimal AppliedFullTimeEquivalents,
    GrantDecision Decision,
    decimal? GrantedSek,
    DateOnly? DecidedOn,
    decimal? PaidSek,
    string? ContactName,
    string? ContactEmail,
    decimal? GrantedFullTimeEquivalents = null);

/// <summary>The current (latest accepted) grant register of one county and year.</summary>
public sealed record GrantRegister(
    int Year,
    string CountyCode,
    string VersionId,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<GrantApplication> Applications);

/// <summary>Reads the current grant registers (the port reminders, status and totals use; docs/grants.md).</summary>
public interface IGrantRegisterReader
{
    /// <summary>The current register of every county that has one for <paramref name="year"/>, ordered by county code.</summary>
    Task<IReadOnlyList<GrantRegister>> ReadYearAsync(int year, CancellationToken cancellationToken);

    /// <summary>
    /// The current register of one county and year, or null when the county has none (the intake's cross-checks read
    /// one county per report). The default filters <see cref="ReadYearAsync"/>; a store may answer with one query.
    /// </summary>
    async Task<GrantRegister?> ReadCountyAsync(int year, string countyCode, CancellationToken cancellationToken) =>
        (await ReadYearAsync(year, cancellationToken)).FirstOrDefault(r => r.CountyCode == countyCode);

    /// <summary>
    /// Which register is current in each county for <paramref name="year"/> ("03:versionId,25:versionId"; empty without any):
    /// changes whenever a county's current register does, so the totals know when Tabell 5 must be computed again. The
    /// default reads the registers; a store may answer from its current-register index alone.
    /// </summary>
    async Task<string> ReadRevisionAsync(int year, CancellationToken cancellationToken) =>
        Revision((await ReadYearAsync(year, cancellationToken)).Select(r => (r.CountyCode, r.VersionId)));

    /// <summary>The revision text of (county, current version) pairs, in county order.</summary>
    static string Revision(IEnumerable<(string CountyCode, string VersionId)> current) =>
        string.Join(',', current.OrderBy(c => c.CountyCode, StringComparer.Ordinal).Select(c => c.CountyCode + ":" + c.VersionId));
}
