using System.ComponentModel.DataAnnotations;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoIntake.Core.Contacts;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Replay;

/// <summary>Configuration section <c>Replay</c> (docs/replay.md).</summary>
public sealed class ReplayOptions
{
    public const string SectionName = "Replay";

    /// <summary>
    /// How many counties are replayed at once (default 4). Within a county the originals run one after another in upload
    /// order, as the intake's rules (supersedes, duplicates, coverage, the grant register) are per county.
    /// </summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// A <c>Running</c> replay without a heartbeat for this many minutes (default 30; a replay beats every third of
    /// <c>YearLock:LeaseSeconds</c> and cannot outlive host.json's functionTimeout of 10 minutes) died: its clean-up is
    /// allowed, marks it Failed and deletes its tables, its copy of the contacts included.
    /// </summary>
    [Range(1, 1440)]
    public int StaleAfterMinutes { get; set; } = 30;
}

/// <summary>
/// Replays a year (docs/replay.md): every kept original of the year — <c>reports/{year}/…</c>, <c>grants/{year}/…</c> and
/// <c>contacts/…</c> — in upload order through today's intake, built by the same registrations as the app's
/// (<c>AddPoIntakeCore</c>, <c>AddPoIntakeScreening</c>) in a child service provider whose <see cref="StorageTables"/> is the
/// replay's prefixed set; then compares that set with the live tables and stores the report of differences as
/// <c>replays/{year}/{replayId}.json</c> and <c>.xlsx</c>. Reads the live tables and the originals, writes only the replay's
/// tables, its results container, the report and the <c>ReplayLog</c> row.
/// </summary>
public sealed partial class YearReplay(
    IConfiguration configuration,
    BlobServiceClient blobs,
    TableServiceClient tableService,
    ReplayLogStore replayLog,
    IntakeLogStore liveLog,
    CurrentReportStore liveCurrentReports,
    GrantRegisterStore liveGrants,
    ContactStore liveContacts,
    IPreviousReportSource livePreviousReports,
    ITotalsStore liveTotals,
    TotalsService liveTotalsService,
    MunicipalityRegistry registry,
    YearLockStore locks,
    YearClosureStore liveClosures,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    IOptions<ReplayOptions> options) : IYearReplay
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<YearReplay>();

    /// <summary>The stored report of a replay: <c>{year}/{replayId}.json</c> or <c>.xlsx</c> in container <c>replays</c>.</summary>
    public static string ReportBlobName(ReplaySet replay, ReplayReportFormat format) =>
        $"{StorageKeys.Year(replay.Year)}/{replay.Id}.{(format == ReplayReportFormat.Json ? "json" : "xlsx")}";

    public async Task<ReplayRun> RunAsync(int year, string actor, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var set = ReplaySet.New(year, startedAt);

        // One replay, switch or clean-up of a year at a time: a second start gets the lock's Swedish refusal (HTTP 409).
        await using var lease = await locks.AcquireAsync(year, set.Id, YearLockOperations.Replay, actor, cancellationToken);
        try
        {
            return await RunLockedAsync(set, lease, actor, startedAt, cancellationToken);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await lease.ReleaseAsync(switchDone: false, timeout.Token);
            }
            catch (Exception e) when (e is RequestFailedException or OperationCanceledException or YearLockedException)
            {
                // It expires by itself.
                LogFailureNotRecorded(year, set.Id, e.GetType().FullName);
            }
        }
    }

    private async Task<ReplayRun> RunLockedAsync(ReplaySet set, YearLease lease, string actor, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var year = set.Year;
        if (await replayLog.FindAsync(set, cancellationToken) is not null)
        {
            throw new ReplayExistsException($"Det finns redan en omkörning {set.Id}. Starta nästa en sekund senare.");
        }

        var entry = new ReplayLogEntity
        {
            PartitionKey = StorageKeys.Year(year),
            RowKey = set.Id,
            Status = ReplayStatuses.Running,
            StartedBy = actor,
            StartedAt = startedAt,
            HeartbeatAt = startedAt,
        };
        await replayLog.UpsertAsync(entry, cancellationToken);
        LogStarted(year, set.Id);
        lease.StartHeartbeat((at, ct) => replayLog.BeatAsync(set, at, ct));
        try
        {
            var tables = new StorageTables(tableService, set.TablePrefix);
            await CreateSetAsync(tables, cancellationToken);
            await using var intake = BuildIntake(set, tables);

            var pipeline = intake.GetRequiredService<IntakePipeline>();
            var originals = await ListOriginalsAsync(pipeline, year, cancellationToken);
            var failures = await IngestAsync(pipeline, originals, cancellationToken);

            var replayTotals = new TotalsService(
                new LivePreviousYearTotals(year, liveTotals, intake.GetRequiredService<ITotalsStore>()),
                intake.GetRequiredService<TotalsCalculator>(),
                time,
                loggerFactory.CreateLogger<TotalsService>());
            var before = await ReplaySnapshot.ReadAsync(year, liveLog, liveCurrentReports, liveGrants, liveContacts, liveTotalsService, cancellationToken);
            var after = await ReplaySnapshot.ReadAsync(
                year,
                intake.GetRequiredService<IntakeLogStore>(),
                intake.GetRequiredService<CurrentReportStore>(),
                intake.GetRequiredService<GrantRegisterStore>(),
                intake.GetRequiredService<ContactStore>(),
                replayTotals,
                cancellationToken);
            var report = new ReplayReport(
                year,
                set.Id,
                actor,
                startedAt,
                time.GetUtcNow(),
                new ReplayOriginals(
                    originals.Count(o => o.Kind.Container == ContainerNames.Reports),
                    originals.Count(o => o.Kind.Container == ContainerNames.Grants),
                    originals.Count(o => o.Kind.Container == ContainerNames.Contacts),
                    failures.Count),
                ReplayComparison.Compare(before, after, registry),
                failures);
            await StoreReportAsync(set, report, cancellationToken);

            entry.Status = ReplayStatuses.Completed;
            entry.FinishedAt = time.GetUtcNow();
            entry.Originals = report.Originals.Total;
            entry.DifferenceCount = report.DifferenceCount;
            await replayLog.UpsertAsync(entry, cancellationToken);
            LogCompleted(year, set.Id, entry.Originals, failures.Count, entry.DifferenceCount);
            return new ReplayRun(year, set.Id, actor, startedAt, entry.FinishedAt.Value, entry.Originals, entry.DifferenceCount);
        }
        catch (Exception e)
        {
            LogFailed(year, set.Id, e.GetType().FullName);
            entry.Status = ReplayStatuses.Failed;
            entry.FinishedAt = time.GetUtcNow();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await replayLog.UpsertAsync(entry, timeout.Token);
            }
            catch (Exception logFailure) when (logFailure is RequestFailedException or OperationCanceledException)
            {
                LogFailureNotRecorded(year, set.Id, logFailure.GetType().FullName);
            }

            throw;
        }
    }

    public async Task<BinaryData?> OpenReportAsync(ReplaySet replay, ReplayReportFormat format, CancellationToken cancellationToken)
    {
        try
        {
            var download = await blobs.GetBlobContainerClient(ContainerNames.Replays).GetBlobClient(ReportBlobName(replay, format))
                .DownloadContentAsync(cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task CreateSetAsync(StorageTables tables, CancellationToken cancellationToken)
    {
        foreach (var table in TableNames.All)
        {
            await tables.Get(table).CreateIfNotExistsAsync(cancellationToken);
        }

        await blobs.GetBlobContainerClient(tables.ResultsContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await blobs.GetBlobContainerClient(ContainerNames.Replays).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Today's intake against the replay set: the app's own registrations, with the prefixed tables registered first and
    /// the one exception of <see cref="LivePreviousYear"/>. Shares the configuration, the storage clients, the clock and
    /// the logging of this host. Built once per run.
    /// </summary>
    private ServiceProvider BuildIntake(ReplaySet set, StorageTables tables)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(loggerFactory);
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton(registry);
        services.AddSingleton(blobs);
        services.AddSingleton(tableService);
        services.AddSingleton(tables);
        services.AddSingleton<IYearIntakeGate>(OpenYearIntakeGate.Instance);
        services.AddSingleton(liveClosures); // closings are not derived from originals: the replay refuses what live refused
        services.AddSingleton<IPreviousReportSource>(sp => new LivePreviousYear(set.Year, livePreviousReports, sp.GetRequiredService<CurrentReportStore>()));
        services.AddPoIntakeCore(configuration);
        services.AddPoIntakeScreening(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// One kept original: a blob, or an older version of a blob that was written again under the same name (read where the
    /// container keeps versions). <see cref="At"/> is the time its intake takes as received: when that content was written.
    /// </summary>
    private sealed record Original(IWorkbookKind Kind, string Name, string? BlobVersion, DateTimeOffset At, string Group)
    {
        public string Path => Kind.Container + "/" + Name;
    }

    /// <summary>
    /// Every original of the year of every kind the pipeline takes: the year's prefix of a year-scoped kind, all of a
    /// per-county register's container; every version of a blob written more than once, oldest first, where the storage
    /// account keeps versions (Azure; Azurite lists current blobs only, and a blob per upload needs none).
    /// </summary>
    private async Task<IReadOnlyList<Original>> ListOriginalsAsync(IntakePipeline pipeline, int year, CancellationToken cancellationToken)
    {
        var yearPrefix = StorageKeys.Year(year) + "/";
        var originals = new List<Original>();

        // Blob times have one-second resolution: within a second, the order the live intake processed the uploads (its
        // ProcessedAt) decides, then the name. Order-dependent findings (COVERAGE_OVERLAP names the reports already current)
        // then come out as live whenever the live intake took them one at a time.
        var liveOrder = (await liveLog.ListYearEntitiesAsync(year, cancellationToken))
            .GroupBy(e => ContainerNames.Reports + "/" + e.BlobName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(e => e.ProcessedAt), StringComparer.Ordinal);
        foreach (var kind in pipeline.Kinds)
        {
            foreach (var blob in await ListAsync(kind.Container, kind.IsYearScoped ? yearPrefix : null, cancellationToken))
            {
                // A year's originals belong with their county's (the intake's rules are per county: supersedes, the grant
                // cross-checks); per-county registers are not read by another kind's intake: one group per kind.
                var group = kind.IsYearScoped ? CountyFolder(blob.Name) : kind.Container;
                var version = blob.VersionId is { } id && blob.IsLatestVersion != true ? id : null;
                originals.Add(new Original(kind, blob.Name, version, blob.Properties.LastModified!.Value.ToUniversalTime(), group));
            }
        }

        return [.. originals
            .OrderBy(o => o.At)
            .ThenBy(o => liveOrder.TryGetValue(o.Path, out var processed) ? processed : DateTimeOffset.MaxValue)
            .ThenBy(o => o.Path, StringComparer.Ordinal)];
    }

    /// <summary>The county folder of <c>{year}/{county}/…</c> or <c>{year}/{county}.xlsx</c>; empty for a name without one.</summary>
    private static string CountyFolder(string name) =>
        name.Split('/') is { Length: > 1 } parts ? System.IO.Path.GetFileNameWithoutExtension(parts[1]) : string.Empty;

    private async Task<IReadOnlyList<BlobItem>> ListAsync(string container, string? prefix, CancellationToken cancellationToken)
    {
        var client = blobs.GetBlobContainerClient(container);
        if (!await client.ExistsAsync(cancellationToken))
        {
            return [];
        }

        var items = new List<BlobItem>();
        await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.Version, prefix, cancellationToken))
        {
            items.Add(blob);
        }

        return items;
    }

    /// <summary>Runs the originals: one county after another within <see cref="ReplayOptions.Concurrency"/>, each county's in upload order.</summary>
    private async Task<IReadOnlyList<ReplayFailure>> IngestAsync(IntakePipeline pipeline, IReadOnlyList<Original> originals, CancellationToken cancellationToken)
    {
        var failures = new System.Collections.Concurrent.ConcurrentQueue<(int Index, ReplayFailure Failure)>();
        var index = originals.Select((o, i) => (o, i)).ToDictionary(p => p.o, p => p.i);
        await Parallel.ForEachAsync(
            originals.GroupBy(o => o.Group, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                foreach (var original in group)
                {
                    try
                    {
                        await pipeline.IngestAsync(original.Kind.Container, original.Name, original.BlobVersion, ct);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
                    {
                        // The report intake has recorded it as Failed in the replay's IntakeLog, as live; the replay goes on.
                        var reason = e.GetType().FullName ?? e.GetType().Name;
                        LogOriginalFailed(original.Kind.Container, reason);
                        failures.Enqueue((index[original], new ReplayFailure(original.Path, reason)));
                    }
                }
            });
        return [.. failures.OrderBy(f => f.Index).Select(f => f.Failure)];
    }

    private async Task StoreReportAsync(ReplaySet set, ReplayReport report, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(ContainerNames.Replays);
        await container.GetBlobClient(ReportBlobName(set, ReplayReportFormat.Json)).UploadAsync(
            BinaryData.FromBytes(ReplayReportWriter.Json(report)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ReplayReportWriter.JsonContentType } },
            cancellationToken);
        await container.GetBlobClient(ReportBlobName(set, ReplayReportFormat.Xlsx)).UploadAsync(
            BinaryData.FromBytes(ReplayReportWriter.Xlsx(report, registry)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ReplayReportWriter.XlsxContentType } },
            cancellationToken);
    }

    // Blob names are uploaders' file names and may name a person: the log names the container and the replay only.
    [LoggerMessage(Level = LogLevel.Information, Message = "Replay of {Year} started as {ReplayId}")]
    private partial void LogStarted(int year, string replayId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Replay of {Year} ({ReplayId}) completed: {Originals} originals, {Failures} failed, {DifferenceCount} differences")]
    private partial void LogCompleted(int year, string replayId, int originals, int failures, int differenceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay: an original in {Container} failed with {FailureReason}; the replay goes on")]
    private partial void LogOriginalFailed(string container, string failureReason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay of {Year} ({ReplayId}) failed with {FailureReason}")]
    private partial void LogFailed(int year, string replayId, string? failureReason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay of {Year} ({ReplayId}) failed, and writing that to ReplayLog failed with {LogFailureReason}")]
    private partial void LogFailureNotRecorded(int year, string replayId, string? logFailureReason);
}
