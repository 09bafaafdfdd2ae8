using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoIntake.Core.Grants;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Totals;

/// <summary>Totals of one year with their JSON, as served; computed once per revision.</summary>
public sealed record ComputedTotals(TotalsResult Result, byte[] Json, string Revision)
{
    public NationalTotals Totals => Result.Totals;
}

/// <summary>A year that has data and its headline figures (<c>GET /api/totals</c>).</summary>
public sealed record TotalsYear(
    int Year,
    int ReportsIncluded,
    int Operations,
    int MunicipalitiesOfferingPo,
    int Ombud,
    decimal FullTimeEquivalents,
    int Clients,
    int ClientsNew,
    decimal GrantedSek);

/// <summary>
/// Serves totals per year. A request costs at most one range read of <c>YearRevisions</c> (the year and the year
/// before) and, with a register store, one partition read of the current grant registers (Tabell 5's utfall), shared by
/// all requests within <see cref="TotalsOptions.RevisionCheckInterval"/>; the totals are recomputed from the fact rows only
/// when one of those revisions changed.
/// </summary>
public sealed partial class TotalsService(
    ITotalsStore store,
    TotalsCalculator calculator,
    TimeProvider timeProvider,
    ILogger<TotalsService> logger,
    IOptions<TotalsOptions>? options = null,
    IGrantRegisterReader? registers = null,
    AppropriationSource? appropriation = null)
{
    private const int ReadConcurrency = 16;
    private readonly ConcurrentDictionary<int, CacheEntry> _cache = new();
    private readonly ConcurrentDictionary<int, RevisionCheck> _checks = new();
    private readonly TimeSpan _checkInterval = options?.Value.RevisionCheckInterval ?? TimeSpan.Zero;

    /// <summary>Totals for <paramref name="year"/>, or null when the year has no current reports.</summary>
    public async Task<ComputedTotals?> GetAsync(int year, CancellationToken cancellationToken)
    {
        var (revisions, registerRevision) = await ReadRevisionsAsync(year, cancellationToken);
        var current = revisions.FirstOrDefault(r => r.Year == year);
        if (current is null)
        {
            return null;
        }

        var key = current.Revision + "|" + (revisions.FirstOrDefault(r => r.Year == year - 1)?.Revision ?? "-")
            + (registerRevision.Length > 0 ? "|" + registerRevision : string.Empty);
        var entry = _cache.AddOrUpdate(
            year,
            _ => NewEntry(year, key),
            (_, existing) => existing.Key == key ? existing : NewEntry(year, key));
        try
        {
            return await entry.Totals.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed computation must not stay cached.
            _cache.TryRemove(new KeyValuePair<int, CacheEntry>(year, entry));
            throw;
        }
    }

    /// <summary>Computes without the cache (for the uncached baseline and tests).</summary>
    public async Task<ComputedTotals?> ComputeAsync(int year, string revision, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var reports = await store.ReadCurrentReportsAsync(year, cancellationToken);
        if (reports.Count == 0)
        {
            return null;
        }

        // The year's rows in a few range queries (docs/storage.md, "Reading a year"), not three queries per report.
        var contents = await store.ReadContentsAsync(year, reports, cancellationToken);
        var previous = await store.ReadCurrentReportsAsync(year - 1, cancellationToken);
        var grantRegisters = registers is null ? [] : await registers.ReadYearAsync(year, cancellationToken);
        var budget = appropriation is null ? null : await appropriation.ForAsync(year, cancellationToken);

        var result = calculator.Calculate(year, contents, previous, timeProvider.GetUtcNow(), grantRegisters, budget);
        var json = JsonSerializer.SerializeToUtf8Bytes(result.Totals, TotalsJson.Options);
        LogComputed(logger, year, reports.Count, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return new ComputedTotals(result, json, revision);
    }

    /// <summary>
    /// One county's totals of <paramref name="year"/> (<c>GET /api/totals/{year}/{county}</c>): the same calculation over
    /// that county's current reports only, so the county board gets the tables it otherwise builds by hand (by gender, age,
    /// contact reason, waiting time, management group, Uppföljning) with the same rules; <c>municipalities</c> are the
    /// county's and <c>counties</c> holds its one row. Tabell 5 (the national appropriation) is left out. Null when the
    /// county has no current report of the year. Not cached: a county's reports are a few reads.
    /// </summary>
    public async Task<TotalsResult?> GetCountyAsync(int year, string countyCode, CancellationToken cancellationToken)
    {
        var reports = (await store.ReadCurrentReportsAsync(year, cancellationToken)).Where(r => r.CountyCode == countyCode).ToArray();
        if (reports.Length == 0)
        {
            return null;
        }

        var contents = new ReportContent[reports.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, reports.Length),
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => contents[i] = await store.ReadContentAsync(reports[i], ct));
        var previous = (await store.ReadCurrentReportsAsync(year - 1, cancellationToken)).Where(r => r.CountyCode == countyCode).ToArray();
        var result = calculator.Calculate(year, contents, previous, timeProvider.GetUtcNow());
        var county = result.Totals.Counties.Single(c => c.Code == countyCode);
        return result with
        {
            Totals = result.Totals with
            {
                Municipalities = new MunicipalityTotals(county.Municipalities, county.MunicipalitiesOfferingPo, county.ChangeFromPreviousYear),
                Counties = [county],
                BudgetAndOutcome = null,
            },
        };
    }

    /// <summary>Every year with data and its headline figures, oldest first.</summary>
    public async Task<IReadOnlyList<TotalsYear>> ListYearsAsync(CancellationToken cancellationToken)
    {
        var years = new List<TotalsYear>();
        foreach (var revision in await store.ReadAllRevisionsAsync(cancellationToken))
        {
            if (await GetAsync(revision.Year, cancellationToken) is not { } computed)
            {
                continue;
            }

            var t = computed.Totals;
            years.Add(new TotalsYear(
                t.Year, t.ReportsIncluded, t.Operations, t.Municipalities.OfferingPo, t.Ombud.Total,
                t.Ombud.FullTimeEquivalents, t.Clients.Total, t.Clients.New, t.Economy.GrantedSek));
        }

        return years;
    }

    private async Task<(IReadOnlyList<YearRevision> Reports, string Registers)> ReadRevisionsAsync(int year, CancellationToken cancellationToken)
    {
        if (_checkInterval <= TimeSpan.Zero)
        {
            return await ReadBothAsync(year, cancellationToken);
        }

        var now = timeProvider.GetTimestamp();
        var check = _checks.AddOrUpdate(
            year,
            _ => NewCheck(year, now),
            (_, existing) => existing.Revisions.IsFaulted || timeProvider.GetElapsedTime(existing.StartedAt, now) >= _checkInterval
                ? NewCheck(year, now)
                : existing);
        return await check.Revisions.WaitAsync(cancellationToken);
    }

    private async Task<(IReadOnlyList<YearRevision> Reports, string Registers)> ReadBothAsync(int year, CancellationToken cancellationToken)
    {
        var reports = store.ReadRevisionsAsync(year - 1, year, cancellationToken);
        var grantRegisters = registers is null ? Task.FromResult(string.Empty) : registers.ReadRevisionAsync(year, cancellationToken);

        // A new version of Socialstyrelsen's figures changes Tabell 5, so it is part of the cache key.
        var budgetVersion = appropriation is null ? null : (await appropriation.ForAsync(year, cancellationToken)).Version?.VersionId;
        var registerRevision = await grantRegisters;
        return (await reports, budgetVersion is null ? registerRevision : registerRevision + "|figures:" + budgetVersion);
    }

    private RevisionCheck NewCheck(int year, long startedAt) =>
        new(startedAt, ReadBothAsync(year, CancellationToken.None));

    private sealed record RevisionCheck(long StartedAt, Task<(IReadOnlyList<YearRevision> Reports, string Registers)> Revisions);

    private CacheEntry NewEntry(int year, string key) =>
        new(key, new Lazy<Task<ComputedTotals?>>(() => ComputeAsync(year, key, CancellationToken.None)));

    private sealed record CacheEntry(string Key, Lazy<Task<ComputedTotals?>> Totals);

    [LoggerMessage(Level = LogLevel.Information, Message = "Computed totals for {Year} from {Reports} reports in {ElapsedMs} ms")]
    private static partial void LogComputed(ILogger logger, int year, int reports, double elapsedMs);
}
