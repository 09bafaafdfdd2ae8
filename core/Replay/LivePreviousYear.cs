using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Replay;

/// <summary>
/// The one exception to "today's intake against the replay set" (docs/replay.md): a replay set holds only the replayed
/// year, so what the intake and the totals read of earlier years — the previous-year comparison of each report
/// (<see cref="IPreviousReportSource"/>) and the totals' previous year (<see cref="ITotalsStore"/>) — comes from the live
/// tables; the replayed year itself always from the replay set.
/// </summary>
internal sealed class LivePreviousYear(int year, IPreviousReportSource live, IPreviousReportSource replay) : IPreviousReportSource
{
    public Task<IReadOnlyList<Fact>?> FindCurrentFactsAsync(int requestedYear, string countyCode, string operationKey, CancellationToken cancellationToken) =>
        (requestedYear < year ? live : replay).FindCurrentFactsAsync(requestedYear, countyCode, operationKey, cancellationToken);
}

/// <inheritdoc cref="LivePreviousYear"/>
internal sealed class LivePreviousYearTotals(int year, ITotalsStore live, ITotalsStore replay) : ITotalsStore
{
    public Task<IReadOnlyList<YearRevision>> ReadRevisionsAsync(int fromYear, int toYear, CancellationToken cancellationToken) =>
        replay.ReadRevisionsAsync(fromYear, toYear, cancellationToken);

    public Task<IReadOnlyList<YearRevision>> ReadAllRevisionsAsync(CancellationToken cancellationToken) =>
        replay.ReadAllRevisionsAsync(cancellationToken);

    public Task<IReadOnlyList<CurrentReport>> ReadCurrentReportsAsync(int requestedYear, CancellationToken cancellationToken) =>
        (requestedYear < year ? live : replay).ReadCurrentReportsAsync(requestedYear, cancellationToken);

    public Task<ReportContent> ReadContentAsync(CurrentReport report, CancellationToken cancellationToken) =>
        (report.Year < year ? live : replay).ReadContentAsync(report, cancellationToken);

    public Task<IReadOnlyList<ReportContent>> ReadContentsAsync(int requestedYear, IReadOnlyList<CurrentReport> reports, CancellationToken cancellationToken) =>
        (requestedYear < year ? live : replay).ReadContentsAsync(requestedYear, reports, cancellationToken);
}
