using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Status;

/// <summary>Completeness of a reporting year for <c>GET /api/status/{year}</c> and one county's for <c>…/{countyCode}</c>.</summary>
public sealed class StatusService(ITotalsStore store, IIntakeLogReader log, StatusCalculator calculator, TimeProvider timeProvider)
{
    public async Task<StatusReport> GetAsync(int year, CancellationToken cancellationToken)
    {
        var current = store.ReadCurrentReportsAsync(year, cancellationToken);
        var previous = store.ReadCurrentReportsAsync(year - 1, cancellationToken);
        var entries = log.ReadAsync(year, cancellationToken);
        return calculator.Calculate(year, await current, await previous, await entries, timeProvider.GetUtcNow());
    }

    /// <summary>One county's status: the same calculation as <see cref="GetAsync"/>, only that county's part returned.</summary>
    public async Task<CountyStatusReport> GetCountyAsync(int year, string countyCode, CancellationToken cancellationToken)
    {
        var report = await GetAsync(year, cancellationToken);
        return new CountyStatusReport(report.Year, report.GeneratedAt, report.Deadline, report.Counties.Single(c => c.Code == countyCode));
    }
}
