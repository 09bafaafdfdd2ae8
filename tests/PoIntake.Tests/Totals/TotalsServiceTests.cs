using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Tests.Totals;

public sealed class TotalsServiceTests
{
    private readonly FakeStore _store = new();
    private readonly TotalsService _service;

    public TotalsServiceTests()
    {
        _service = new TotalsService(_store, new TotalsCalculator(MunicipalityRegistry.Default), new FakeTimeProvider(), NullLogger<TotalsService>.Instance);
    }

    [Fact]
    public async Task GetAsync_YearWithoutRevision_ReturnsNull()
    {
        Assert.Null(await _service.GetAsync(2030, CancellationToken.None));
        Assert.Equal(0, _store.CurrentReportReads);
    }

    [Fact]
    public async Task GetAsync_SameRevision_ComputesOnce()
    {
        _store.Add(Report(2025, "01", "A", ombudWomen: 3));

        var first = await _service.GetAsync(2025, CancellationToken.None);
        var second = await _service.GetAsync(2025, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(3, second!.Totals.Ombud.ByGender[Gender.Women]);
        Assert.Equal(1, _store.ContentReads);
    }

    [Fact]
    public async Task GetAsync_CountysCurrentGrantRegisterChanged_RecomputesTabell5FromItsPaidAmounts()
    {
        var appropriation = new Core.Grants.AppropriationOptions();
        appropriation.Years["2025"] = new Core.Grants.AppropriationYear { GrantsSek = 1_000_000m };
        var registers = new Grants.InMemoryGrantRegisters();
        var service = new TotalsService(
            _store, new TotalsCalculator(MunicipalityRegistry.Default, Options.Create(appropriation)), new FakeTimeProvider(),
            NullLogger<TotalsService>.Instance, registers: registers);
        _store.Add(Report(2025, "01", "A", ombudWomen: 3));

        var before = (await service.GetAsync(2025, CancellationToken.None))!.Totals.BudgetAndOutcome!;
        registers.Add(2025, "01", Grants.InMemoryGrantRegisters.Application(2025, "01", "A", ["0114"], grantedSek: 404_530m) with { PaidSek = 300_000m });
        var after = (await service.GetAsync(2025, CancellationToken.None))!.Totals.BudgetAndOutcome!;
        var again = (await service.GetAsync(2025, CancellationToken.None))!.Totals.BudgetAndOutcome!;

        Assert.Equal(Core.Totals.BudgetAndOutcomeTotals.FromAnnualReports, before.GrantsOutcomeSource);
        Assert.Equal((Core.Totals.BudgetAndOutcomeTotals.FromGrantRegisters, 300_000m), (after.GrantsOutcomeSource, after.Lines[^1].OutcomeSek!.Value));
        Assert.Same(after, again);
    }

    [Fact]
    public async Task GetAsync_RevisionChanged_Recomputes()
    {
        _store.Add(Report(2025, "01", "A", ombudWomen: 3));
        await _service.GetAsync(2025, CancellationToken.None);

        _store.Add(Report(2025, "03", "B", ombudWomen: 4));
        var totals = await _service.GetAsync(2025, CancellationToken.None);

        Assert.Equal(7, totals!.Totals.Ombud.ByGender[Gender.Women]);
        Assert.Equal(2, totals.Totals.ReportsIncluded);
    }

    [Fact]
    public async Task GetAsync_PreviousYearRevisionChanged_RecomputesChange()
    {
        _store.Add(Report(2025, "01", "A", ombudWomen: 1, municipalities: ["0114", "0115"]));
        var before = await _service.GetAsync(2025, CancellationToken.None);
        Assert.Null(before!.Totals.Municipalities.ChangeFromPreviousYear);

        _store.Add(Report(2024, "01", "A", ombudWomen: 1, municipalities: ["0114"]));
        var after = await _service.GetAsync(2025, CancellationToken.None);

        Assert.Equal(1, after!.Totals.Municipalities.ChangeFromPreviousYear);
    }

    [Fact]
    public async Task GetAsync_WithinCheckInterval_ReadsRevisionsOnceThenSeesChange()
    {
        var clock = new FakeTimeProvider();
        var service = new TotalsService(
            _store,
            new TotalsCalculator(MunicipalityRegistry.Default),
            clock,
            NullLogger<TotalsService>.Instance,
            Options.Create(new TotalsOptions { RevisionCheckInterval = TimeSpan.FromSeconds(1) }));
        _store.Add(Report(2025, "01", "A", ombudWomen: 3));

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => service.GetAsync(2025, CancellationToken.None)));
        _store.Add(Report(2025, "03", "B", ombudWomen: 4));
        var stale = await service.GetAsync(2025, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await service.GetAsync(2025, CancellationToken.None);

        Assert.Equal(2, _store.RevisionReads);
        Assert.Equal(3, stale!.Totals.Ombud.ByGender[Gender.Women]);
        Assert.Equal(7, fresh!.Totals.Ombud.ByGender[Gender.Women]);
    }

