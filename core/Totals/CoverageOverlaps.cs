using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Totals;

/// <summary>
/// Overlapping coverage (docs/storage.md, counting rules): a municipality that more than one current, non-nil report of
/// a year lists (cooperation, purchase, a verksamhet that was split). It offers PO once: the totals count it once, and
/// the intake, status and totals name the reports that share it. One rule for all three. A report for a stadsdel or part
/// of a municipality (<see cref="CurrentReport.District"/>) never overlaps: only whole-municipality claims are compared.
/// </summary>
public static class CoverageOverlaps
{
    /// <summary>Every municipality listed by two or more of <paramref name="reports"/> (nil returns ignored), ordered by code.</summary>
    public static IReadOnlyList<CoverageOverlap> Find(IEnumerable<CurrentReport> reports, MunicipalityRegistry registry) =>
        reports
            .Where(r => !r.NilReturn && r.District is null)
            .SelectMany(r => r.MunicipalityCodes.Distinct(StringComparer.Ordinal).Select(code => (Code: code, Report: r)))
            .GroupBy(p => p.Code, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var municipality = registry.FindMunicipality(g.Key);
                return new CoverageOverlap(
                    g.Key,
                    municipality?.Name ?? g.Key,
                    municipality?.CountyCode ?? g.First().Report.CountyCode,
                    [.. g.Select(p => Ref(p.Report)).OrderBy(r => r.CountyCode, StringComparer.Ordinal).ThenBy(r => r.OperationKey, StringComparer.Ordinal)]);
            })
            .ToArray();

    /// <summary>
    /// The current reports other than the verksamhet (<paramref name="countyCode"/>, <paramref name="operationKey"/>) that
    /// list any of <paramref name="municipalityCodes"/>, each with the shared codes in the order given.
    /// </summary>
    public static IReadOnlyList<(CurrentReport Other, IReadOnlyList<string> Shared)> With(
        string countyCode,
        string operationKey,
        IReadOnlyList<string> municipalityCodes,
        IEnumerable<CurrentReport> current) =>
        current
            .Where(r => !r.NilReturn && r.District is null && !(r.CountyCode == countyCode && r.OperationKey == operationKey))
            .Select(r => (Other: r, Shared: (IReadOnlyList<string>)[.. municipalityCodes.Where(r.MunicipalityCodes.Contains).Distinct(StringComparer.Ordinal)]))
            .Where(p => p.Shared.Count > 0)
            .OrderBy(p => p.Other.CountyCode, StringComparer.Ordinal)
            .ThenBy(p => p.Other.OperationKey, StringComparer.Ordinal)
            .ToArray();

    private static OverlapReport Ref(CurrentReport report) =>
        new(report.CountyCode, report.OperationKey, report.OperationName, report.VersionId);
}
