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
    string? OrganisationForm = null)
{
    /// <summary>Stadsdel eller del av kommun, when the verksamhet covers only part of its municipality; null for whole municipalities.</summary>
    public string? District { get; init; }
}

/// <summary>
/// The free texts of one report's sheet Uppföljning (table <c>ReportTexts</c>), as the lägesrapport's chapters read them:
/// "Förändringar i klientgruppen", brukarinflytande and the year's theme question with its answer. Null = left empty or
/// not asked; <see cref="Asked"/> tells which.
/// </summary>
public sealed record ReportTexts(bool Asked, string? ClientGroupChanges, string? UserInfluence, string? ThemeQuestion, string? ThemeAnswer)
{
    public static ReportTexts NotAsked { get; } = new(false, null, null, null, null);

    public static ReportTexts From(FollowUpAnswers? followUp) => followUp is null
        ? NotAsked
        : new(true, followUp.ClientGroupChanges, followUp.UserInfluence, followUp.Theme?.Question, followUp.Theme?.Answer);
}

/// <summary>A row of <c>SystemDeficiencies</c>, in workbook order.</summary>
public sealed record StoredDeficiency(DeficiencyLevel Level, DeficiencyArea Area, string Description, string? Consequence, string? Action);

/// <summary>A current report with its facts, deficiency texts and Uppföljning texts (empty / not asked for a nil return).</summary>
public sealed record ReportContent(CurrentReport Report, IReadOnlyList<Fact> Facts, IReadOnlyList<StoredDeficiency> Deficiencies, ReportTexts? Texts = null);

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
    string? FailureReason)
{
    /// <summary>The day the county board received the report (<see cref="Intake.ReceivedOn"/>); null in rows written before it was stored.</summary>
    public DateOnly? ReceivedOn { get; init; }

    /// <summary>The received day, or for an older row the Swedish day of <see cref="ReceivedAt"/>.</summary>
    public DateOnly? ReceivedDay => ReceivedOn ?? (ReceivedAt is { } at ? Intake.ReceivedOn.Default(at) : null);
}
