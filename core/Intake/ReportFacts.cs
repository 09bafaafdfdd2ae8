namespace PoIntake.Core.Intake;

/// <summary>
/// One tidy figure of one report: a measure, its dimensions (name → value, both stable English
/// identifiers) and the value, e.g. clients / {gender=women, ageGroup=18-29} = 1253.
/// </summary>
public sealed record Fact(string Measure, IReadOnlyDictionary<string, string> Dimensions, decimal Value)
{
    /// <summary>Stable key for storage and comparison: "clients|ageGroup=18-29;gender=women" (dimensions ordered by name).</summary>
    public string Key => FactKey(Measure, Dimensions);

    public static string FactKey(string measure, IReadOnlyDictionary<string, string> dimensions) =>
        dimensions.Count == 0 ? measure : measure + "|" + DimensionText(dimensions);

    /// <summary>The dimensions as <c>name=value;…</c> ordered by name (<c>ageGroup=18-29;gender=women</c>); empty when none.</summary>
    public static string DimensionText(IReadOnlyDictionary<string, string> dimensions)
    {
        // Built for every figure a report reads (twice: its location, then its fact), so without LINQ: a report has
        // about 70 figures of one or two dimensions each.
        if (dimensions.Count == 0)
        {
            return string.Empty;
        }

        var pairs = new KeyValuePair<string, string>[dimensions.Count];
        var count = 0;
        foreach (var pair in dimensions)
        {
            pairs[count++] = pair;
        }

        if (count == 1)
        {
            return pairs[0].Key + "=" + pairs[0].Value;
        }

        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var length = count - 1;
        foreach (var (name, value) in pairs)
        {
            length += name.Length + 1 + value.Length;
        }

        var text = new System.Text.StringBuilder(length);
        foreach (var (name, value) in pairs)
        {
            text.Append(text.Length == 0 ? string.Empty : ";").Append(name).Append('=').Append(value);
        }

        return text.ToString();
    }

    /// <summary>The dimensions of a <see cref="DimensionText"/>; pairs without a name are passed over.</summary>
    public static IReadOnlyDictionary<string, string> ParseDimensionText(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return result;
    }
}

/// <summary>Measure names of the tidy fact rows. Totals and the csv export read these.</summary>
public static class Measures
{
    public const string Ombud = "ombud";
    public const string OmbudWithSupervision = "ombudWithSupervision";
    public const string FullTimeEquivalents = "fullTimeEquivalents";
    public const string Clients = "clients";
    public const string ClientsNew = "clientsNew";
    public const string ClientsEnded = "clientsEnded";
    public const string ClientsWithChildrenAtHome = "clientsWithChildrenAtHome";
    public const string ContactReasons = "contactReasons";
    public const string HasWaitingTime = "hasWaitingTime";
    public const string EstimatedWaitingDays = "estimatedWaitingDays";
    public const string HasPriorityOrder = "hasPriorityOrder";
    public const string PriorityRank = "priorityRank";
    public const string ManagementGroupRepresented = "managementGroupRepresented";
    public const string ManagementGroupMeetings = "managementGroupMeetings";
    public const string HasDeficiencyRoutine = "hasDeficiencyRoutine";
    public const string SystemDeficiencies = "systemDeficiencies";
    public const string GrantedSek = "grantedSek";
    public const string SpentSek = "spentSek";

    // Sheet Uppföljning: only in reports whose year asked it, so a missing fact means "not asked", never 0.
    public const string NewClientsBySource = "newClientsBySource";
    public const string OmbudBySupervision = "ombudBySupervision";
    public const string OmbudInFurtherTraining = "ombudInFurtherTraining";
    public const string OmbudInIntroductoryCourse = "ombudInIntroductoryCourse";
    public const string OmbudNewlyHired = "ombudNewlyHired";
    public const string HasUserSurvey = "hasUserSurvey";
    public const string ManagementGroupForm = "managementGroupForm";
    public const string UserOrganisationsOfferedSeat = "userOrganisationsOfferedSeat";
}

