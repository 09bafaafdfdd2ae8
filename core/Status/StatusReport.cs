using System.Text.Json;

namespace PoIntake.Core.Status;

/// <summary>The body of <c>GET /api/status/{year}</c>: who has reported for <see cref="Year"/> and how.</summary>
public sealed record StatusReport(
    int Year,
    DateTimeOffset GeneratedAt,
    ReportDeadline Deadline,
    int ReportsReceived,
    int ReportsOnTime,
    int ReportsLate,
    int MunicipalitiesCovered,
    int MunicipalitiesMissingFromPreviousYear,
    IReadOnlyList<CountyStatus> Counties)
{
    /// <summary>Reports owed vs received, summed over the counties (docs/api.md, "Obligations in the status").</summary>
    public ObligationTotals? Obligations { get; init; }
}

/// <summary>
/// The body of <c>GET /api/status/{year}/{countyCode}</c>: one county's part of <see cref="StatusReport"/>, all a county
/// board may see (its own reports, uploads and their findings).
/// </summary>
public sealed record CountyStatusReport(int Year, DateTimeOffset GeneratedAt, ReportDeadline Deadline, CountyStatus County);

/// <summary>15 January of year + 1, moved to the next working day; reports count as on time until <see cref="EndsAt"/>.</summary>
public sealed record ReportDeadline(DateOnly Nominal, DateOnly Date, string? MovedBecause, DateTimeOffset EndsAt);

public sealed record MunicipalityRef(string Code, string Name);

/// <summary>
/// One county's completeness. <see cref="Overlaps"/> : the municipalities two or more of the county's current
/// reports list (<see cref="Totals.CoverageOverlaps"/>), so the report accepted first learns of the later one too.
/// </summary>
public sealed record CountyStatus(
    string Code,
    string Name,
    int Municipalities,
    IReadOnlyList<MunicipalityRef> Covered,
    IReadOnlyList<MunicipalityRef> MissingFromPreviousYear,
    int ReportsOnTime,
    int ReportsLate,
    IReadOnlyList<ReportStatus> Reports,
    IReadOnlyList<UploadStatus> Uploads,
    IReadOnlyList<Totals.CoverageOverlap>? Overlaps = null)
{
    /// <summary>The reports the county owes for the year, which rule decided it, and which have arrived.</summary>
    public CountyObligationStatus? Obligations { get; init; }
}

/// <summary>
/// A current report. <see cref="FirstReceivedAt"/> is its operation's first accepted upload of the year;
/// <see cref="ReceivedOn"/> the earliest day the county board received one of its accepted uploads (stated with the upload,
/// else the upload's Swedish day), which decides <see cref="OnTime"/> (on or before the deadline's day): a correction sent
/// after the deadline does not make an on-time report late, and a report received on 14 January but uploaded on
/// 20 January is on time.
/// </summary>
public sealed record ReportStatus(
    string OperationKey,
    string? OperationName,
    string VersionId,
    bool NilReturn,
    IReadOnlyList<string> MunicipalityCodes,
    DateTimeOffset ReceivedAt,
    DateTimeOffset FirstReceivedAt,
    bool OnTime)
{
    public DateOnly ReceivedOn { get; init; }
}

/// <summary>One upload (<c>IntakeLog</c>); <see cref="Findings"/> is the stored findings JSON, null when absent or cut off.</summary>
public sealed record UploadStatus(
    string BlobName,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? ProcessedAt,
    string Outcome,
    string? Disposition,
    string? OperationName,
    int ErrorCount,
    int WarningCount,
    JsonElement? Findings,
    bool FindingsTruncated,
    string? FailureReason)
{
    /// <summary>The day the county board received the upload (stated, else the upload's Swedish day).</summary>
    public DateOnly? ReceivedOn { get; init; }
}

/// <summary>
/// A county's reports owed vs received (<c>Reminders.Obligations</c>): <see cref="Rule"/> is <c>grantRegister</c> or
/// <c>previousYearReports</c>, <see cref="RuleText"/> says it in Swedish.
/// </summary>
public sealed record CountyObligationStatus(
    string Rule,
    string RuleText,
    int Owed,
    int Received,
    int Missing,
    IReadOnlyList<OwedReportStatus> Reports,
    IReadOnlyList<NotOwedReportStatus> ReceivedNotOwed);

/// <summary>
/// One owed report. <see cref="ReceivedAs"/>: the operation keys of the accepted reports that answer it (its own, or a
/// renamed verksamhet's), empty while missing. <see cref="GrantedSek"/>: the register's granted amount, null by the guess rule.
/// </summary>
public sealed record OwedReportStatus(
    string OperationKey,
    string OperationName,
    IReadOnlyList<MunicipalityRef> Municipalities,
    decimal? GrantedSek,
    bool Received,
    IReadOnlyList<string> ReceivedAs);

/// <summary>An accepted report no obligation asked for (by the register rule: a verksamhet the register does not know).</summary>
public sealed record NotOwedReportStatus(string OperationKey, string OperationName);

/// <summary>The national sums of <see cref="CountyObligationStatus"/>.</summary>
public sealed record ObligationTotals(int Owed, int Received, int Missing, int CountiesWithGrantRegister);
