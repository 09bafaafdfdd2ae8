using PoIntake.Core.Storage;

namespace PoIntake.Core.Totals;

/// <summary>What totals and status read from storage (docs/storage.md).</summary>
public interface ITotalsStore
{
    /// <summary>The revisions of <paramref name="fromYear"/> … <paramref name="toYear"/> in one range query.</summary>
    Task<IReadOnlyList<YearRevision>> ReadRevisionsAsync(int fromYear, int toYear, CancellationToken cancellationToken);

    Task<IReadOnlyList<YearRevision>> ReadAllRevisionsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<CurrentReport>> ReadCurrentReportsAsync(int year, CancellationToken cancellationToken);

    Task<ReportContent> ReadContentAsync(CurrentReport report, CancellationToken cancellationToken);

    /// <summary>The content of every one of <paramref name="reports"/> (all of <paramref name="year"/>), in their order.</summary>
    Task<IReadOnlyList<ReportContent>> ReadContentsAsync(int year, IReadOnlyList<CurrentReport> reports, CancellationToken cancellationToken);
}

/// <summary>The totals' reads, each one of the typed stores of <c>core/Storage</c> (<c>YearRevisions</c>, <c>CurrentReports</c>, <c>Facts</c>, <c>SystemDeficiencies</c>).</summary>
public sealed class TotalsStore(YearRevisionStore revisions, CurrentReportStore currentReports, ReportVersionStore versions) : ITotalsStore
{
    public Task<IReadOnlyList<YearRevision>> ReadRevisionsAsync(int fromYear, int toYear, CancellationToken cancellationToken) =>
        revisions.ListAsync(fromYear, toYear, cancellationToken);

    public Task<IReadOnlyList<YearRevision>> ReadAllRevisionsAsync(CancellationToken cancellationToken) =>
        revisions.ListAllAsync(cancellationToken);

    public Task<IReadOnlyList<CurrentReport>> ReadCurrentReportsAsync(int year, CancellationToken cancellationToken) =>
        currentReports.ListAsync(year, cancellationToken);

    public Task<ReportContent> ReadContentAsync(CurrentReport report, CancellationToken cancellationToken) =>
        versions.GetContentAsync(report, cancellationToken);

    public Task<IReadOnlyList<ReportContent>> ReadContentsAsync(int year, IReadOnlyList<CurrentReport> reports, CancellationToken cancellationToken) =>
        versions.GetYearContentsAsync(year, reports, cancellationToken);
}
