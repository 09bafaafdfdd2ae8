using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Grants;

/// <summary>
/// Reads the current registers (<see cref="IGrantRegisterReader"/>) and reports (<c>CurrentReports</c> and their facts,
/// through the storage layer, so the totals may read the registers without the grants reading the totals) and computes
/// <see cref="GrantFigures"/>.
/// </summary>
public sealed class GrantFiguresService(
    IGrantRegisterReader registers,
    CurrentReportStore currentReports,
    ReportVersionStore versions,
    AppropriationSource appropriation,
    MunicipalityRegistry registry)
{
    /// <summary>The figures of <paramref name="year"/>, or null when no county has sent a register for it.</summary>
    public async Task<GrantFigures?> GetAsync(int year, CancellationToken cancellationToken)
    {
        var current = await registers.ReadYearAsync(year, cancellationToken);
        if (current.Count == 0)
        {
            return null;
        }

        var granted = current
            .SelectMany(r => r.Applications)
            .Where(a => a.Decision == GrantDecision.Granted)
            .Select(a => (a.CountyCode, a.OperationKey))
            .ToHashSet();
        var economies = new List<ReportedEconomy>();
        foreach (var report in await currentReports.ListAsync(year, cancellationToken))
        {
            if (granted.Contains((report.CountyCode, report.OperationKey)))
            {
                var content = await versions.GetContentAsync(report, cancellationToken);
                economies.Add(GrantFiguresCalculator.Economy(report.CountyCode, report.OperationKey, report.NilReturn, content.Facts));
            }
        }

        var used = await appropriation.ForAsync(year, cancellationToken);
        var figures = GrantFiguresCalculator.Calculate(year, current, used.Appropriation, economies, registry);
        return figures with
        {
            Appropriation = figures.Appropriation with { Source = used.Source, NationalFiguresVersion = used.Version?.VersionId },
        };
    }
}
