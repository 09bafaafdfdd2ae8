namespace PoIntake.Core.Totals;

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

/// <summary>A row of <c>SystemDeficiencies</c>; level and area are the ids of <see cref="Intake.Dimensions"/>.</summary>
public sealed record StoredDeficiency(string Level, string Area, string Description, string? Consequence, string? Action);

/// <summary>A current report with its facts and deficiency texts (empty for a nil return).</summary>
public sealed record ReportContent(CurrentReport Report, IReadOnlyList<Intake.Fact> Facts, IReadOnlyList<StoredDeficiency> Deficiencies);

/// <summary>A deficiency reported at the central level, listed per county in the export.</summary>
public sealed record CentralDeficiencyText(
    string CountyCode,
    string CountyName,
    string OperationKey,
    string Area,
    string Description,
    string? Consequence,
    string? Action);

/// <summary>The totals of a year plus what only the export shows: central texts and deficiencies per level and area.</summary>
public sealed record TotalsResult(
    NationalTotals Totals,
    IReadOnlyList<CentralDeficiencyText> CentralDeficiencies,
    ByDimension<Intake.DeficiencyLevel, ByDimension<Intake.DeficiencyArea, int>> DeficienciesByLevelAndArea);
