namespace PoIntake.Core.Intake;

public enum Gender
{
    Women,
    Men,
    OtherGender,
}

public enum AgeGroup
{
    Age18To29,
    Age30To49,
    Age50To64,
    Age65Plus,
}

public enum OperatingForm
{
    Municipal,
    OtherProvider,
}

public enum OrganisationForm
{
    MunicipalAssociation,
    NonProfitAssociation,
    Foundation,
    LimitedCompany,
    EconomicAssociation,
    Region,
    Other,
}

public enum ContactReason
{
    Economy,
    Housing,
    Occupation,
    DailyStructure,
    Authorities,
    Healthcare,
    Other,
}

public enum PriorityGroup
{
    ChildrenAtHome,
    EvictionOrHomelessness,
    YoungAdults,
    NoNetwork,
    Other,
}

public enum ManagementMember
{
    Municipality,
    PrimaryCare,
    Psychiatry,
    EmploymentService,
    SocialInsuranceAgency,
    UserOrganisations,
}

public enum DeficiencyLevel
{
    Caseworker,
    Local,
    Central,
}

public enum DeficiencyArea
{
    Healthcare,
    SocialServices,
    SocialInsuranceAgency,
    EmploymentService,
    OtherAuthority,
    Other,
}

public enum NewClientSource
{
    OtherAuthority,
    Relatives,
    Self,
    Other,
}

public enum SupervisionForm
{
    External,
    Collegial,
    None,
}

public enum ManagementGroupForm
{
    Own,
    SharedWithMunicipalities,
    CoordinationAssociation,
}

/// <summary>Per-gender counts (Kvinnor | Män | Annan könstillhörighet).</summary>
public sealed record GenderCounts(int Women, int Men, int OtherGender)
{
    public static GenderCounts Zero { get; } = new(0, 0, 0);

    public int Total => Women + Men + OtherGender;

    public int this[Gender gender] => gender switch
    {
        Gender.Women => Women,
        Gender.Men => Men,
        _ => OtherGender,
    };
}

/// <summary>Sheet "Verksamhet": who reports, for which year and county.</summary>
public sealed record OperationInfo(
    int Year,
    string CountyCode,
    string Name,
    IReadOnlyList<string> MunicipalityCodes,
    OperatingForm OperatingForm,
    string? ProviderName,
    OrganisationForm? OrganisationForm,
    string ContactPerson,
    string ContactEmail,
    string? ContactPhone,
    bool Active)
{
    /// <summary>
    /// Stadsdel eller del av kommun: the part of the listed municipality the verksamhet covers (Stockholm's district
    /// verksamheter); null when it covers the whole of each municipality listed, or the year's template did not ask.
    /// </summary>
    public string? District { get; init; }

    public bool CoversPartOfMunicipality => District is not null;
}

/// <summary>Sheet "Ombud".</summary>
public sealed record OmbudFigures(GenderCounts Ombud, GenderCounts WithSupervision, decimal FullTimeEquivalents);

/// <summary>Sheet "Klienter".</summary>
public sealed record ClientFigures(
    IReadOnlyDictionary<(Gender Gender, AgeGroup AgeGroup), int> ByGenderAndAge,
    int New,
    int Ended,
    GenderCounts WithChildrenAtHome)
{
    public int Total => ByGenderAndAge.Values.Sum();

    public int ForGender(Gender gender) => ByGenderAndAge.Where(kv => kv.Key.Gender == gender).Sum(kv => kv.Value);

    public int ForAgeGroup(AgeGroup ageGroup) => ByGenderAndAge.Where(kv => kv.Key.AgeGroup == ageGroup).Sum(kv => kv.Value);
}

/// <summary>Sheet "Väntetid". Priorities hold only the groups given a rank (1–3).</summary>
public sealed record WaitingFigures(
    bool HasWaitingTime,
    int EstimatedWaitingDays,
    bool HasPriorityOrder,
    IReadOnlyDictionary<PriorityGroup, int> Priorities);

/// <summary>Sheet "Ledningsgrupp". The group is complete (fulltalig) when the first five members are represented.</summary>
public sealed record ManagementGroup(
    IReadOnlyDictionary<ManagementMember, bool> Represented,
    int Meetings,
    bool HasDeficiencyRoutine)
{
    /// <summary>The members a complete group has; user organisations are welcome but not required.</summary>
    public static IReadOnlyList<ManagementMember> CompletenessMembers { get; } =
        [.. Enum.GetValues<ManagementMember>().Where(m => m != ManagementMember.UserOrganisations)];

    public bool IsComplete => CompletenessMembers.All(m => Represented.GetValueOrDefault(m));
}

/// <summary>One row of sheet "Systembrister".</summary>
public sealed record SystemDeficiency(
    DeficiencyLevel Level,
    DeficiencyArea Area,
    string Description,
    string? Consequence,
    string? Action);

/// <summary>Sheet "Ekonomi".</summary>
public sealed record Economy(decimal GrantedSek, decimal SpentSek);

/// <summary>
/// Sheet "Uppföljning" (docs/workbook-contract.md, asked from <see cref="WorkbookLabels.ContractYears.FollowUp"/>): the
/// figures and free texts the lägesrapport's chapters are written from. Counts are facts; the free texts are kept as given
/// (bounded, never counted) and feed the report's chapters; null text = left empty.
/// </summary>
public sealed record FollowUpAnswers(
    string? ClientGroupChanges,
    IReadOnlyDictionary<NewClientSource, int> NewClientSources,
    IReadOnlyDictionary<SupervisionForm, int> OmbudBySupervision,
    int OmbudInFurtherTraining,
    int OmbudInIntroductoryCourse,
    int OmbudNewlyHired,
    string? UserInfluence,
    bool UserSurvey,
    ManagementGroupForm ManagementGroupForm,
    bool UserOrganisationsOfferedSeat,
    ThemeAnswer? Theme);

/// <summary>The year's theme question as the workbook stated it (Socialstyrelsen configures it per year) and the answer.</summary>
public sealed record ThemeAnswer(string? Question, string? Answer);

/// <summary>
/// One verksamhet's parsed annual report. For a nil return (<see cref="OperationInfo.Active"/> is false)
/// only <see cref="Operation"/> is read and every other part is null.
/// </summary>
public sealed record AnnualReport(
    OperationInfo Operation,
    OmbudFigures? Ombud,
    ClientFigures? Clients,
    IReadOnlyDictionary<(ContactReason Reason, Gender Gender), int>? ContactReasons,
    WaitingFigures? Waiting,
    ManagementGroup? ManagementGroup,
    IReadOnlyList<SystemDeficiency>? SystemDeficiencies,
    Economy? Economy)
{
    public bool IsNilReturn => !Operation.Active;

    /// <summary>Sheet Uppföljning; null when the year's template did not ask it (an earlier year, or a workbook made from an older template) and for a nil return — never zeros.</summary>
    public FollowUpAnswers? FollowUp { get; init; }
}
