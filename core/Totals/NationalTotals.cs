using System.Text.Json.Serialization;

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
    ContactReasonTotals ContactReasons,
    WaitingTimeTotals WaitingTimes,
    PrioritisationTotals Prioritisation,
    ManagementGroupTotals ManagementGroups,
    SystemDeficiencyTotals SystemDeficiencies,
    EconomyTotals Economy,
    IReadOnlyList<CountyTotals> Counties);

public sealed record MunicipalityTotals(int Total, int OfferingPo, int? ChangeFromPreviousYear);

public sealed record OmbudTotals(int Women, int Men, int OtherGender, int Total, decimal FullTimeEquivalents, int WithSupervision);

public sealed record GenderSplit(int Women, int Men, int OtherGender);

public sealed record GenderTotals(int Women, int Men, int OtherGender, int Total);

public sealed record AgeGroupCounts(
    [property: JsonPropertyName("18-29")] int Age18To29,
    [property: JsonPropertyName("30-49")] int Age30To49,
    [property: JsonPropertyName("50-64")] int Age50To64,
    [property: JsonPropertyName("65+")] int Age65Plus)
{
    [JsonIgnore]
    public int Total => Age18To29 + Age30To49 + Age50To64 + Age65Plus;
}

public sealed record GenderAndAgeCounts(AgeGroupCounts Women, AgeGroupCounts Men, AgeGroupCounts OtherGender);

public sealed record ClientTotals(
    int Total,
    int New,
    int Ended,
    GenderSplit ByGender,
    AgeGroupCounts ByAgeGroup,
    GenderAndAgeCounts ByGenderAndAgeGroup,
    GenderTotals WithChildrenAtHome);

public sealed record ContactReasonTotals(
    GenderTotals Economy,
    GenderTotals Housing,
    GenderTotals Occupation,
    GenderTotals DailyStructure,
    GenderTotals Authorities,
    GenderTotals Healthcare,
    GenderTotals Other);

/// <summary>Median and max over the operations that had a waiting time; null when none had.</summary>
public sealed record WaitingTimeTotals(int OperationsWithWaitingTime, decimal? MedianEstimatedDays, int? MaxEstimatedDays);

/// <summary>How many operations gave a group rank 1, 2 and 3.</summary>
public sealed record RankCounts(
    [property: JsonPropertyName("1")] int First,
    [property: JsonPropertyName("2")] int Second,
    [property: JsonPropertyName("3")] int Third);

public sealed record PriorityGroupTotals(
    RankCounts ChildrenAtHome,
    RankCounts EvictionOrHomelessness,
    RankCounts YoungAdults,
    RankCounts NoNetwork,
    RankCounts Other);

public sealed record PrioritisationTotals(int OperationsWithPriorityOrder, PriorityGroupTotals Groups);

/// <summary>Missing counts how many operations' management groups lack that member.</summary>
public sealed record ManagementMemberCounts(
    int Municipality,
    int PrimaryCare,
    int Psychiatry,
    int EmploymentService,
    int SocialInsuranceAgency,
    int UserOrganisations);

public sealed record ManagementGroupTotals(int Complete, int WithDeficiencyRoutine, ManagementMemberCounts Missing);

public sealed record DeficiencyLevelCounts(int Caseworker, int Local, int Central);

public sealed record DeficiencyAreaCounts(
    int Healthcare,
    int SocialServices,
    int SocialInsuranceAgency,
    int EmploymentService,
    int OtherAuthority,
    int Other);

public sealed record SystemDeficiencyTotals(int Total, DeficiencyLevelCounts ByLevel, DeficiencyAreaCounts ByArea);

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
