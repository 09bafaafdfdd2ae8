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
    IReadOnlyList<CountyTotals> Counties,
    GenderTotals? OmbudWithSupervision = null,
    MeetingTotals? ManagementGroupMeetings = null,
    IReadOnlyList<OtherProviderTotals>? OtherProviders = null,
    BudgetAndOutcomeTotals? BudgetAndOutcome = null,
    IReadOnlyList<CoverageOverlap>? OverlappingMunicipalities = null,
    FollowUpTotals? FollowUp = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ClosedYear? Closed = null);

/// <summary>
/// On the totals of a closed year only (docs/api.md): since when its figures no longer change (docs/replay.md, "Closing a
/// year"). Absent on an open year, whose figures may still change, so an open year's JSON is the same as it always was.
/// </summary>
public sealed record ClosedYear(DateTimeOffset Since);

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

// The lägesrapport's further tables: the fields after Counties, serialised after "counties".

/// <summary>
/// Ledningsgrupp, "Antal möten under året" over the verksamheter that answered it: how many, the median and the range.
/// Median, min and max are null when none did.
/// </summary>
public sealed record MeetingTotals(int OperationsReporting, decimal? Median, int? Min, int? Max);

/// <summary>A county named in a list: its two-digit code and name.</summary>
public sealed record CountyRef(string Code, string Name);

/// <summary>
/// One row of "Övriga utförare" (2017 Tabell 2, 2021 Tabell 5): a provider other than the municipality (Verksamhet,
/// Utförarens namn) with its organisation form (dimension id of <see cref="Dimensions.OrganisationForms"/>), the counties
/// of its verksamheter, how many verksamheter and how many distinct municipalities they cover.
/// </summary>
public sealed record OtherProviderTotals(string Name, string OrganisationForm, IReadOnlyList<CountyRef> Counties, int Operations, int Municipalities);

/// <summary>A line of Tabell 5 "Budget och utfall": its label, budget and utfall in kronor (utfall null when not yet known).</summary>
public sealed record BudgetLineTotals(string Label, decimal? BudgetSek, decimal? OutcomeSek);

/// <summary>
/// Tabell 5 "Budget och utfall" of a year (section <c>Appropriation</c>; null when the year has no appropriation
/// configured). <see cref="Lines"/>: the configured other lines in their order, then the statsbidrag line
/// (<see cref="GrantsLineLabel"/>), whose budget is the anslag and whose utfall is what Socialstyrelsen paid through the
/// county boards: the sum of the current grant registers' Utbetalt belopp (<see cref="GrantsOutcomeSource"/>
/// <c>grantRegisters</c>); only when no county has a register for the year, the granted statsbidrag of the accepted
/// reports (<c>annualReports</c>). <see cref="ReportedGrantedSek"/> is the municipalities' own figure beside it, the
/// accepted reports' Beviljat statsbidrag: a check, never the utfall. <see cref="RepaidSek"/> is the configured återbetalning (positive; the table prints it negated,
/// null while not decided); net = total utfall − återbetalning; unused (oförbrukade medel) = total budget − net.
/// A sum is null when one of its parts is.
/// </summary>
public sealed record BudgetAndOutcomeTotals(
    IReadOnlyList<BudgetLineTotals> Lines,
    decimal? TotalBudgetSek,
    decimal? TotalOutcomeSek,
    decimal? RepaidSek,
    decimal? NetOutcomeSek,
    decimal? UnusedSek,
    decimal? ReportedGrantedSek = null,
    string GrantsOutcomeSource = BudgetAndOutcomeTotals.FromGrantRegisters)
{
    public const string GrantsLineLabel = "Ombudstjänster, statsbidrag";

    /// <summary>The statsbidrag line's utfall is the registers' paid amounts.</summary>
    public const string FromGrantRegisters = "grantRegisters";

    /// <summary>No county has a register for the year: the utfall is the reports' Beviljat statsbidrag.</summary>
    public const string FromAnnualReports = "annualReports";

    /// <summary>
    /// Where the budget lines, anslag and återbetalning came from (<c>Grants.ResolvedAppropriation</c>): <c>nationalFigures</c>
    /// (Socialstyrelsen's entered figures, version <see cref="BudgetVersion"/>) or <c>settings</c>.
    /// </summary>
    public string BudgetSource { get; init; } = "settings";

    public string? BudgetVersion { get; init; }
}

/// <summary>
/// Sheet Uppföljning over the verksamheter that answered it (<see cref="OperationsAnswering"/>): a verksamhet whose year's
/// template did not ask it, or whose workbook was made from an older template, adds nothing here, not zeros, and is
/// counted in <see cref="OperationsNotAsked"/>. The free texts are not counted; they are in <see cref="TotalsResult.FollowUpTexts"/>.
/// </summary>
public sealed record FollowUpTotals(
    int OperationsAnswering,
    int OperationsNotAsked,
    ByDimension<NewClientSource, int> NewClientsBySource,
    ByDimension<SupervisionForm, int> OmbudBySupervision,
    int OmbudInFurtherTraining,
    int OmbudInIntroductoryCourse,
    int OmbudNewlyHired,
    int OperationsWithUserSurvey,
    int OperationsOfferingUserOrganisationsASeat,
    ByDimension<ManagementGroupForm, int> ManagementGroupForms);

/// <summary>A current report that lists a municipality another current report of the year lists too.</summary>
public sealed record OverlapReport(string CountyCode, string OperationKey, string? OperationName, string VersionId);

/// <summary>A municipality listed by more than one current (non-nil) report of a year; counted once in the totals.</summary>
public sealed record CoverageOverlap(string MunicipalityCode, string MunicipalityName, string CountyCode, IReadOnlyList<OverlapReport> Reports);
