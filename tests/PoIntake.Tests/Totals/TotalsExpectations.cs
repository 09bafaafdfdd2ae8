using PoIntake.Core.Intake;
using PoIntake.Core.Totals;

namespace PoIntake.Tests.Totals;

/// <summary>Checks every national figure against sums computed straight from the parsed reports (not from facts).</summary>
internal static class TotalsExpectations
{
    /// <summary><paramref name="reports"/> are the current non-nil reports of the year.</summary>
    public static void AssertFiguresMatch(IReadOnlyList<AnnualReport> reports, NationalTotals totals)
    {
        Assert.Equal(reports.Count, totals.Operations);
        Assert.Equal(reports.SelectMany(r => r.Operation.MunicipalityCodes).Distinct().Count(), totals.Municipalities.OfferingPo);
        Assert.Equal(reports.Sum(r => r.Clients!.Total), totals.Clients.Total);
        foreach (var gender in Enum.GetValues<Gender>())
        {
            foreach (var age in Enum.GetValues<AgeGroup>())
            {
                Assert.Equal(reports.Sum(r => r.Clients!.ByGenderAndAge.GetValueOrDefault((gender, age))), totals.Clients.ByGenderAndAgeGroup[gender][age]);
            }

            Assert.Equal(reports.Sum(r => r.Clients!.ForGender(gender)), totals.Clients.ByGender[gender]);
            Assert.Equal(reports.Sum(r => r.Ombud!.Ombud[gender]), totals.Ombud.ByGender[gender]);
            Assert.Equal(reports.Sum(r => r.Clients!.WithChildrenAtHome[gender]), totals.Clients.WithChildrenAtHome[gender]);
        }

        foreach (var age in Enum.GetValues<AgeGroup>())
        {
            Assert.Equal(reports.Sum(r => r.Clients!.ForAgeGroup(age)), totals.Clients.ByAgeGroup[age]);
        }

        Assert.Equal(reports.Sum(r => r.Ombud!.Ombud.Total), totals.Ombud.Total);
        Assert.Equal(reports.Sum(r => r.Ombud!.FullTimeEquivalents), totals.Ombud.FullTimeEquivalents);
        Assert.Equal(reports.Sum(r => r.Ombud!.WithSupervision.Total), totals.Ombud.WithSupervision);

        Assert.Equal(reports.Sum(r => r.Clients!.New), totals.Clients.New);
        Assert.Equal(reports.Sum(r => r.Clients!.Ended), totals.Clients.Ended);
        Assert.Equal(reports.Sum(r => r.Clients!.WithChildrenAtHome.Total), totals.Clients.WithChildrenAtHome.Total);

        Assert.Equal(Enum.GetValues<ContactReason>(), totals.ContactReasons.Keys);
        foreach (var (reason, actual) in totals.ContactReasons)
        {
            foreach (var gender in Enum.GetValues<Gender>())
            {
                Assert.Equal(reports.Sum(r => r.ContactReasons!.GetValueOrDefault((reason, gender))), actual[gender]);
            }

            Assert.Equal(reports.Sum(r => Enum.GetValues<Gender>().Sum(g => r.ContactReasons!.GetValueOrDefault((reason, g)))), actual.Total);
        }

        var waiting = reports.Where(r => r.Waiting!.HasWaitingTime).Select(r => r.Waiting!.EstimatedWaitingDays).Order().ToArray();
        Assert.Equal(waiting.Length, totals.WaitingTimes.OperationsWithWaitingTime);
        if (waiting.Length == 0)
        {
            Assert.Null(totals.WaitingTimes.MaxEstimatedDays);
            Assert.Null(totals.WaitingTimes.MedianEstimatedDays);
        }
        else
        {
            Assert.Equal(waiting.Max(), totals.WaitingTimes.MaxEstimatedDays);
            var expectedMedian = waiting.Length % 2 == 1 ? waiting[waiting.Length / 2] : (waiting[(waiting.Length / 2) - 1] + waiting[waiting.Length / 2]) / 2m;
            Assert.Equal(expectedMedian, totals.WaitingTimes.MedianEstimatedDays);
        }

        Assert.Equal(reports.Count(r => r.Waiting!.HasPriorityOrder), totals.Prioritisation.OperationsWithPriorityOrder);
        int Ranked(PriorityGroup g, int rank) => reports.Count(r => r.Waiting!.Priorities.TryGetValue(g, out var given) && given == rank);
        foreach (var group in Enum.GetValues<PriorityGroup>())
        {
            Assert.Equal(new RankCounts(Ranked(group, 1), Ranked(group, 2), Ranked(group, 3)), totals.Prioritisation.Groups[group]);
        }

        Assert.Equal(reports.Count(r => r.ManagementGroup!.IsComplete), totals.ManagementGroups.Complete);
        Assert.Equal(reports.Count(r => r.ManagementGroup!.HasDeficiencyRoutine), totals.ManagementGroups.WithDeficiencyRoutine);
        foreach (var member in Enum.GetValues<ManagementMember>())
        {
            Assert.Equal(reports.Count(r => !r.ManagementGroup!.Represented.GetValueOrDefault(member)), totals.ManagementGroups.Missing[member]);
        }

        var deficiencies = reports.SelectMany(r => r.SystemDeficiencies!).ToArray();
        Assert.Equal(deficiencies.Length, totals.SystemDeficiencies.Total);
        foreach (var level in Enum.GetValues<DeficiencyLevel>())
        {
            Assert.Equal(deficiencies.Count(d => d.Level == level), totals.SystemDeficiencies.ByLevel[level]);
        }

        foreach (var area in Enum.GetValues<DeficiencyArea>())
        {
            Assert.Equal(deficiencies.Count(d => d.Area == area), totals.SystemDeficiencies.ByArea[area]);
        }

        Assert.Equal(reports.Sum(r => r.Economy!.GrantedSek), totals.Economy.GrantedSek);
        Assert.Equal(reports.Sum(r => r.Economy!.SpentSek), totals.Economy.SpentSek);
    }
}
