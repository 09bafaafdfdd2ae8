namespace PoIntake.Core.Intake.Parsing;

/// <summary>The <see cref="Fact.Key"/> of each figure, built the way <see cref="ReportFacts"/> builds them.</summary>
internal static class FactKeys
{
    /// <summary>Not a fact: where "Kommuner som omfattas" was read, for the overlapping-coverage warning.</summary>
    public const string MunicipalitiesLocation = "operation|municipalities";

    /// <summary>Where "Verksamhetens namn" was read (not a fact: <see cref="ParseResult.OperationNameLocation"/>).</summary>
    public const string OperationName = "operationName";

    public static string Scalar(string measure) => Fact.FactKey(measure, new Dictionary<string, string>());

    public static string ByGender(string measure, Gender gender) =>
        Key(measure, (Dimensions.Gender, Dimensions.Id(gender)));

    public static string Clients(Gender gender, AgeGroup age) =>
        Key(Measures.Clients, (Dimensions.Gender, Dimensions.Id(gender)), (Dimensions.AgeGroup, Dimensions.Id(age)));

    public static string ContactReason(ContactReason reason, Gender gender) =>
        Key(Measures.ContactReasons, (Dimensions.Reason, Dimensions.Id(reason)), (Dimensions.Gender, Dimensions.Id(gender)));

    public static string Priority(PriorityGroup group) => Key(Measures.PriorityRank, (Dimensions.Group, Dimensions.Id(group)));

    public static string Member(ManagementMember member) => Key(Measures.ManagementGroupRepresented, (Dimensions.Member, Dimensions.Id(member)));

    public static string Deficiencies(DeficiencyLevel level, DeficiencyArea area) =>
        Key(Measures.SystemDeficiencies, (Dimensions.Level, Dimensions.Id(level)), (Dimensions.Area, Dimensions.Id(area)));

    public static string Source(NewClientSource source) => Key(Measures.NewClientsBySource, (Dimensions.Source, Dimensions.Id(source)));

    public static string Supervision(SupervisionForm form) => Key(Measures.OmbudBySupervision, (Dimensions.Supervision, Dimensions.Id(form)));

    public static string ManagementGroupForm(ManagementGroupForm form) => Key(Measures.ManagementGroupForm, (Dimensions.Form, Dimensions.Id(form)));

    private static string Key(string measure, params (string Name, string Value)[] dimensions) =>
        Fact.FactKey(measure, dimensions.ToDictionary(d => d.Name, d => d.Value, StringComparer.Ordinal));
}
