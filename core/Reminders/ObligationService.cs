using PoIntake.Core.Grants;

namespace PoIntake.Core.Reminders;

/// <summary>
/// Reads what <see cref="Obligations"/> decides from: the accepted reports of a year and the year before, and the grant
/// registers (docs/obligations.md). Without a register store (<paramref name="registers"/> not registered) every county
/// is judged by the guess from the year before.
/// </summary>
public sealed class ObligationService(IReportDirectory reports, IGrantRegisterReader? registers = null)
{
    /// <summary>Who owes an annual report for <paramref name="year"/> and who has delivered it.</summary>
    public async Task<YearObligations> ForYearAsync(int year, CancellationToken cancellationToken)
    {
        var current = reports.ListCurrentAsync(year, cancellationToken);
        var previous = reports.ListCurrentAsync(year - 1, cancellationToken);
        var registered = RegistersAsync(year, cancellationToken);
        return Obligations.Of(year, await registered, await previous, await current);
    }

    /// <summary>Who has not applied for the grant of <paramref name="year"/> yet (the 1 March reminder).</summary>
    public async Task<ApplicationRound> ApplicationsAsync(int year, CancellationToken cancellationToken)
    {
        var lastYear = RegistersAsync(year - 1, cancellationToken);
        var thisYear = RegistersAsync(year, cancellationToken);
        var reportsLastYear = reports.ListCurrentAsync(year - 1, cancellationToken);
        return Obligations.ApplicationsOf(year, await lastYear, await thisYear, await reportsLastYear);
    }

    private Task<IReadOnlyList<GrantRegister>> RegistersAsync(int year, CancellationToken cancellationToken) =>
        registers is null ? Task.FromResult<IReadOnlyList<GrantRegister>>([]) : registers.ReadYearAsync(year, cancellationToken);
}
