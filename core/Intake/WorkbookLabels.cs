namespace PoIntake.Core.Intake;

/// <summary>
/// The Swedish sheet names and labels of the report workbook contract (docs/workbook-contract.md).
/// The template writes exactly these; the parser finds them after label normalisation.
/// </summary>
public static class WorkbookLabels
{
    public static class Sheets
    {
        public const string Instructions = "Instruktioner";
        public const string Operation = "Verksamhet";
        public const string Ombud = "Ombud";
        public const string Clients = "Klienter";
        public const string ContactReasons = "Kontaktorsaker";
        public const string Waiting = "Väntetid";
        public const string Management = "Ledningsgrupp";
        public const string Deficiencies = "Systembrister";
        public const string Economy = "Ekonomi";
        public const string Lists = "Listor";
    }

    public static class Operation
    {
        public const string Year = "Redovisningsår";
        public const string County = "Län";
        public const string Name = "Verksamhetens namn";
        public const string Municipalities = "Kommuner som omfattas";
        public const string OperatingForm = "Driftform";
        public const string ProviderName = "Utförarens namn";
        public const string OrganisationForm = "Organisationsform";
        public const string ContactPerson = "Kontaktperson";
        public const string Email = "E-post";
        public const string Phone = "Telefon";
        public const string Active = "Verksamhet bedrevs under året";
    }

    public static class Ombud
    {
        public const string Count = "Antal personliga ombud";
        public const string WithSupervision = "Antal ombud med kontinuerlig handledning";
        public const string FullTimeEquivalents = "Antal årsarbetare";
    }

    public static class Clients
    {
        public const string ByGenderAndAgeTitle = "Klienter efter kön och ålder";
        public const string New = "Nya klienter under året";
        public const string Ended = "Avslutade klienter under året";
        public const string WithChildrenTitle = "Klienter med helt eller delvis hemmavarande barn";
        public const string WithChildrenRow = "Antal klienter";
    }

    public static class Waiting
    {
        public const string HasWaitingTime = "Väntetid för nya klienter under året";
        public const string EstimatedDays = "Uppskattad väntetid i dagar";
        public const string HasPriorityOrder = "Prioriteringsordning finns";
        public const string PriorityTableTitle = "Prioriterade grupper";
        public const string PriorityHeader = "Prioritet";
    }

    public static class Management
    {
        public const string RepresentedHeader = "Representerad";
        public const string Meetings = "Antal möten under året";
        public const string DeficiencyRoutine = "Rutin för att rapportera brister till ledningsgruppen";
    }

    public static class Deficiencies
    {
        public const string Level = "Nivå";
        public const string Area = "Område";
        public const string Description = "Brist";
        public const string Consequence = "Konsekvens för den enskilde";
        public const string Action = "Åtgärd eller resultat";
        public const int MaxTextLength = 4000;
    }

    public static class Economy
    {
        public const string Granted = "Beviljat statsbidrag (kr)";
        public const string Spent = "Förbrukat statsbidrag (kr)";
    }

    public const string Yes = "Ja";
    public const string No = "Nej";
    public const string Total = "Totalt";

    public static readonly IReadOnlyList<(Gender Value, string Label)> Genders =
    [
        (Gender.Women, "Kvinnor"),
        (Gender.Men, "Män"),
        (Gender.OtherGender, "Annan könstillhörighet"),
    ];

    public static readonly IReadOnlyList<(AgeGroup Value, string Label)> AgeGroups =
    [
        (AgeGroup.Age18To29, "18–29 år"),
        (AgeGroup.Age30To49, "30–49 år"),
        (AgeGroup.Age50To64, "50–64 år"),
        (AgeGroup.Age65Plus, "65– år"),
    ];

    public static readonly IReadOnlyList<(OperatingForm Value, string Label)> OperatingForms =
    [
        (OperatingForm.Municipal, "Kommunal regi"),
        (OperatingForm.OtherProvider, "Annan utförare"),
    ];

    public static readonly IReadOnlyList<(OrganisationForm Value, string Label)> OrganisationForms =
    [
        (OrganisationForm.MunicipalAssociation, "Kommunalförbund"),
        (OrganisationForm.NonProfitAssociation, "Ideell förening"),
        (OrganisationForm.Foundation, "Stiftelse"),
        (OrganisationForm.LimitedCompany, "Aktiebolag"),
        (OrganisationForm.EconomicAssociation, "Ekonomisk förening"),
        (OrganisationForm.Region, "Region"),
        (OrganisationForm.Other, "Annan"),
    ];

    public static readonly IReadOnlyList<(ContactReason Value, string Label)> ContactReasons =
    [
        (ContactReason.Economy, "Ekonomi"),
        (ContactReason.Housing, "Bostad"),
        (ContactReason.Occupation, "Sysselsättning"),
        (ContactReason.DailyStructure, "Struktur i vardagen"),
        (ContactReason.Authorities, "Stöd i kontakten med myndigheter"),
        (ContactReason.Healthcare, "Stöd i kontakten med hälso- och sjukvården"),
        (ContactReason.Other, "Övrigt"),
    ];

    public static readonly IReadOnlyList<(PriorityGroup Value, string Label)> PriorityGroups =
    [
        (PriorityGroup.ChildrenAtHome, "Hushåll med hemmavarande minderåriga barn"),
        (PriorityGroup.EvictionOrHomelessness, "Personer som riskerar vräkning eller är bostadslösa"),
        (PriorityGroup.YoungAdults, "Unga vuxna 18–29 år"),
        (PriorityGroup.NoNetwork, "Personer som saknar kontakter, insatser eller socialt nätverk"),
        (PriorityGroup.Other, "Övrigt"),
    ];

    public static readonly IReadOnlyList<(ManagementMember Value, string Label)> ManagementMembers =
    [
        (ManagementMember.Municipality, "Kommunen"),
        (ManagementMember.PrimaryCare, "Regionens primärvård"),
        (ManagementMember.Psychiatry, "Regionens psykiatri"),
        (ManagementMember.EmploymentService, "Arbetsförmedlingen"),
        (ManagementMember.SocialInsuranceAgency, "Försäkringskassan"),
        (ManagementMember.UserOrganisations, "Patient-, brukar- och anhörigorganisationer"),
    ];

    public static readonly IReadOnlyList<(DeficiencyLevel Value, string Label)> DeficiencyLevels =
    [
        (DeficiencyLevel.Caseworker, "Handläggarnivå"),
        (DeficiencyLevel.Local, "Lokal nivå"),
        (DeficiencyLevel.Central, "Central nivå"),
    ];

    public static readonly IReadOnlyList<(DeficiencyArea Value, string Label)> DeficiencyAreas =
    [
        (DeficiencyArea.Healthcare, "Hälso- och sjukvård"),
        (DeficiencyArea.SocialServices, "Socialtjänst"),
        (DeficiencyArea.SocialInsuranceAgency, "Försäkringskassan"),
        (DeficiencyArea.EmploymentService, "Arbetsförmedlingen"),
        (DeficiencyArea.OtherAuthority, "Annan myndighet"),
        (DeficiencyArea.Other, "Övrigt"),
    ];
}
