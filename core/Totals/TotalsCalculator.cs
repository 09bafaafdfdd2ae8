using System.Globalization;
using Microsoft.Extensions.Options;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using D = PoIntake.Core.Intake.Dimensions;

namespace PoIntake.Core.Totals;

/// <summary>
/// National totals from the current (latest accepted) reports of a year. Pure: the caller reads storage.
/// Nil returns count as received but add no figures, operations or municipalities offering PO.
/// Tabell 5's budget lines come from <see cref="AppropriationOptions"/> (none: no budget table), the statsbidrag line's
/// utfall from the current grant registers' paid amounts.
/// </summary>
public sealed class TotalsCalculator(MunicipalityRegistry registry, IOptions<AppropriationOptions>? appropriation = null)
{
    private static readonly StringComparer SwedishOrder = StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: false);

    public TotalsResult Calculate(
        int year,
        IReadOnlyCollection<ReportContent> reports,
        IReadOnlyCollection<CurrentReport> previousYear,
        DateTimeOffset generatedAt,
        IReadOnlyList<GrantRegister>? registers = null,
        ResolvedAppropriation? budget = null)
    {
        var active = reports.Where(r => !r.Report.NilReturn).Select(r => new ReportFigures(r)).ToArray();
        var hasPrevious = previousYear.Count > 0;
        var previousOffering = OfferingPo(previousYear);
        var offering = OfferingPo(reports.Select(r => r.Report));

        var counties = registry.Counties.Select(county =>
        {
            var inCounty = active.Where(r => r.Report.CountyCode == county.Code).ToArray();
            var offeringHere = offering.Count(code => InCounty(code, county.Code));
            var waiting = WaitingDays(inCounty);
            return new CountyTotals(
                county.Code,
                county.Name,
                registry.InCounty(county.Code).Count(),
                offeringHere,
                hasPrevious ? offeringHere - previousOffering.Count(code => InCounty(code, county.Code)) : null,
                inCounty.Length,
                waiting.Count,
                waiting.Count == 0 ? null : waiting.Max(),
                Median(waiting),
                inCounty.Sum(r => r.SumOver(Measures.Ombud)),
                inCounty.Sum(r => r.Decimal(Measures.FullTimeEquivalents)),
                inCounty.Sum(r => r.SumOver(Measures.Clients)));
        }).ToArray();

        var totals = new NationalTotals(
            year,
            generatedAt,
            reports.Count,
            new MunicipalityTotals(
                registry.Municipalities.Count,
                offering.Count,
                hasPrevious ? offering.Count - previousOffering.Count : null),
            active.Length,
            Ombud(active),
            Clients(active),
            ContactReasons(active),
            Waiting(active),
            Prioritisation(active),
            Management(active),
            Deficiencies(active),
            new EconomyTotals(active.Sum(r => r.Decimal(Measures.GrantedSek)), active.Sum(r => r.Decimal(Measures.SpentSek))),
            counties,
            SumByGender(active, Measures.OmbudWithSupervision),
            Meetings(active),
            OtherProviders(active),
            Budget(year, active.Sum(r => r.Decimal(Measures.GrantedSek)), registers ?? [], budget),
            CoverageOverlaps.Find(reports.Select(r => r.Report), registry),
            FollowUp(active));

        var matrix = new ByDimension<DeficiencyLevel, ByDimension<DeficiencyArea, int>>(level => new(area =>
            active.Sum(r => r.Int(Measures.SystemDeficiencies, (D.Area, D.Id(area)), (D.Level, D.Id(level))))));
        return new TotalsResult(totals, CentralTexts(reports), matrix, FollowUpTexts(reports));
    }

    /// <summary>Distinct municipalities covered by non-nil reports.</summary>
    public static HashSet<string> OfferingPo(IEnumerable<CurrentReport> reports) =>
        reports.Where(r => !r.NilReturn).SelectMany(r => r.MunicipalityCodes).ToHashSet(StringComparer.Ordinal);

    private bool InCounty(string municipalityCode, string countyCode) =>
        registry.FindMunicipality(municipalityCode)?.CountyCode == countyCode;

    private static OmbudTotals Ombud(ReportFigures[] reports) =>
        new(
            SumByGender(reports, Measures.Ombud),
            reports.Sum(r => r.Decimal(Measures.FullTimeEquivalents)),
            reports.Sum(r => r.SumOver(Measures.OmbudWithSupervision)));

    private static ClientTotals Clients(ReportFigures[] reports)
    {
        var byGenderAndAge = new ByDimension<Gender, ByDimension<AgeGroup, int>>(gender => new(age =>
            reports.Sum(r => r.Int(Measures.Clients, (D.AgeGroup, D.Id(age)), (D.Gender, D.Id(gender))))));
        return new ClientTotals(
            byGenderAndAge.Values.Sum(ages => ages.Values.Sum()),
            reports.Sum(r => r.Int(Measures.ClientsNew)),
            reports.Sum(r => r.Int(Measures.ClientsEnded)),
            new(gender => byGenderAndAge[gender].Values.Sum()),
            new(age => byGenderAndAge.Values.Sum(ages => ages[age])),
            byGenderAndAge,
            SumByGender(reports, Measures.ClientsWithChildrenAtHome));
    }

    private static ByDimension<ContactReason, GenderTotals> ContactReasons(ReportFigures[] reports) =>
        new(reason => new GenderTotals(gender =>
            reports.Sum(r => r.Int(Measures.ContactReasons, (D.Gender, D.Id(gender)), (D.Reason, D.Id(reason))))));

    private static WaitingTimeTotals Waiting(ReportFigures[] reports)
    {
        var days = WaitingDays(reports);
        return new WaitingTimeTotals(days.Count, Median(days), days.Count == 0 ? null : days.Max());
    }

    private static List<int> WaitingDays(IEnumerable<ReportFigures> reports) =>
        reports.Where(r => r.Int(Measures.HasWaitingTime) == 1).Select(r => r.Int(Measures.EstimatedWaitingDays)).ToList();

    private static decimal? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }

    private static PrioritisationTotals Prioritisation(ReportFigures[] reports)
    {
        RankCounts Ranks(PriorityGroup group)
        {
            var dimension = (D.Group, D.Id(group));
            int Rank(int rank) => reports.Count(r => r.Has(Measures.PriorityRank, dimension) && r.Int(Measures.PriorityRank, dimension) == rank);
            return new RankCounts(Rank(1), Rank(2), Rank(3));
        }

        return new PrioritisationTotals(reports.Count(r => r.Int(Measures.HasPriorityOrder) == 1), new(Ranks));
    }

    private static ManagementGroupTotals Management(ReportFigures[] reports)
    {
        int Represented(ReportFigures report, ManagementMember member) =>
            report.Int(Measures.ManagementGroupRepresented, (D.Member, D.Id(member)));

        var withGroup = reports.Where(r => r.Has(Measures.ManagementGroupRepresented, (D.Member, D.Id(ManagementMember.Municipality)))).ToArray();
        return new ManagementGroupTotals(
            withGroup.Count(r => ManagementGroup.CompletenessMembers.All(m => Represented(r, m) == 1)),
            reports.Count(r => r.Int(Measures.HasDeficiencyRoutine) == 1),
            new(member => withGroup.Count(r => Represented(r, member) == 0)));
    }

    private static MeetingTotals Meetings(ReportFigures[] reports)
    {
        var meetings = reports.Where(r => r.Has(Measures.ManagementGroupMeetings)).Select(r => r.Int(Measures.ManagementGroupMeetings)).ToList();
        return meetings.Count == 0
            ? new MeetingTotals(0, null, null, null)
            : new MeetingTotals(meetings.Count, Median(meetings), meetings.Min(), meetings.Max());
    }

    /// <summary>
    /// Verksamheter run by others than the municipality, one row per provider (Utförarens namn compared like operation
    /// keys, and organisation form), ordered as the lägesrapport: by organisation form in the catalogue's order, then name.
    /// </summary>
    private IReadOnlyList<OtherProviderTotals> OtherProviders(ReportFigures[] reports)
    {
        var formOrder = D.OrganisationForms.Select((v, i) => (v.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return reports
            .Select(r => r.Report)
            .Where(r => !string.IsNullOrWhiteSpace(r.ProviderName))
            .GroupBy(r => (Key: OperationKey.From(r.ProviderName!), Form: r.OrganisationForm ?? D.OrganisationForms.Id(OrganisationForm.Other)))
            .Select(g =>
            {
                var ordered = g.OrderBy(r => r.CountyCode, StringComparer.Ordinal).ThenBy(r => r.OperationKey, StringComparer.Ordinal).ToArray();
                return new OtherProviderTotals(
                    ordered[0].ProviderName!.Trim(),
                    g.Key.Form,
                    [.. ordered.Select(r => r.CountyCode).Distinct(StringComparer.Ordinal)
                        .Select(code => new CountyRef(code, registry.FindCountyByCode(code)?.Name ?? code))],
                    ordered.Length,
                    ordered.SelectMany(r => r.MunicipalityCodes).Distinct(StringComparer.Ordinal).Count());
            })
            .OrderBy(p => formOrder.GetValueOrDefault(p.OrganisationForm, int.MaxValue))
            .ThenBy(p => p.Name, SwedishOrder)
            .ToArray();
    }

    /// <summary>
    /// Tabell 5 from the year's appropriation; the statsbidrag's utfall is what the county boards paid (their registers'
    /// Utbetalt belopp: the money Socialstyrelsen paid out through them), the reports' Beviljat statsbidrag beside it as the
    /// municipalities' own figure. Null without an appropriation.
    /// </summary>
    private BudgetAndOutcomeTotals? Budget(int year, decimal reportedGrantedSek, IReadOnlyList<GrantRegister> registers, ResolvedAppropriation? resolved)
    {
        // Socialstyrelsen's entered figures when the caller resolved them (AppropriationSource), else the settings.
        if ((resolved is not null ? resolved.Appropriation : appropriation?.Value.For(year)) is not { } budget)
        {
            return null;
        }

        var fromRegisters = registers.Count > 0;
        var paid = fromRegisters
            ? registers.SelectMany(r => r.Applications).Sum(a => a.PaidSek ?? 0m)
            : reportedGrantedSek;
        BudgetLineTotals[] lines =
        [
            .. budget.OtherLines.Select(l => new BudgetLineTotals(l.Label, l.BudgetSek, l.OutcomeSek)),
            new(BudgetAndOutcomeTotals.GrantsLineLabel, budget.GrantsSek, paid),
        ];
        var totalBudget = Sum(lines.Select(l => l.BudgetSek));
        var totalOutcome = Sum(lines.Select(l => l.OutcomeSek));
        var net = totalOutcome - (budget.RepaidSek ?? 0m);
        return new BudgetAndOutcomeTotals(
            lines, totalBudget, totalOutcome, budget.RepaidSek, net, totalBudget - net, reportedGrantedSek,
            fromRegisters ? BudgetAndOutcomeTotals.FromGrantRegisters : BudgetAndOutcomeTotals.FromAnnualReports)
        {
            BudgetSource = resolved?.Source ?? ResolvedAppropriation.FromSettings,
            BudgetVersion = resolved?.Version?.VersionId,
        };
    }

    private static decimal? Sum(IEnumerable<decimal?> values) =>
        values.Aggregate((decimal?)0m, (sum, value) => sum + value);

    private static SystemDeficiencyTotals Deficiencies(ReportFigures[] reports) =>
        new(
            reports.Sum(r => r.SumOver(Measures.SystemDeficiencies)),
            new(level => reports.Sum(r => r.SumOver(Measures.SystemDeficiencies, D.Level, D.Id(level)))),
            new(area => reports.Sum(r => r.SumOver(Measures.SystemDeficiencies, D.Area, D.Id(area)))));

    /// <summary>Only the reports that answered sheet Uppföljning (they have its Ja/Nej fact); the others are "not asked", never zero.</summary>
    private static FollowUpTotals FollowUp(ReportFigures[] reports)
    {
        var answering = reports.Where(r => r.Has(Measures.HasUserSurvey)).ToArray();
        return new FollowUpTotals(
            answering.Length,
            reports.Length - answering.Length,
            new(source => answering.Sum(r => r.Int(Measures.NewClientsBySource, (D.Source, D.Id(source))))),
            new(form => answering.Sum(r => r.Int(Measures.OmbudBySupervision, (D.Supervision, D.Id(form))))),
            answering.Sum(r => r.Int(Measures.OmbudInFurtherTraining)),
            answering.Sum(r => r.Int(Measures.OmbudInIntroductoryCourse)),
            answering.Sum(r => r.Int(Measures.OmbudNewlyHired)),
            answering.Count(r => r.Int(Measures.HasUserSurvey) == 1),
            answering.Count(r => r.Int(Measures.UserOrganisationsOfferedSeat) == 1),
            new(form => answering.Count(r => r.Int(Measures.ManagementGroupForm, (D.Form, D.Id(form))) == 1)));
    }

    private IReadOnlyList<FollowUpText> FollowUpTexts(IEnumerable<ReportContent> reports) =>
        reports
            .Where(r => !r.Report.NilReturn && r.Texts is { Asked: true })
            .Select(r => new FollowUpText(
                r.Report.CountyCode,
                registry.FindCountyByCode(r.Report.CountyCode)?.Name ?? r.Report.CountyCode,
                r.Report.OperationKey,
                r.Report.OperationName,
                r.Report.District,
                r.Texts!.ClientGroupChanges,
                r.Texts.UserInfluence,
                r.Texts.ThemeQuestion,
                r.Texts.ThemeAnswer))
            .OrderBy(t => t.CountyCode, StringComparer.Ordinal)
            .ThenBy(t => t.OperationKey, StringComparer.Ordinal)
            .ToArray();

    private static GenderTotals SumByGender(ReportFigures[] reports, string measure) =>
        new(gender => reports.Sum(r => r.Int(measure, (D.Gender, D.Id(gender)))));

    private IReadOnlyList<CentralDeficiencyText> CentralTexts(IEnumerable<ReportContent> reports) =>
        reports
            .Where(r => !r.Report.NilReturn)
            .SelectMany(r => r.Deficiencies
                .Where(d => d.Level == DeficiencyLevel.Central)
                .Select(d => new CentralDeficiencyText(
                    r.Report.CountyCode,
                    registry.FindCountyByCode(r.Report.CountyCode)?.Name ?? r.Report.CountyCode,
                    r.Report.OperationKey,
                    d.Area,
                    d.Description,
                    d.Consequence,
                    d.Action,
                    r.Report.OperationName,
                    [.. r.Report.MunicipalityCodes.Select(code => registry.FindMunicipality(code)?.Name ?? code)])))
            .OrderBy(t => t.CountyCode, StringComparer.Ordinal)
            .ThenBy(t => t.OperationKey, StringComparer.Ordinal)
            .ToArray();

    /// <summary>One report's facts by key.</summary>
    private sealed class ReportFigures
    {
        private readonly Dictionary<string, decimal> _byKey = new(StringComparer.Ordinal);
        private readonly IReadOnlyList<Fact> _facts;

        public ReportFigures(ReportContent content)
        {
            Report = content.Report;
            _facts = content.Facts;
            foreach (var fact in content.Facts)
            {
                _byKey[fact.Key] = fact.Value;
            }
        }

        public CurrentReport Report { get; }

        public bool Has(string measure, params (string Name, string Value)[] dimensions) =>
            _byKey.ContainsKey(Key(measure, dimensions));

        public decimal Decimal(string measure, params (string Name, string Value)[] dimensions) =>
            _byKey.GetValueOrDefault(Key(measure, dimensions));

        public int Int(string measure, params (string Name, string Value)[] dimensions) =>
            (int)Math.Round(Decimal(measure, dimensions), MidpointRounding.AwayFromZero);

        /// <summary>Sum over all facts of a measure, optionally only those with one dimension value.</summary>
        public int SumOver(string measure, string? dimension = null, string? value = null) =>
            (int)Math.Round(
                _facts.Where(f => f.Measure == measure && (dimension is null || f.Dimensions.GetValueOrDefault(dimension) == value)).Sum(f => f.Value),
                MidpointRounding.AwayFromZero);

        private static string Key(string measure, (string Name, string Value)[] dimensions) =>
            Fact.FactKey(measure, dimensions.ToDictionary(d => d.Name, d => d.Value, StringComparer.Ordinal));
    }
}
