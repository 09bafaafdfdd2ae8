using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Status;

/// <summary>Completeness of a reporting year for <c>GET /api/status/{year}</c> and one county's for <c>…/{countyCode}</c>.</summary>
/// <remarks>
/// With <paramref name="obligations"/> (registered with the reminders) each county also lists the reports it owes and
/// which have arrived (<see cref="CountyStatus.Obligations"/>), by the rule the reminders use.
/// </remarks>
public sealed class StatusService(
    ITotalsStore store,
    IIntakeLogReader log,
    StatusCalculator calculator,
    TimeProvider timeProvider,
    ObligationService? obligations = null)
{
    public async Task<StatusReport> GetAsync(int year, CancellationToken cancellationToken)
    {
        var current = store.ReadCurrentReportsAsync(year, cancellationToken);
        var previous = store.ReadCurrentReportsAsync(year - 1, cancellationToken);
        var entries = log.ReadAsync(year, cancellationToken);
        var owed = obligations?.ForYearAsync(year, cancellationToken);
        var report = calculator.Calculate(year, await current, await previous, await entries, timeProvider.GetUtcNow());
        return owed is null ? report : calculator.WithObligations(report, await owed);
    }

    /// <summary>One county's status: the same calculation as <see cref="GetAsync"/>, only that county's part returned.</summary>
    public async Task<CountyStatusReport> GetCountyAsync(int year, string countyCode, CancellationToken cancellationToken)
    {
        var report = await GetAsync(year, cancellationToken);
        return new CountyStatusReport(report.Year, report.GeneratedAt, report.Deadline, report.Counties.Single(c => c.Code == countyCode));
    }
}
