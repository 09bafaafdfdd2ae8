using PoIntake.Core.Grants;

namespace PoIntake.Core.Reminders;

/// <summary>Which rule decided what a county owes for a reported year (docs/obligations.md).</summary>
public enum ObligationRule
{
    /// <summary>The county has a grant register for the year: every verksamhet granted money (Beviljat) owes a report.</summary>
    GrantRegister,

    /// <summary>No register for the county and year: the verksamheter that reported the year before are expected to report (a guess).</summary>
    PreviousYearReports,
}

/// <summary>
/// One annual report owed for the reported year: a verksamhet granted money (<see cref="ObligationRule.GrantRegister"/>)
/// or one that reported the year before (<see cref="ObligationRule.PreviousYearReports"/>). <see cref="FulfilledBy"/> holds the
/// operation keys of the current accepted reports (nil returns included) that answer it: its own, or those of a renamed
/// verksamhet whose municipalities cover all of its municipalities; empty while the report is missing.
/// </summary>
public sealed record Obligation(
    string CountyCode,
    string OperationKey,
    string OperationName,
    IReadOnlyList<string> MunicipalityCodes,
    string? ContactPerson,
    string? ContactEmail,
    decimal? GrantedSek,
    IReadOnlyList<string> FulfilledBy)
{
    public bool Missing => FulfilledBy.Count == 0;
}

/// <summary>What one county owes for a year, by which rule, and the accepted reports no obligation asked for.</summary>
public sealed record CountyObligations(
    string CountyCode,
    ObligationRule Rule,
    IReadOnlyList<Obligation> Owed,
    IReadOnlyList<AcceptedReport> NotOwed)
{
    public IEnumerable<Obligation> Missing => Owed.Where(o => o.Missing);
}

/// <summary>The obligations of every county that has a register or reports for <see cref="Year"/> or the year before.</summary>
public sealed record YearObligations(int Year, IReadOnlyList<CountyObligations> Counties)
{
    /// <summary>The missing reports of every county, ordered by county code and name.</summary>
    public IReadOnlyList<Obligation> Missing => Counties.SelectMany(c => c.Missing).ToArray();

    /// <summary>One county's obligations; a county with neither register nor reports owes nothing (by the guess rule).</summary>
    public CountyObligations For(string countyCode) =>
        Counties.FirstOrDefault(c => c.CountyCode == countyCode) ?? new CountyObligations(countyCode, ObligationRule.PreviousYearReports, [], []);
}

