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
            var byAge = gender switch
            {
                Gender.Women => totals.Clients.ByGenderAndAgeGroup.Women,
                Gender.Men => totals.Clients.ByGenderAndAgeGroup.Men,
                _ => totals.Clients.ByGenderAndAgeGroup.OtherGender,
            };
            int Cell(AgeGroup a) => reports.Sum(r => r.Clients!.ByGenderAndAge.GetValueOrDefault((gender, a)));
            Assert.Equal(
                (Cell(AgeGroup.Age18To29), Cell(AgeGroup.Age30To49), Cell(AgeGroup.Age50To64), Cell(AgeGroup.Age65Plus)),
                (byAge.Age18To29, byAge.Age30To49, byAge.Age50To64, byAge.Age65Plus));
        }

        Assert.Equal(reports.Sum(r => r.Clients!.ForAgeGroup(AgeGroup.Age18To29)), totals.Clients.ByAgeGroup.Age18To29);
        Assert.Equal(reports.Sum(r => r.Clients!.ForGender(Gender.Men)), totals.Clients.ByGender.Men);

        Assert.Equal(reports.Sum(r => r.Ombud!.Ombud.Women), totals.Ombud.Women);
        Assert.Equal(reports.Sum(r => r.Ombud!.Ombud.Men), totals.Ombud.Men);
        Assert.Equal(reports.Sum(r => r.Ombud!.Ombud.OtherGender), totals.Ombud.OtherGender);
        Assert.Equal(reports.Sum(r => r.Ombud!.Ombud.Total), totals.Ombud.Total);
        Assert.Equal(reports.Sum(r => r.Ombud!.FullTimeEquivalents), totals.Ombud.FullTimeEquivalents);
        Assert.Equal(reports.Sum(r => r.Ombud!.WithSupervision.Total), totals.Ombud.WithSupervision);

        Assert.Equal(reports.Sum(r => r.Clients!.New), totals.Clients.New);
        Assert.Equal(reports.Sum(r => r.Clients!.Ended), totals.Clients.Ended);
        Assert.Equal(reports.Sum(r => r.Clients!.WithChildrenAtHome.Women), totals.Clients.WithChildrenAtHome.Women);
        Assert.Equal(reports.Sum(r => r.Clients!.WithChildrenAtHome.OtherGender), totals.Clients.WithChildrenAtHome.OtherGender);
        Assert.Equal(reports.Sum(r => r.Clients!.WithChildrenAtHome.Total), totals.Clients.WithChildrenAtHome.Total);

        var reasons = new Dictionary<ContactReason, GenderTotals>
        {
            [ContactReason.Economy] = totals.ContactReasons.Economy,
            [ContactReason.Housing] = totals.ContactReasons.Housing,
            [ContactReason.Occupation] = totals.ContactReasons.Occupation,
            [ContactReason.DailyStructure] = totals.ContactReasons.DailyStructure,
            [ContactReason.Authorities] = totals.ContactReasons.Authorities,
            [ContactReason.Healthcare] = totals.ContactReasons.Healthcare,
            [ContactReason.Other] = totals.ContactReasons.Other,
        };
        foreach (var (reason, actual) in reasons)
        {
            Assert.Equal(reports.Sum(r => r.ContactReasons!.GetValueOrDefault((reason, Gender.Women))), actual.Women);
            Assert.Equal(reports.Sum(r => r.ContactReasons!.GetValueOrDefault((reason, Gender.Men))), actual.Men);
            Assert.Equal(reports.Sum(r => r.ContactReasons!.GetValueOrDefault((reason, Gender.OtherGender))), actual.OtherGender);
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
        Assert.Equal(new RankCounts(Ranked(PriorityGroup.ChildrenAtHome, 1), Ranked(PriorityGroup.ChildrenAtHome, 2), Ranked(PriorityGroup.ChildrenAtHome, 3)), totals.Prioritisation.Groups.ChildrenAtHome);
        Assert.Equal(new RankCounts(Ranked(PriorityGroup.NoNetwork, 1), Ranked(PriorityGroup.NoNetwork, 2), Ranked(PriorityGroup.NoNetwork, 3)), totals.Prioritisation.Groups.NoNetwork);
        Assert.Equal(new RankCounts(Ranked(PriorityGroup.Other, 1), Ranked(PriorityGroup.Other, 2), Ranked(PriorityGroup.Other, 3)), totals.Prioritisation.Groups.Other);

        Assert.Equal(reports.Count(r => r.ManagementGroup!.IsComplete), totals.ManagementGroups.Complete);
        Assert.Equal(reports.Count(r => r.ManagementGroup!.HasDeficiencyRoutine), totals.ManagementGroups.WithDeficiencyRoutine);
        int Missing(ManagementMember m) => reports.Count(r => !r.ManagementGroup!.Represented.GetValueOrDefault(m));
        Assert.Equal(
            new ManagementMemberCounts(
                Missing(ManagementMember.Municipality), Missing(ManagementMember.PrimaryCare), Missing(ManagementMember.Psychiatry),
                Missing(ManagementMember.EmploymentService), Missing(ManagementMember.SocialInsuranceAgency), Missing(ManagementMember.UserOrganisations)),
            totals.ManagementGroups.Missing);

        var deficiencies = reports.SelectMany(r => r.SystemDeficiencies!).ToArray();
        Assert.Equal(deficiencies.Length, totals.SystemDeficiencies.Total);
        Assert.Equal(deficiencies.Count(d => d.Level == DeficiencyLevel.Central), totals.SystemDeficiencies.ByLevel.Central);
        Assert.Equal(deficiencies.Count(d => d.Level == DeficiencyLevel.Caseworker), totals.SystemDeficiencies.ByLevel.Caseworker);
        Assert.Equal(deficiencies.Count(d => d.Area == DeficiencyArea.SocialInsuranceAgency), totals.SystemDeficiencies.ByArea.SocialInsuranceAgency);
        Assert.Equal(deficiencies.Count(d => d.Area == DeficiencyArea.Other), totals.SystemDeficiencies.ByArea.Other);

        Assert.Equal(reports.Sum(r => r.Economy!.GrantedSek), totals.Economy.GrantedSek);
        Assert.Equal(reports.Sum(r => r.Economy!.SpentSek), totals.Economy.SpentSek);

    }
}
