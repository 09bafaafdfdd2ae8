using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>
/// A row of <c>CurrentReports</c>: the version of one (year, county, operation) that counts. The operation name,
/// provider name and organisation form (dimension id) are null in rows written before they were stored, and the
/// last two for a verksamhet in kommunal regi.
/// </summary>
public sealed record CurrentReport(
    int Year,
    string CountyCode,
    string OperationKey,
    string VersionId,
    bool NilReturn,
    IReadOnlyList<string> MunicipalityCodes,
    DateTimeOffset ReceivedAt,
    string? BlobName = null,
    string? OperationName = null,
    string? ProviderName = null,
    string? OrganisationForm = null);

/// <summary>A row of <c>SystemDeficiencies</c>, in workbook order.</summary>
public sealed record StoredDeficiency(DeficiencyLevel Level, DeficiencyArea Area, string Description, string? Consequence, string? Action);

/// <summary>A current report with its facts and deficiency texts (empty for a nil return).</summary>
public sealed record ReportContent(CurrentReport Report, IReadOnlyList<Fact> Facts, IReadOnlyList<StoredDeficiency> Deficiencies);

/// <summary>The revision of a year in <c>YearRevisions</c>; a new value whenever an intake changed its current reports.</summary>
public sealed record YearRevision(int Year, string Revision, DateTimeOffset? ChangedAt);

/// <summary>A row of <c>ReportVersions</c>: one accepted version with the verksamhet's name and contact as the report gave them.</summary>
public sealed record ReportVersion(
    string VersionId,
    int Year,
    string CountyCode,
    string OperationKey,
    string OperationName,
    string? ContactPerson,
    string? ContactEmail);

/// <summary>A row of <c>IntakeLog</c>: one upload of a year and what became of it.</summary>
public sealed record IntakeLogEntry(
    string CountyCode,
    string BlobName,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? ProcessedAt,
    IntakeOutcome Outcome,
    string? Disposition,
    string? OperationKey,
    string? OperationName,
    string? VersionId,
    int ErrorCount,
    int WarningCount,
    string? FindingsJson,
    string? FailureReason);