/// <summary>
/// Who has not applied for the grant of a year yet (1 March): the verksamheter granted money the year before that have no
/// application this year, and the municipalities that appear in an application this year (any decision).
/// <see cref="GrantedLastYearMunicipalities"/> are the municipalities that had the grant the year before: those the 1 March
/// reminder is for (applying is a possibility; only for them is it the continuation of a grant).
/// </summary>
public sealed record ApplicationRound(
    int Year,
    IReadOnlyList<GrantApplication> GrantedLastYearNotApplied,
    IReadOnlySet<string> AppliedMunicipalities)
{
    public IReadOnlySet<string> GrantedLastYearMunicipalities { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A municipality that had the grant the year before and is in no application this year: the 1 March reminder's recipient.</summary>
    public bool Reminds(string municipalityCode) =>
        GrantedLastYearMunicipalities.Contains(municipalityCode) && !AppliedMunicipalities.Contains(municipalityCode);
}

/// <summary>
/// The one place for who owes what (förordning (2013:522)): the annual report of a year is owed by every verksamhet the
/// county's grant register for that year has Beviljat; for a county without a register for the year, by every verksamhet
/// with an accepted report the year before (the guess used before grant registers existed). A report (or nil return)
/// answers an obligation when it has the same county and operation key; a verksamhet renamed between register and report
/// is not missing when reports whose verksamhet no obligation names cover all of its municipalities. Pure.
/// </summary>
public static class Obligations
{
    /// <summary>The obligations of reporting year <paramref name="year"/>.</summary>
    public static YearObligations Of(
        int year,
        IReadOnlyList<GrantRegister> registers,
        IReadOnlyList<AcceptedReport> previousYear,
        IReadOnlyList<AcceptedReport> current)
    {
        var counties = registers.Where(r => r.Year == year).Select(r => r.CountyCode)
            .Concat(previousYear.Select(r => r.CountyCode))
            .Concat(current.Select(r => r.CountyCode))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var result = new List<CountyObligations>();
        foreach (var county in counties)
        {
            var register = registers.FirstOrDefault(r => r.Year == year && r.CountyCode == county);
            var before = previousYear.Where(r => r.CountyCode == county).ToArray();
            var now = current.Where(r => r.CountyCode == county).ToArray();
            var owed = register is null ? Guessed(before) : Granted(register, before);
            result.Add(Settle(county, register is null ? ObligationRule.PreviousYearReports : ObligationRule.GrantRegister, owed, now));
        }

        return new YearObligations(year, result);
    }

    /// <summary>
    /// The application round of <paramref name="year"/>: who was granted money in <paramref name="lastYear"/>'s registers
    /// and has not applied in <paramref name="thisYear"/>'s. A verksamhet whose municipalities all applied (under any name)
    /// has applied. The municipalities with a grant the year before are those of the Beviljat applications of the
    /// county's register for <paramref name="year"/> − 1; for a county without that register, those covered by its
    /// accepted reports (not nil returns) for <paramref name="year"/> − 1 (<paramref name="reportsLastYear"/>), the same
    /// guess the annual report's rule makes.
    /// </summary>
    public static ApplicationRound ApplicationsOf(
        int year, IReadOnlyList<GrantRegister> lastYear, IReadOnlyList<GrantRegister> thisYear, IReadOnlyList<AcceptedReport>? reportsLastYear = null)
    {
        var registeredCounties = lastYear.Where(r => r.Year == year - 1).Select(r => r.CountyCode).ToHashSet(StringComparer.Ordinal);
        var grantedMunicipalities = lastYear.Where(r => r.Year == year - 1)
            .SelectMany(r => r.Applications)
            .Where(a => a.Decision == GrantDecision.Granted)
            .SelectMany(a => a.MunicipalityCodes)
            .Concat((reportsLastYear ?? []).Where(r => !r.NilReturn && !registeredCounties.Contains(r.CountyCode)).SelectMany(r => r.MunicipalityCodes))
            .ToHashSet(StringComparer.Ordinal);
        var applications = thisYear.Where(r => r.Year == year).SelectMany(r => r.Applications).ToArray();
        var appliedOperations = applications.Select(a => (a.CountyCode, a.OperationKey)).ToHashSet();
        var appliedMunicipalities = applications.SelectMany(a => a.MunicipalityCodes).ToHashSet(StringComparer.Ordinal);
        var notApplied = lastYear.Where(r => r.Year == year - 1)
            .SelectMany(r => r.Applications)
            .Where(a => a.Decision == GrantDecision.Granted)
            .Where(a => !appliedOperations.Contains((a.CountyCode, a.OperationKey)))
            .Where(a => a.MunicipalityCodes.Count == 0 || !a.MunicipalityCodes.All(appliedMunicipalities.Contains))
            .OrderBy(a => a.CountyCode, StringComparer.Ordinal)
            .ThenBy(a => a.OperationName, StringComparer.CurrentCulture)
            .ToArray();
        return new ApplicationRound(year, notApplied, appliedMunicipalities) { GrantedLastYearMunicipalities = grantedMunicipalities };
    }

    /// <summary>The Swedish sentence a county's status shows for the rule used for <paramref name="year"/>.</summary>
    public static string Describe(ObligationRule rule, int year) => rule switch
    {
        ObligationRule.GrantRegister =>
            $"Enligt länets bidragsregister för {year}: varje verksamhet som beviljats statsbidrag ska lämna en årsrapport (eller nollrapport).",
        _ =>
            $"Länet har inget bidragsregister för {year}. Uppskattning: de verksamheter som lämnade en godkänd rapport för {year - 1} förväntas rapportera.",
    };

    /// <summary>The API id of a rule (<c>grantRegister</c>, <c>previousYearReports</c>).</summary>
    public static string IdOf(ObligationRule rule) => rule switch
    {
        ObligationRule.GrantRegister => "grantRegister",
        _ => "previousYearReports",
    };

    private static List<Obligation> Granted(GrantRegister register, IReadOnlyList<AcceptedReport> before)
    {
        // Several rows for one verksamhet (e.g. a supplementary application) owe one report together.
        return register.Applications
            .Where(a => a.Decision == GrantDecision.Granted)
            .GroupBy(a => a.OperationKey, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.OrderBy(a => a.Row).First();
                var contact = g.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a.ContactEmail));
                var reported = before.FirstOrDefault(r => r.OperationKey == g.Key);
                var granted = g.Where(a => a.GrantedSek is not null).Select(a => a.GrantedSek!.Value).ToArray();
                return new Obligation(
                    register.CountyCode,
                    g.Key,
                    first.OperationName,
                    g.SelectMany(a => a.MunicipalityCodes).Distinct(StringComparer.Ordinal).ToArray(),
                    contact?.ContactName ?? first.ContactName ?? reported?.ContactPerson,
                    contact?.ContactEmail ?? reported?.ContactEmail,
                    granted.Length == 0 ? null : granted.Sum(),
                    []);
            })
            .ToList();
    }

    private static List<Obligation> Guessed(IReadOnlyList<AcceptedReport> before) =>
        before.Select(r => new Obligation(r.CountyCode, r.OperationKey, r.OperationName, r.MunicipalityCodes, r.ContactPerson, r.ContactEmail, null, []))
            .ToList();

    private static CountyObligations Settle(string county, ObligationRule rule, List<Obligation> owed, IReadOnlyList<AcceptedReport> now)
    {
        var owedKeys = owed.Select(o => o.OperationKey).ToHashSet(StringComparer.Ordinal);
        var reported = now.Select(r => r.OperationKey).ToHashSet(StringComparer.Ordinal);

        // Only a report no obligation names can stand for a renamed verksamhet: two verksamheter in one municipality
        // each owe their own report.
        var notOwed = now.Where(r => !owedKeys.Contains(r.OperationKey)).ToArray();
        var settled = owed.Select(o =>
            {
                if (reported.Contains(o.OperationKey))
                {
                    return o with { FulfilledBy = [o.OperationKey] };
                }

                if (o.MunicipalityCodes.Count == 0)
                {
                    return o;
                }

                var covering = notOwed.Where(r => r.MunicipalityCodes.Any(o.MunicipalityCodes.Contains)).ToArray();
                var covered = covering.SelectMany(r => r.MunicipalityCodes).ToHashSet(StringComparer.Ordinal);
                return o.MunicipalityCodes.All(covered.Contains)
                    ? o with { FulfilledBy = covering.Select(r => r.OperationKey).Order(StringComparer.Ordinal).ToArray() }
                    : o;
            })
            .OrderBy(o => o.OperationName, StringComparer.CurrentCulture)
            .ToArray();
        return new CountyObligations(county, rule, settled, notOwed.OrderBy(r => r.OperationName, StringComparer.CurrentCulture).ToArray());
    }
}
