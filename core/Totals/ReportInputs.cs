using PoIntake.Core.Intake;

namespace PoIntake.Core.Totals;

/// <summary>A deficiency reported at the central level, listed per county in the export.</summary>
public sealed record CentralDeficiencyText(
    string CountyCode,
    string CountyName,
    string OperationKey,
    DeficiencyArea Area,
    string Description,
    string? Consequence,
    string? Action);

/// <summary>The totals of a year plus what only the export shows: central texts and deficiencies per level and area.</summary>
public sealed record TotalsResult(
    NationalTotals Totals,
    IReadOnlyList<CentralDeficiencyText> CentralDeficiencies,
    ByDimension<DeficiencyLevel, ByDimension<DeficiencyArea, int>> DeficienciesByLevelAndArea);
