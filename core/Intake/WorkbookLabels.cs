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
        public const string FollowUp = "Uppföljning";
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

        /// <summary>Optional: the stadsdel(ar) or part of the listed municipality the verksamhet covers; empty = the whole municipality.</summary>
        public const string District = "Stadsdel eller del av kommun";
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
        public const int MaxTextLength = ContractLimits.MaxLongText;
    }

    public static class Economy
    {
        public const string Granted = "Beviljat statsbidrag (kr)";
        public const string Spent = "Förbrukat statsbidrag (kr)";
    }

    /// <summary>
    /// Sheet "Uppföljning": what the lägesrapporter's chapters were written from by e-mail before the contract asked it
    /// (2020 and 2021 lägesrapporter: "Förändringar i klientgruppen", "Coronapandemin har påverkat kommunernas arbete",
    /// handledning and fortbildning under "Antalet ombud har ökat", "Fler verksamheter har fulltaliga ledningsgrupper").
    /// Every field is asked from <see cref="ContractYears.FollowUp"/>; free texts are bounded by <see cref="MaxTextLength"/>
    /// and never counted.
    /// </summary>
    public static class FollowUp
    {
        public const string ClientGroupChanges = "Förändringar i klientgruppen";
        public const string NewClientsTitle = "Nya klienter efter hur de kom till verksamheten";
        public const string NewClientsHeader = "Antal nya klienter";
        public const string OmbudTitle = "Handledning och utbildning";
        public const string OmbudHeader = "Antal ombud";
        public const string FurtherTraining = "Ombud som deltog i fortbildning under året";
        public const string IntroductoryCourse = "Ombud som gick Socialstyrelsens introduktionsutbildning";
        public const string NewlyHired = "Ombud som nyanställdes under året";
        public const string UserInfluence = "Så har brukarna inflytande över verksamheten";
        public const string UserSurvey = "Brukarundersökning genomförd under året";
        public const string ManagementGroupForm = "Ledningsgruppens form";
        public const string UserOrganisationsOffered = "Patient-, brukar- och anhörigorganisationer har erbjudits plats i ledningsgruppen (5 §)";
        public const string ThemeQuestion = "Årets temafråga";
        public const string ThemeAnswer = "Svar på årets temafråga";
        public const int MaxTextLength = ContractLimits.MaxLongText;
    }

    /// <summary>The first reporting year whose template asks a field; a workbook of an earlier year is never asked it.</summary>
    public static class ContractYears
    {
        /// <summary>Sheet Verksamhet's <see cref="Operation.District"/>.</summary>
        public const int District = 2021;

        /// <summary>Every field of sheet <see cref="Sheets.FollowUp"/>.</summary>
        public const int FollowUp = 2021;

        public static bool Asks(int firstYear, int year) => year >= firstYear;
    }

    public const string Yes = "Ja";
    public const string No = "Nej";
    public const string Total = "Totalt";

    // The choices of each dimension live in the catalogue (Dimensions); these name them as the sheets read them.
    public static IReadOnlyList<(Gender Value, string Label)> Genders => Dimensions.Genders.Labels;

    public static IReadOnlyList<(AgeGroup Value, string Label)> AgeGroups => Dimensions.AgeGroups.Labels;

    public static IReadOnlyList<(OperatingForm Value, string Label)> OperatingForms => Dimensions.OperatingForms.Labels;

    public static IReadOnlyList<(OrganisationForm Value, string Label)> OrganisationForms => Dimensions.OrganisationForms.Labels;

    public static IReadOnlyList<(ContactReason Value, string Label)> ContactReasons => Dimensions.ContactReasons.Labels;

    public static IReadOnlyList<(PriorityGroup Value, string Label)> PriorityGroups => Dimensions.PriorityGroups.Labels;

    public static IReadOnlyList<(ManagementMember Value, string Label)> ManagementMembers => Dimensions.ManagementMembers.Labels;

    public static IReadOnlyList<(DeficiencyLevel Value, string Label)> DeficiencyLevels => Dimensions.DeficiencyLevels.Labels;

    public static IReadOnlyList<(DeficiencyArea Value, string Label)> DeficiencyAreas => Dimensions.DeficiencyAreas.Labels;

    public static IReadOnlyList<(NewClientSource Value, string Label)> NewClientSources => Dimensions.NewClientSources.Labels;

    public static IReadOnlyList<(SupervisionForm Value, string Label)> SupervisionForms => Dimensions.SupervisionForms.Labels;

    public static IReadOnlyList<(ManagementGroupForm Value, string Label)> ManagementGroupForms => Dimensions.ManagementGroupForms.Labels;
}
