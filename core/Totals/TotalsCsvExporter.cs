using System.Globalization;
using System.Text;

namespace PoIntake.Core.Totals;

/// <summary>
/// The totals as tidy CSV: header <c>measure,dimensions,value</c>, one figure per row, UTF-8, exact figures.
/// Dimensions are <c>name=value</c> pairs joined by ';' in name order (county figures carry <c>county=14</c>); an absent value
/// (no data for a change or a median) is an empty field.
/// </summary>
public sealed class TotalsCsvExporter
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const string Header = "measure,dimensions,value";

    public byte[] Export(NationalTotals totals)
    {
        var rows = new List<(string Measure, string Dimensions, string Value)>();
        void Add(string measure, string dimensions, decimal? value) =>
            rows.Add((measure, Ordered(dimensions), value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));

        Add("reportsIncluded", string.Empty, totals.ReportsIncluded);
        Add("municipalities", string.Empty, totals.Municipalities.Total);
        Add("municipalitiesOfferingPo", string.Empty, totals.Municipalities.OfferingPo);
        Add("municipalitiesOfferingPoChange", string.Empty, totals.Municipalities.ChangeFromPreviousYear);
        Add("operations", string.Empty, totals.Operations);

        var ombud = totals.Ombud;
        AddGenders(Add, "ombud", ombud.Women, ombud.Men, ombud.OtherGender);
        Add("ombud", string.Empty, ombud.Total);
        Add("fullTimeEquivalents", string.Empty, ombud.FullTimeEquivalents);
        Add("ombudWithSupervision", string.Empty, ombud.WithSupervision);

        var clients = totals.Clients;
        Add("clients", string.Empty, clients.Total);
        Add("clientsNew", string.Empty, clients.New);
        Add("clientsEnded", string.Empty, clients.Ended);
        AddGenders(Add, "clients", clients.ByGender.Women, clients.ByGender.Men, clients.ByGender.OtherGender);
        AddAges(Add, "clients", string.Empty, clients.ByAgeGroup);
        AddAges(Add, "clients", "gender=women;", clients.ByGenderAndAgeGroup.Women);
        AddAges(Add, "clients", "gender=men;", clients.ByGenderAndAgeGroup.Men);
        AddAges(Add, "clients", "gender=otherGender;", clients.ByGenderAndAgeGroup.OtherGender);
        var children = clients.WithChildrenAtHome;
        AddGenders(Add, "clientsWithChildrenAtHome", children.Women, children.Men, children.OtherGender);
        Add("clientsWithChildrenAtHome", string.Empty, children.Total);

        var reasons = totals.ContactReasons;
        foreach (var (id, value) in new[]
        {
            ("economy", reasons.Economy), ("housing", reasons.Housing), ("occupation", reasons.Occupation),
            ("dailyStructure", reasons.DailyStructure), ("authorities", reasons.Authorities),
            ("healthcare", reasons.Healthcare), ("other", reasons.Other),
        })
        {
            AddGenders(Add, "contactReasons", value.Women, value.Men, value.OtherGender, $"reason={id};");
            Add("contactReasons", $"reason={id}", value.Total);
        }

        Add("operationsWithWaitingTime", string.Empty, totals.WaitingTimes.OperationsWithWaitingTime);
        Add("medianEstimatedWaitingDays", string.Empty, totals.WaitingTimes.MedianEstimatedDays);
        Add("maxEstimatedWaitingDays", string.Empty, totals.WaitingTimes.MaxEstimatedDays);

        Add("operationsWithPriorityOrder", string.Empty, totals.Prioritisation.OperationsWithPriorityOrder);
        var groups = totals.Prioritisation.Groups;
        foreach (var (id, ranks) in new[]
        {
            ("childrenAtHome", groups.ChildrenAtHome), ("evictionOrHomelessness", groups.EvictionOrHomelessness),
            ("youngAdults", groups.YoungAdults), ("noNetwork", groups.NoNetwork), ("other", groups.Other),
        })
        {
            Add("operationsGivingPriorityRank", $"group={id};rank=1", ranks.First);
            Add("operationsGivingPriorityRank", $"group={id};rank=2", ranks.Second);
            Add("operationsGivingPriorityRank", $"group={id};rank=3", ranks.Third);
        }

        var management = totals.ManagementGroups;
        Add("managementGroupsComplete", string.Empty, management.Complete);
        Add("operationsWithDeficiencyRoutine", string.Empty, management.WithDeficiencyRoutine);
        foreach (var (id, value) in new[]
        {
            ("municipality", management.Missing.Municipality), ("primaryCare", management.Missing.PrimaryCare),
            ("psychiatry", management.Missing.Psychiatry), ("employmentService", management.Missing.EmploymentService),
            ("socialInsuranceAgency", management.Missing.SocialInsuranceAgency), ("userOrganisations", management.Missing.UserOrganisations),
        })
        {
            Add("managementGroupsMissingMember", $"member={id}", value);
        }

        var deficiencies = totals.SystemDeficiencies;
        Add("systemDeficiencies", string.Empty, deficiencies.Total);
        Add("systemDeficiencies", "level=caseworker", deficiencies.ByLevel.Caseworker);
        Add("systemDeficiencies", "level=local", deficiencies.ByLevel.Local);
        Add("systemDeficiencies", "level=central", deficiencies.ByLevel.Central);
        foreach (var (id, value) in new[]
        {
            ("healthcare", deficiencies.ByArea.Healthcare), ("socialServices", deficiencies.ByArea.SocialServices),
            ("socialInsuranceAgency", deficiencies.ByArea.SocialInsuranceAgency), ("employmentService", deficiencies.ByArea.EmploymentService),
            ("otherAuthority", deficiencies.ByArea.OtherAuthority), ("other", deficiencies.ByArea.Other),
        })
        {
            Add("systemDeficiencies", $"area={id}", value);
        }

        Add("grantedSek", string.Empty, totals.Economy.GrantedSek);
        Add("spentSek", string.Empty, totals.Economy.SpentSek);

        foreach (var county in totals.Counties)
        {
            var dims = "county=" + county.Code;
            Add("municipalities", dims, county.Municipalities);
            Add("municipalitiesOfferingPo", dims, county.MunicipalitiesOfferingPo);
            Add("municipalitiesOfferingPoChange", dims, county.ChangeFromPreviousYear);
            Add("operations", dims, county.Operations);
            Add("operationsWithWaitingTime", dims, county.OperationsWithWaitingTime);
            Add("maxEstimatedWaitingDays", dims, county.MaxEstimatedWaitingDays);
            Add("medianEstimatedWaitingDays", dims, county.MedianEstimatedWaitingDays);
            Add("ombud", dims, county.Ombud);
            Add("fullTimeEquivalents", dims, county.FullTimeEquivalents);
            Add("clients", dims, county.Clients);
        }

        var builder = new StringBuilder();
        builder.Append(Header).Append("\r\n");
        foreach (var (measure, dimensions, value) in rows)
        {
            builder.Append(Quote(measure)).Append(',').Append(Quote(dimensions)).Append(',').Append(value).Append("\r\n");
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(builder.ToString());
    }

    private static void AddGenders(Action<string, string, decimal?> add, string measure, int women, int men, int other, string prefix = "")
    {
        add(measure, prefix + "gender=women", women);
        add(measure, prefix + "gender=men", men);
        add(measure, prefix + "gender=otherGender", other);
    }

    private static void AddAges(Action<string, string, decimal?> add, string measure, string prefix, AgeGroupCounts ages)
    {
        add(measure, prefix + "ageGroup=18-29", ages.Age18To29);
        add(measure, prefix + "ageGroup=30-49", ages.Age30To49);
        add(measure, prefix + "ageGroup=50-64", ages.Age50To64);
        add(measure, prefix + "ageGroup=65+", ages.Age65Plus);
    }

    // Dimension names in ordinal order, as in the Facts table's keys.
    private static string Ordered(string dimensions) =>
        string.Join(';', dimensions.Split(';', StringSplitOptions.RemoveEmptyEntries).OrderBy(d => d, StringComparer.Ordinal));

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
