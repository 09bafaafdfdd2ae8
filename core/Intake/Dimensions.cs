using System.Collections;
using System.Collections.Frozen;

namespace PoIntake.Core.Intake;

/// <summary>
/// One value of a contract dimension: the enum member, its API id (fact keys, totals JSON, csv), its Swedish label and
/// the other ways people write that label in a workbook (<see cref="Variants"/>: read as the label, never written).
/// </summary>
public sealed record DimensionValue<T>(T Value, string Id, string Label, IReadOnlyList<string>? Variants = null)
    where T : struct, Enum;

/// <summary>Every value of one contract dimension, in the contract's order (the template's, the export's and the page's).</summary>
public sealed class Dimension<T> : IReadOnlyList<DimensionValue<T>>
    where T : struct, Enum
{
    private readonly DimensionValue<T>[] _values;
    private readonly FrozenDictionary<T, DimensionValue<T>> _byValue;
    private readonly FrozenDictionary<string, DimensionValue<T>> _byId;

    internal Dimension(string name, params DimensionValue<T>[] values)
    {
        _values = values;
        _byValue = values.ToFrozenDictionary(v => v.Value);
        _byId = values.ToFrozenDictionary(v => v.Id, StringComparer.Ordinal);
        if (_byValue.Count != Enum.GetValues<T>().Length || _byId.Count != values.Length)
        {
            throw new InvalidOperationException($"Dimension {name} must list each {typeof(T).Name} exactly once with its own id.");
        }

        Name = name;
        Labels = [.. values.Select(v => (v.Value, v.Label))];
        Variants = [.. values.SelectMany(v => (v.Variants ?? []).Select(variant => (variant, v.Label)))];
    }

    /// <summary>The dimension's name in fact keys and the csv (<c>gender</c> in <c>gender=women</c>).</summary>
    public string Name { get; }

    /// <summary>The Swedish labels as the workbook's choices, in contract order.</summary>
    public IReadOnlyList<(T Value, string Label)> Labels { get; }

    /// <summary>Every (variant, label) pair: texts the parser reads as the label (label matching normalises both first).</summary>
    public IReadOnlyList<(string Variant, string Label)> Variants { get; }

    public int Count => _values.Length;

    public DimensionValue<T> this[int index] => _values[index];

    public string Id(T value) => _byValue[value].Id;

    public string Label(T value) => _byValue[value].Label;

    public bool TryFindId(string id, out T value)
    {
        var found = _byId.TryGetValue(id, out var entry);
        value = found ? entry!.Value : default;
        return found;
    }

    public IEnumerator<DimensionValue<T>> GetEnumerator() => ((IEnumerable<DimensionValue<T>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The catalogue of the workbook contract's dimensions (docs/workbook-contract.md): for every enum value its API id and
/// its Swedish label. The parser, the template, the facts, the totals, the exports and the Översikt page
/// (<c>GET /api/web/labels.json</c>) all read these tables; no id or label of a dimension value is written anywhere else.
/// </summary>
public static class Dimensions
{
    public const string Gender = "gender";
    public const string AgeGroup = "ageGroup";
    public const string Reason = "reason";
    public const string Group = "group";
    public const string Member = "member";
    public const string Level = "level";
    public const string Area = "area";
    public const string Source = "source";
    public const string Supervision = "supervision";
    public const string Form = "form";

    public static Dimension<Gender> Genders { get; } = new(
        Gender,
        new(Intake.Gender.Women, "women", "Kvinnor"),
        new(Intake.Gender.Men, "men", "Män"),
        new(Intake.Gender.OtherGender, "otherGender", "Annan könstillhörighet"));

    public static Dimension<AgeGroup> AgeGroups { get; } = new(
        AgeGroup,
        new(Intake.AgeGroup.Age18To29, "18-29", "18–29 år", ["18-29", "18-29år"]),
        new(Intake.AgeGroup.Age30To49, "30-49", "30–49 år", ["30-49", "30-49år"]),
        new(Intake.AgeGroup.Age50To64, "50-64", "50–64 år", ["50-64", "50-64år"]),
        new(Intake.AgeGroup.Age65Plus, "65+", "65– år", ["65-", "65 år-", "65+", "65+ år", "65 +", "65 år+", "65 år +", "≥65 år", "≥ 65 år", "≥65", "65 år och äldre", "65 och äldre"]));

    public static Dimension<ContactReason> ContactReasons { get; } = new(
        Reason,
        new(ContactReason.Economy, "economy", "Ekonomi"),
        new(ContactReason.Housing, "housing", "Bostad"),
        new(ContactReason.Occupation, "occupation", "Sysselsättning"),
        new(ContactReason.DailyStructure, "dailyStructure", "Struktur i vardagen"),
        new(ContactReason.Authorities, "authorities", "Stöd i kontakten med myndigheter"),
        new(ContactReason.Healthcare, "healthcare", "Stöd i kontakten med hälso- och sjukvården"),
        new(ContactReason.Other, "other", "Övrigt"));

    public static Dimension<PriorityGroup> PriorityGroups { get; } = new(
        Group,
        new(PriorityGroup.ChildrenAtHome, "childrenAtHome", "Hushåll med hemmavarande minderåriga barn"),
        new(PriorityGroup.EvictionOrHomelessness, "evictionOrHomelessness", "Personer som riskerar vräkning eller är bostadslösa"),
        new(PriorityGroup.YoungAdults, "youngAdults", "Unga vuxna 18–29 år"),
        new(PriorityGroup.NoNetwork, "noNetwork", "Personer som saknar kontakter, insatser eller socialt nätverk"),
        new(PriorityGroup.Other, "other", "Övrigt"));

    public static Dimension<ManagementMember> ManagementMembers { get; } = new(
        Member,
        new(ManagementMember.Municipality, "municipality", "Kommunen"),
        new(ManagementMember.PrimaryCare, "primaryCare", "Regionens primärvård"),
        new(ManagementMember.Psychiatry, "psychiatry", "Regionens psykiatri"),
        new(ManagementMember.EmploymentService, "employmentService", "Arbetsförmedlingen"),
        new(ManagementMember.SocialInsuranceAgency, "socialInsuranceAgency", "Försäkringskassan"),
        new(ManagementMember.UserOrganisations, "userOrganisations", "Patient-, brukar- och anhörigorganisationer"));

    public static Dimension<DeficiencyLevel> DeficiencyLevels { get; } = new(
        Level,
        new(DeficiencyLevel.Caseworker, "caseworker", "Handläggarnivå"),
        new(DeficiencyLevel.Local, "local", "Lokal nivå"),
        new(DeficiencyLevel.Central, "central", "Central nivå"));

    public static Dimension<DeficiencyArea> DeficiencyAreas { get; } = new(
        Area,
        new(DeficiencyArea.Healthcare, "healthcare", "Hälso- och sjukvård"),
        new(DeficiencyArea.SocialServices, "socialServices", "Socialtjänst"),
        new(DeficiencyArea.SocialInsuranceAgency, "socialInsuranceAgency", "Försäkringskassan"),
        new(DeficiencyArea.EmploymentService, "employmentService", "Arbetsförmedlingen"),
        new(DeficiencyArea.OtherAuthority, "otherAuthority", "Annan myndighet"),
        new(DeficiencyArea.Other, "other", "Övrigt"));

    /// <summary>Sheet Uppföljning: how new clients came (2021 lägesrapport, "Förändringar i klientgruppen": referred by other authorities, relatives).</summary>
    public static Dimension<NewClientSource> NewClientSources { get; } = new(
        Source,
        new(NewClientSource.OtherAuthority, "otherAuthority", "Hänvisade av annan myndighet"),
        new(NewClientSource.Relatives, "relatives", "Genom anhöriga"),
        new(NewClientSource.Self, "self", "Tog själva kontakt"),
        new(NewClientSource.Other, "other", "På annat sätt"));

    /// <summary>Sheet Uppföljning: how ombud got supervision (2021 lägesrapport: through the employer, collegial exchange, none).</summary>
    public static Dimension<SupervisionForm> SupervisionForms { get; } = new(
        Supervision,
        new(SupervisionForm.External, "external", "Extern handledning"),
        new(SupervisionForm.Collegial, "collegial", "Kollegial handledning"),
        new(SupervisionForm.None, "none", "Ingen handledning"));

    /// <summary>Sheet Uppföljning: the management group's form (2021 lägesrapport: shared groups, through a samordningsförbund).</summary>
    public static Dimension<ManagementGroupForm> ManagementGroupForms { get; } = new(
        Form,
        new(ManagementGroupForm.Own, "own", "Egen ledningsgrupp"),
        new(ManagementGroupForm.SharedWithMunicipalities, "shared", "Gemensam med andra kommuner"),
        new(ManagementGroupForm.CoordinationAssociation, "coordinationAssociation", "Genom samordningsförbund"));

    /// <summary>Sheet Verksamhet's choices; no fact or total carries them, the ids name them in <c>GET /api/web/labels.json</c>.</summary>
    public static Dimension<OperatingForm> OperatingForms { get; } = new(
        "operatingForm",
        new(OperatingForm.Municipal, "municipal", "Kommunal regi"),
        new(OperatingForm.OtherProvider, "otherProvider", "Annan utförare"));

    /// <summary>In the order of the lägesrapporter's "Övriga utförare" table (2017 Tabell 2, 2021 Tabell 5), which the totals' list follows.</summary>
    public static Dimension<OrganisationForm> OrganisationForms { get; } = new(
        "organisationForm",
        new(OrganisationForm.MunicipalAssociation, "municipalAssociation", "Kommunalförbund"),
        new(OrganisationForm.NonProfitAssociation, "nonProfitAssociation", "Ideell förening"),
        new(OrganisationForm.Region, "region", "Region"),
        new(OrganisationForm.Foundation, "foundation", "Stiftelse"),
        new(OrganisationForm.LimitedCompany, "limitedCompany", "Aktiebolag"),
        new(OrganisationForm.EconomicAssociation, "economicAssociation", "Ekonomisk förening"),
        new(OrganisationForm.Other, "other", "Annan"));

    private static readonly FrozenDictionary<Type, object> ByType = new object[]
    {
        Genders, AgeGroups, ContactReasons, PriorityGroups, ManagementMembers, DeficiencyLevels, DeficiencyAreas, OperatingForms, OrganisationForms,
        NewClientSources, SupervisionForms, ManagementGroupForms,
    }.ToFrozenDictionary(d => d.GetType().GetGenericArguments()[0]);

    /// <summary>Every dimension as (name, [(id, label)]), in catalogue order: the body of <c>GET /api/web/labels.json</c>.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<(string Id, string Label)> Values)> All { get; } =
    [
        Describe(Genders), Describe(AgeGroups), Describe(ContactReasons), Describe(PriorityGroups), Describe(ManagementMembers),
        Describe(DeficiencyLevels), Describe(DeficiencyAreas), Describe(OperatingForms), Describe(OrganisationForms),
        Describe(NewClientSources), Describe(SupervisionForms), Describe(ManagementGroupForms),
    ];

    /// <summary>Every dimension's (variant, label) pairs: the header texts read as a label besides the label itself.</summary>
    public static IReadOnlyList<(string Variant, string Label)> Variants { get; } =
    [
        .. Genders.Variants, .. AgeGroups.Variants, .. ContactReasons.Variants, .. PriorityGroups.Variants, .. ManagementMembers.Variants,
        .. DeficiencyLevels.Variants, .. DeficiencyAreas.Variants, .. OperatingForms.Variants, .. OrganisationForms.Variants,
        .. NewClientSources.Variants, .. SupervisionForms.Variants, .. ManagementGroupForms.Variants,
    ];

    /// <summary>The dimension of an enum type.</summary>
    public static Dimension<T> Of<T>()
        where T : struct, Enum => (Dimension<T>)ByType[typeof(T)];

    public static string Id(Gender value) => Genders.Id(value);

    public static string Id(AgeGroup value) => AgeGroups.Id(value);

    public static string Id(ContactReason value) => ContactReasons.Id(value);

    public static string Id(PriorityGroup value) => PriorityGroups.Id(value);

    public static string Id(ManagementMember value) => ManagementMembers.Id(value);

    public static string Id(DeficiencyLevel value) => DeficiencyLevels.Id(value);

    public static string Id(DeficiencyArea value) => DeficiencyAreas.Id(value);

    public static string Id(NewClientSource value) => NewClientSources.Id(value);

    public static string Id(SupervisionForm value) => SupervisionForms.Id(value);

    public static string Id(ManagementGroupForm value) => ManagementGroupForms.Id(value);

    private static (string, IReadOnlyList<(string, string)>) Describe<T>(Dimension<T> dimension)
        where T : struct, Enum => (dimension.Name, [.. dimension.Select(v => (v.Id, v.Label))]);
}
