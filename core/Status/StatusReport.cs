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
    IReadOnlyList<CountyStatus> Counties);

/// <summary>
/// The body of <c>GET /api/status/{year}/{countyCode}</c>: one county's part of <see cref="StatusReport"/>, all a county
/// board may see (its own reports, uploads and their findings).
/// </summary>
public sealed record CountyStatusReport(int Year, DateTimeOffset GeneratedAt, ReportDeadline Deadline, CountyStatus County);

/// <summary>15 January of year + 1, moved to the next working day; reports count as on time until <see cref="EndsAt"/>.</summary>
public sealed record ReportDeadline(DateOnly Nominal, DateOnly Date, string? MovedBecause, DateTimeOffset EndsAt);

public sealed record MunicipalityRef(string Code, string Name);

public sealed record CountyStatus(
    string Code,
    string Name,
    int Municipalities,
    IReadOnlyList<MunicipalityRef> Covered,
    IReadOnlyList<MunicipalityRef> MissingFromPreviousYear,
    int ReportsOnTime,
    int ReportsLate,
    IReadOnlyList<ReportStatus> Reports,
    IReadOnlyList<UploadStatus> Uploads);

/// <summary>
/// A current report. <see cref="FirstReceivedAt"/> is its operation's first accepted upload of the year, which
/// decides <see cref="OnTime"/>: a correction sent after the deadline does not make an on-time report late.
/// </summary>
public sealed record ReportStatus(
    string OperationKey,
    string? OperationName,
    string VersionId,
    bool NilReturn,
    IReadOnlyList<string> MunicipalityCodes,
    DateTimeOffset ReceivedAt,
    DateTimeOffset FirstReceivedAt,
    bool OnTime);

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
    string? FailureReason);
