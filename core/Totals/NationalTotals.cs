using System.Text.Json.Serialization;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Totals;

/// <summary>The body of <c>GET /api/totals/{year}</c> (api.md); serialised camelCase, figures exact.</summary>
public sealed record NationalTotals(
    int Year,
    DateTimeOffset GeneratedAt,
    int ReportsIncluded,
    MunicipalityTotals Municipalities,
    int Operations,
    OmbudTotals Ombud,
    ClientTotals Clients,
    ByDimension<ContactReason, GenderTotals> ContactReasons,
    WaitingTimeTotals WaitingTimes,
    PrioritisationTotals Prioritisation,
    ManagementGroupTotals ManagementGroups,
    SystemDeficiencyTotals SystemDeficiencies,
    EconomyTotals Economy,
    IReadOnlyList<CountyTotals> Counties);

public sealed record MunicipalityTotals(int Total, int OfferingPo, int? ChangeFromPreviousYear);

/// <summary>JSON flat: <c>{"women":…,"men":…,"otherGender":…,"total":…,"fullTimeEquivalents":…,"withSupervision":…}</c>.</summary>
[JsonConverter(typeof(OmbudTotalsJsonConverter))]
public sealed record OmbudTotals(GenderTotals ByGender, decimal FullTimeEquivalents, int WithSupervision)
{
    public int Total => ByGender.Total;
}

public sealed record ClientTotals(
    int Total,
    int New,
    int Ended,
    ByDimension<Gender, int> ByGender,
    ByDimension<AgeGroup, int> ByAgeGroup,
    ByDimension<Gender, ByDimension<AgeGroup, int>> ByGenderAndAgeGroup,
    GenderTotals WithChildrenAtHome);

/// <summary>Median and max over the operations that had a waiting time; null when none had.</summary>
public sealed record WaitingTimeTotals(int OperationsWithWaitingTime, decimal? MedianEstimatedDays, int? MaxEstimatedDays);

/// <summary>How many operations gave a group rank 1, 2 and 3.</summary>
public sealed record RankCounts(
    [property: JsonPropertyName("1")] int First,
    [property: JsonPropertyName("2")] int Second,
    [property: JsonPropertyName("3")] int Third);

public sealed record PrioritisationTotals(int OperationsWithPriorityOrder, ByDimension<PriorityGroup, RankCounts> Groups);

/// <summary>Missing counts, per member, how many operations' management groups lack that member.</summary>
public sealed record ManagementGroupTotals(int Complete, int WithDeficiencyRoutine, ByDimension<ManagementMember, int> Missing);

public sealed record SystemDeficiencyTotals(int Total, ByDimension<DeficiencyLevel, int> ByLevel, ByDimension<DeficiencyArea, int> ByArea);

public sealed record EconomyTotals(decimal GrantedSek, decimal SpentSek);

/// <summary>
/// One county (all 21 are listed). <see cref="MedianEstimatedWaitingDays"/> is an addition to api.md's
/// required fields, for the export's waiting-time table.
/// </summary>
public sealed record CountyTotals(
    string Code,
    string Name,
    int Municipalities,
    int MunicipalitiesOfferingPo,
    int? ChangeFromPreviousYear,
    int Operations,
    int OperationsWithWaitingTime,
    int? MaxEstimatedWaitingDays,
    decimal? MedianEstimatedWaitingDays,
    int Ombud,
    decimal FullTimeEquivalents,
    int Clients);