/// <summary>Turns a parsed report into tidy fact rows. A nil return has no facts.</summary>
public static class ReportFacts
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static IReadOnlyList<Fact> From(AnnualReport report)
    {
        var facts = new List<Fact>();
        if (report.IsNilReturn)
        {
            return facts;
        }

        if (report.Ombud is { } ombud)
        {
            AddByGender(facts, Measures.Ombud, ombud.Ombud);
            AddByGender(facts, Measures.OmbudWithSupervision, ombud.WithSupervision);
            facts.Add(new Fact(Measures.FullTimeEquivalents, None, ombud.FullTimeEquivalents));
        }

        if (report.Clients is { } clients)
        {
            foreach (var gender in Enum.GetValues<Gender>())
            {
                foreach (var age in Enum.GetValues<AgeGroup>())
                {
                    facts.Add(new Fact(
                        Measures.Clients,
                        Dims((Dimensions.Gender, Dimensions.Id(gender)), (Dimensions.AgeGroup, Dimensions.Id(age))),
                        clients.ByGenderAndAge.GetValueOrDefault((gender, age))));
                }
            }

            facts.Add(new Fact(Measures.ClientsNew, None, clients.New));
            facts.Add(new Fact(Measures.ClientsEnded, None, clients.Ended));
            AddByGender(facts, Measures.ClientsWithChildrenAtHome, clients.WithChildrenAtHome);
        }

        if (report.ContactReasons is { } reasons)
        {
            foreach (var reason in Enum.GetValues<ContactReason>())
            {
                foreach (var gender in Enum.GetValues<Gender>())
                {
                    facts.Add(new Fact(
                        Measures.ContactReasons,
                        Dims((Dimensions.Reason, Dimensions.Id(reason)), (Dimensions.Gender, Dimensions.Id(gender))),
                        reasons.GetValueOrDefault((reason, gender))));
                }
            }
        }

        if (report.Waiting is { } waiting)
        {
            facts.Add(new Fact(Measures.HasWaitingTime, None, waiting.HasWaitingTime ? 1 : 0));
            facts.Add(new Fact(Measures.EstimatedWaitingDays, None, waiting.EstimatedWaitingDays));
            facts.Add(new Fact(Measures.HasPriorityOrder, None, waiting.HasPriorityOrder ? 1 : 0));
            foreach (var (group, rank) in waiting.Priorities.OrderBy(p => p.Key))
            {
                facts.Add(new Fact(Measures.PriorityRank, Dims((Dimensions.Group, Dimensions.Id(group))), rank));
            }
        }

        if (report.ManagementGroup is { } management)
        {
            foreach (var member in Enum.GetValues<ManagementMember>())
            {
                facts.Add(new Fact(
                    Measures.ManagementGroupRepresented,
                    Dims((Dimensions.Member, Dimensions.Id(member))),
                    management.Represented.GetValueOrDefault(member) ? 1 : 0));
            }

            facts.Add(new Fact(Measures.ManagementGroupMeetings, None, management.Meetings));
            facts.Add(new Fact(Measures.HasDeficiencyRoutine, None, management.HasDeficiencyRoutine ? 1 : 0));
        }

        if (report.SystemDeficiencies is { } deficiencies)
        {
            foreach (var group in deficiencies.GroupBy(d => (d.Level, d.Area)).OrderBy(g => g.Key))
            {
                facts.Add(new Fact(
                    Measures.SystemDeficiencies,
                    Dims((Dimensions.Level, Dimensions.Id(group.Key.Level)), (Dimensions.Area, Dimensions.Id(group.Key.Area))),
                    group.Count()));
            }
        }

        if (report.Economy is { } economy)
        {
            facts.Add(new Fact(Measures.GrantedSek, None, economy.GrantedSek));
            facts.Add(new Fact(Measures.SpentSek, None, economy.SpentSek));
        }

        if (report.FollowUp is { } followUp)
        {
            foreach (var source in Enum.GetValues<NewClientSource>())
            {
                facts.Add(new Fact(Measures.NewClientsBySource, Dims((Dimensions.Source, Dimensions.Id(source))), followUp.NewClientSources.GetValueOrDefault(source)));
            }

            foreach (var form in Enum.GetValues<SupervisionForm>())
            {
                facts.Add(new Fact(Measures.OmbudBySupervision, Dims((Dimensions.Supervision, Dimensions.Id(form))), followUp.OmbudBySupervision.GetValueOrDefault(form)));
            }

            facts.Add(new Fact(Measures.OmbudInFurtherTraining, None, followUp.OmbudInFurtherTraining));
            facts.Add(new Fact(Measures.OmbudInIntroductoryCourse, None, followUp.OmbudInIntroductoryCourse));
            facts.Add(new Fact(Measures.OmbudNewlyHired, None, followUp.OmbudNewlyHired));
            facts.Add(new Fact(Measures.HasUserSurvey, None, followUp.UserSurvey ? 1 : 0));
            facts.Add(new Fact(Measures.UserOrganisationsOfferedSeat, None, followUp.UserOrganisationsOfferedSeat ? 1 : 0));
            foreach (var form in Enum.GetValues<ManagementGroupForm>())
            {
                facts.Add(new Fact(Measures.ManagementGroupForm, Dims((Dimensions.Form, Dimensions.Id(form))), followUp.ManagementGroupForm == form ? 1 : 0));
            }
        }

        return facts;
    }

    private static void AddByGender(List<Fact> facts, string measure, GenderCounts counts)
    {
        foreach (var gender in Enum.GetValues<Gender>())
        {
            facts.Add(new Fact(measure, Dims((Dimensions.Gender, Dimensions.Id(gender))), counts[gender]));
        }
    }

    private static IReadOnlyDictionary<string, string> Dims(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}
