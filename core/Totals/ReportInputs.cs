using PoIntake.Core.Intake;

namespace PoIntake.Core.Totals;

/// <summary>
/// A deficiency reported at the central level (Bilaga 1). <see cref="OperationName"/> is the verksamhet's name as its
/// report gave it (null in rows stored before names were kept); <see cref="DisplayName"/> is what a reader sees, never the key.
/// </summary>
public sealed record CentralDeficiencyText(
    string CountyCode,
    string CountyName,
    string OperationKey,
    DeficiencyArea Area,
    string Description,
    string? Consequence,
    string? Action,
    string? OperationName = null,
    IReadOnlyList<string>? MunicipalityNames = null)
{
    public string DisplayName =>
        OperationName is { Length: > 0 } name ? name
        : MunicipalityNames is { Count: > 0 } names ? $"Verksamheten i {SwedishNumberWords.List(names)}"
        : $"En verksamhet i {CountyName}";
}

/// <summary>
/// One verksamhet's free texts of sheet Uppföljning, for the lägesrapport's chapters ("Förändringar i klientgruppen", the
/// theme chapter such as 2021's "Coronapandemin har påverkat kommunernas arbete") and the export. Only reports that
/// answered the sheet are listed; empty texts are null.
/// </summary>
public sealed record FollowUpText(
    string CountyCode,
    string CountyName,
    string OperationKey,
    string? OperationName,
    string? District,
    string? ClientGroupChanges,
    string? UserInfluence,
    string? ThemeQuestion,
    string? ThemeAnswer);

/// <summary>The totals of a year plus what only the export shows: central texts, deficiencies per level and area, Uppföljning's texts.</summary>
public sealed record TotalsResult(
    NationalTotals Totals,
    IReadOnlyList<CentralDeficiencyText> CentralDeficiencies,
    ByDimension<DeficiencyLevel, ByDimension<DeficiencyArea, int>> DeficienciesByLevelAndArea,
    IReadOnlyList<FollowUpText>? FollowUpTexts = null);