    [Fact]
    public async Task GetAsync_ZeroCheckInterval_ReadsRevisionsEveryRequest()
    {
        _store.Add(Report(2025, "01", "A", ombudWomen: 3));

        await _service.GetAsync(2025, CancellationToken.None);
        await _service.GetAsync(2025, CancellationToken.None);

        Assert.Equal(2, _store.RevisionReads);
    }

    [Fact]
    public async Task GetAsync_ConcurrentRequests_ComputeOnce()
    {
        _store.Add(Report(2025, "01", "A", ombudWomen: 2));

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => _service.GetAsync(2025, CancellationToken.None)));

        Assert.Equal(1, _store.ContentReads);
    }

    [Fact]
    public async Task ListYearsAsync_YearsWithData_HeadlineFigures()
    {
        _store.Add(Report(2024, "01", "A", ombudWomen: 2));
        _store.Add(Report(2025, "01", "A", ombudWomen: 5));
        _store.Add(Report(2025, "12", "B", ombudWomen: 1));

        var years = await _service.ListYearsAsync(CancellationToken.None);

        Assert.Equal([2024, 2025], years.Select(y => y.Year));
        Assert.Equal(2, years[1].ReportsIncluded);
        Assert.Equal(6, years[1].Ombud);
    }

    private static ReportContent Report(int year, string county, string name, int ombudWomen, IReadOnlyList<string>? municipalities = null)
    {
        var current = new CurrentReport(year, county, OperationKey.From(name), $"{year}-{county}-{name}", false, municipalities ?? ["0114"], DateTimeOffset.UnixEpoch);
        var facts = new[] { new Fact(Measures.Ombud, new Dictionary<string, string> { ["gender"] = "women" }, ombudWomen) };
        return new ReportContent(current, facts, []);
    }

    private sealed class FakeStore : ITotalsStore
    {
        private readonly List<ReportContent> _reports = [];
        private readonly Dictionary<int, string> _revisions = [];
        private int _contentReads;
        private int _revisionReads;

        public int CurrentReportReads { get; private set; }

        public int ContentReads => _contentReads;

        public int RevisionReads => _revisionReads;

        public void Add(ReportContent report)
        {
            _reports.Add(report);
            _revisions[report.Report.Year] = Guid.NewGuid().ToString();
        }

        public Task<IReadOnlyList<YearRevision>> ReadRevisionsAsync(int fromYear, int toYear, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _revisionReads);
            return Task.FromResult(Revisions(fromYear, toYear));
        }

        public Task<IReadOnlyList<YearRevision>> ReadAllRevisionsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(Revisions(0, 9999));

        private IReadOnlyList<YearRevision> Revisions(int fromYear, int toYear) =>
            _revisions.Where(r => r.Key >= fromYear && r.Key <= toYear).Select(r => new YearRevision(r.Key, r.Value, null)).ToArray();

        public async Task<IReadOnlyList<CurrentReport>> ReadCurrentReportsAsync(int year, CancellationToken cancellationToken)
        {
            CurrentReportReads++;
            await Task.Delay(10, cancellationToken);
            return _reports.Where(r => r.Report.Year == year).Select(r => r.Report).ToArray();
        }

        public Task<ReportContent> ReadContentAsync(CurrentReport report, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _contentReads);
            return Task.FromResult(_reports.Single(r => r.Report == report));
        }

        public Task<IReadOnlyList<ReportContent>> ReadContentsAsync(int year, IReadOnlyList<CurrentReport> reports, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _contentReads, reports.Count);
            return Task.FromResult<IReadOnlyList<ReportContent>>([.. reports.Select(report => _reports.Single(r => r.Report == report))]);
        }
    }
}
