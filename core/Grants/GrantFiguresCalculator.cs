using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Grants;

/// <summary>A verksamhet's annual report as the grant figures need it: its Beviljat statsbidrag, Förbrukat and Antal årsarbetare.</summary>
public sealed record ReportedEconomy(
    string CountyCode, string OperationKey, bool NilReturn, decimal? GrantedSek, decimal? SpentSek, decimal? FullTimeEquivalents = null);

/// <summary>Computes <see cref="GrantFigures"/> from the current registers, the year's appropriation and the reports. Pure.</summary>
public static class GrantFiguresCalculator
{
    /// <summary>The Swedish note every answer carries: the system lists, Socialstyrelsen decides (15 §).</summary>
    public const string RepaymentNote =
        "Belopp att granska: beviljat statsbidrag minus förbrukat enligt verksamhetens årsredovisning, när förbrukat är mindre. " +
        "Tjänster att granska: verksamheter som redovisar färre årsarbetare än länsstyrelsen beviljade statsbidrag för. " +
        "Listan är ett underlag för granskning och inget beslut. Om en kommun är återbetalningsskyldig enligt 15 § förordningen " +
        "(2013:522) utreder och beslutar Socialstyrelsen; systemet beslutar aldrig om återbetalning.";

    public static GrantFigures Calculate(
        int year,
        IReadOnlyList<GrantRegister> registers,
        AppropriationYear? appropriation,
        IReadOnlyList<ReportedEconomy> reports,
        MunicipalityRegistry registry)
    {
        var fixedAmount = appropriation?.AmountPerFullTimeEquivalentSek;
        var byCounty = registers.ToDictionary(r => r.CountyCode, StringComparer.Ordinal);
        var counties = registry.Counties
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(county => County(county, byCounty.GetValueOrDefault(county.Code), fixedAmount))
            .ToArray();

        var applications = registers.SelectMany(r => r.Applications).ToArray();
        var applied = applications.Sum(a => a.AppliedFullTimeEquivalents);
        var grantedFte = GrantedFullTimeEquivalents(applications);
        var national = new GrantTotals(
            registers.Count,
            applications.Length,
            applications.Count(a => a.Decision == GrantDecision.Granted),
            applications.Count(a => a.Decision == GrantDecision.Refused),
            applications.Count(a => a.Decision == GrantDecision.Pending),
            applied,
            applications.Sum(a => a.GrantedSek ?? 0m),
            applications.Sum(a => a.PaidSek ?? 0m),
            grantedFte);

        var distributed = fixedAmount is { } amount && registers.Count > 0 ? GrantMoney.ToKrona(amount * grantedFte) : (decimal?)null;
        var grants = appropriation?.GrantsSek;
        var figures = new AppropriationFigures(
            grants,
            fixedAmount,
            grants is { } anslag && applied > 0 ? GrantMoney.HighestAmountWithin(anslag, applied) : null,
            distributed,
            grants is { } total && distributed is { } paidOut ? total - paidOut : null);

        var reportByKey = reports.ToDictionary(r => (r.CountyCode, r.OperationKey));
        var operations = applications
            .Where(a => a.Decision == GrantDecision.Granted)
            .OrderBy(a => a.CountyCode, StringComparer.Ordinal)
            .ThenBy(a => a.Row)
            .Select(a => Operation(a, reportByKey.GetValueOrDefault((a.CountyCode, a.OperationKey))))
            .ToArray();

        return new GrantFigures(year, figures, national, counties, operations, RepaymentNote);
    }

    private static CountyGrantFigures County(County county, GrantRegister? register, decimal? fixedAmount)
    {
        var applications = register?.Applications ?? [];
        var applied = applications.Sum(a => a.AppliedFullTimeEquivalents);
        var granted = GrantedFullTimeEquivalents(applications);
        return new CountyGrantFigures(
            county.Code,
            county.Name,
            register is not null,
            register?.ReceivedAt,
            applications.Count,
            applications.Count(a => a.Decision == GrantDecision.Granted),
            applications.Count(a => a.Decision == GrantDecision.Refused),
            applications.Count(a => a.Decision == GrantDecision.Pending),
            applied,
            fixedAmount is { } amount && register is not null ? GrantMoney.ToKrona(amount * granted) : null,
            applications.Sum(a => a.GrantedSek ?? 0m),
            applications.Sum(a => a.PaidSek ?? 0m),
            granted);
    }

    /// <summary>The årsarbetare the county boards granted: the Beviljat rows' Beviljade årsarbetare (refused and pending count nothing).</summary>
    private static decimal GrantedFullTimeEquivalents(IEnumerable<GrantApplication> applications) =>
        applications.Where(a => a.Decision == GrantDecision.Granted).Sum(a => a.GrantedFullTimeEquivalents ?? 0m);

    private static OperationGrantFigures Operation(GrantApplication application, ReportedEconomy? report)
    {
        var spent = report is null ? null : report.NilReturn ? 0m : report.SpentSek;
        var unspent = application.GrantedSek is { } granted && spent is { } used && used < granted ? granted - used : (decimal?)null;
        var reportedFte = report is null ? null : report.NilReturn ? 0m : report.FullTimeEquivalents;
        var below = application.GrantedFullTimeEquivalents is { } grantedFte && reportedFte is { } filled && filled < grantedFte;
        return new OperationGrantFigures(
            application.CountyCode,
            application.OperationKey,
            application.OperationName,
            application.MunicipalityCodes,
            application.AppliedFullTimeEquivalents,
            application.GrantedSek,
            application.PaidSek,
            report is not null,
            report?.NilReturn ?? false,
            report?.GrantedSek,
            spent,
            unspent,
            unspent is not null || below,
            application.GrantedFullTimeEquivalents,
            reportedFte,
            below);
    }

    /// <summary>The Beviljat statsbidrag and Förbrukat of a report's facts (null when the report has none).</summary>
    public static ReportedEconomy Economy(string countyCode, string operationKey, bool nilReturn, IReadOnlyList<Fact> facts) => new(
        countyCode,
        operationKey,
        nilReturn,
        facts.FirstOrDefault(f => f.Measure == Measures.GrantedSek)?.Value,
        facts.FirstOrDefault(f => f.Measure == Measures.SpentSek)?.Value,
        facts.FirstOrDefault(f => f.Measure == Measures.FullTimeEquivalents)?.Value);
}
