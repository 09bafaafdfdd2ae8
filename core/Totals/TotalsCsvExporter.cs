using System.Globalization;
using System.Text;
using PoIntake.Core.Intake;

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
        AddEach(Add, "ombud", string.Empty, ombud.ByGender.Counts);
        Add("ombud", string.Empty, ombud.Total);
        Add("fullTimeEquivalents", string.Empty, ombud.FullTimeEquivalents);
        Add("ombudWithSupervision", string.Empty, ombud.WithSupervision);

        var clients = totals.Clients;
        Add("clients", string.Empty, clients.Total);
        Add("clientsNew", string.Empty, clients.New);
        Add("clientsEnded", string.Empty, clients.Ended);
        AddEach(Add, "clients", string.Empty, clients.ByGender);
        AddEach(Add, "clients", string.Empty, clients.ByAgeGroup);
        foreach (var (gender, ages) in clients.ByGenderAndAgeGroup)
        {
            AddEach(Add, "clients", Pair(Dimensions.Gender, Dimensions.Id(gender)) + ";", ages);
        }

        var children = clients.WithChildrenAtHome;
        AddEach(Add, "clientsWithChildrenAtHome", string.Empty, children.Counts);
        Add("clientsWithChildrenAtHome", string.Empty, children.Total);

        foreach (var (reason, value) in totals.ContactReasons)
        {
            var dimension = Pair(Dimensions.Reason, Dimensions.Id(reason));
            AddEach(Add, "contactReasons", dimension + ";", value.Counts);
            Add("contactReasons", dimension, value.Total);
        }

        Add("operationsWithWaitingTime", string.Empty, totals.WaitingTimes.OperationsWithWaitingTime);
        Add("medianEstimatedWaitingDays", string.Empty, totals.WaitingTimes.MedianEstimatedDays);
        Add("maxEstimatedWaitingDays", string.Empty, totals.WaitingTimes.MaxEstimatedDays);

        Add("operationsWithPriorityOrder", string.Empty, totals.Prioritisation.OperationsWithPriorityOrder);
        foreach (var (group, ranks) in totals.Prioritisation.Groups)
        {
            var dimension = Pair(Dimensions.Group, Dimensions.Id(group));
            Add("operationsGivingPriorityRank", dimension + ";rank=1", ranks.First);
            Add("operationsGivingPriorityRank", dimension + ";rank=2", ranks.Second);
            Add("operationsGivingPriorityRank", dimension + ";rank=3", ranks.Third);
        }

        var management = totals.ManagementGroups;
        Add("managementGroupsComplete", string.Empty, management.Complete);
        Add("operationsWithDeficiencyRoutine", string.Empty, management.WithDeficiencyRoutine);
        AddEach(Add, "managementGroupsMissingMember", string.Empty, management.Missing);

        var deficiencies = totals.SystemDeficiencies;
        Add("systemDeficiencies", string.Empty, deficiencies.Total);
        AddEach(Add, "systemDeficiencies", string.Empty, deficiencies.ByLevel);
        AddEach(Add, "systemDeficiencies", string.Empty, deficiencies.ByArea);

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

        // The lägesrapport's further figures, after the existing rows (docs/api.md); the lists (utförare, overlaps) are JSON only.
        if (totals.OmbudWithSupervision is { } supervision)
        {
            AddEach(Add, "ombudWithSupervision", string.Empty, supervision.Counts);
        }

        if (totals.ManagementGroupMeetings is { } meetings)
        {
            Add("operationsReportingManagementGroupMeetings", string.Empty, meetings.OperationsReporting);
            Add("medianManagementGroupMeetings", string.Empty, meetings.Median);
            Add("minManagementGroupMeetings", string.Empty, meetings.Min);
            Add("maxManagementGroupMeetings", string.Empty, meetings.Max);
        }

        if (totals.BudgetAndOutcome is { } budget)
        {
            Add("budgetTotalSek", string.Empty, budget.TotalBudgetSek);
            Add("outcomeTotalSek", string.Empty, budget.TotalOutcomeSek);
            Add("repaidSek", string.Empty, budget.RepaidSek);
            Add("netOutcomeSek", string.Empty, budget.NetOutcomeSek);
            Add("unusedSek", string.Empty, budget.UnusedSek);
            Add("grantsOutcomeSek", "source=" + budget.GrantsOutcomeSource, budget.Lines[^1].OutcomeSek);
            Add("grantsReportedByMunicipalitiesSek", string.Empty, budget.ReportedGrantedSek);
        }

        var builder = new StringBuilder();
        builder.Append(Header).Append("\r\n");
        foreach (var (measure, dimensions, value) in rows)
        {
            builder.Append(Quote(measure)).Append(',').Append(Quote(dimensions)).Append(',').Append(value).Append("\r\n");
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(builder.ToString());
    }

    /// <summary>One row per dimension value, its <c>name=id</c> after <paramref name="prefix"/> (other dimensions of the row).</summary>
    private static void AddEach<TKey>(Action<string, string, decimal?> add, string measure, string prefix, ByDimension<TKey, int> values)
        where TKey : struct, Enum
    {
        var dimension = ByDimension<TKey, int>.Dimension;
        foreach (var (key, value) in values)
        {
            add(measure, prefix + Pair(dimension.Name, dimension.Id(key)), value);
        }
    }

    private static string Pair(string dimension, string id) => dimension + "=" + id;

    // Dimension names in ordinal order, as in the Facts table's keys.
    private static string Ordered(string dimensions) =>
        string.Join(';', dimensions.Split(';', StringSplitOptions.RemoveEmptyEntries).OrderBy(d => d, StringComparer.Ordinal));

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
