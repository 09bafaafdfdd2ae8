using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Replay;

/// <summary>
/// A "live" table set and a replay of one year on the shared Azurite, both filled by the real intake: the live set under a
/// prefix of its own (so a test owns the whole year), the replay under <see cref="ReplaySet.TablePrefix"/>, as the engine
/// fills it. The reports container is shared, as in Azure: both intakes read the same originals.
/// </summary>
internal sealed class SwitchWorld : IAsyncDisposable
{
    private SwitchWorld(AzuriteFixture azurite, IntakeHarness live, IntakeHarness replayed, ReplaySet replay, string county)
    {
        Azurite = azurite;
        Live = live;
        Replayed = replayed;
        Replay = replay;
        County = county;
        Log = new ReplayLogStore(live.Get<StorageTables>());
    }

    public AzuriteFixture Azurite { get; }

    public IntakeHarness Live { get; }

    public IntakeHarness Replayed { get; }

    public ReplaySet Replay { get; }

    public int Year => Replay.Year;

    public string County { get; }

    public ReplayLogStore Log { get; }

    public StorageTables LiveTables => Live.Get<StorageTables>();

    public StorageTables ReplayTables => Replayed.Get<StorageTables>();

    public StorageTables BackupTables => new(Live.Get<TableServiceClient>(), Replay.BackupPrefix);

    public static async Task<SwitchWorld> CreateAsync(AzuriteFixture azurite)
    {
        var (year, county) = azurite.NextOrigin();
        // A start time of its own per world: the replay's and the backup's tables are named after it.
        var replay = ReplaySet.New(year, new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero).AddSeconds(Random.Shared.Next(0, 300_000_000)));
        var live = await IntakeHarness.CreateAsync(azurite, tablePrefix: "Live" + Guid.NewGuid().ToString("N")[..12]);
        var replayed = await IntakeHarness.CreateAsync(azurite, tablePrefix: replay.TablePrefix);
        return new SwitchWorld(azurite, live, replayed, replay, county);
    }

    /// <summary>Drops a valid report of the year under a unique name; returns its blob name.</summary>
    public async Task<string> DropReportAsync(string operationName, int seed, int? year = null)
    {
        var blobName = $"{year ?? Year}/{County}/switch-{Guid.NewGuid():N}.xlsx";
        await Live.DropAsync(blobName, Live.Workbook(TestReports.Create(year ?? Year, County, operationName, seed)));
        return blobName;
    }

    public Task IngestLiveAsync(string blobName) => Live.Intake.IngestAsync(blobName, CancellationToken.None);

    public Task IngestReplayAsync(string blobName) => Replayed.Intake.IngestAsync(blobName, CancellationToken.None);

    /// <summary>The ReplayLog row the engine writes when it has filled the replay set.</summary>
    public Task MarkAsync(string status) => Log.UpsertAsync(
        new ReplayLogEntity
        {
            PartitionKey = StorageKeys.Year(Year),
            RowKey = Replay.Id,
            Status = status,
            StartedBy = "replay-test",
            StartedAt = Live.Time.GetUtcNow(),
        },
        CancellationToken.None);

    public ReplaySwitchService Switch(HttpPipelinePolicy? tablePolicy = null, YearLockOptions? lockOptions = null, ReplayOptions? replayOptions = null)
    {
        var options = new TableClientOptions();
        if (tablePolicy is not null)
        {
            options.AddPolicy(tablePolicy, HttpPipelinePosition.PerCall);
        }

        var service = new TableServiceClient(Azurite.ConnectionString, options);
        var live = new StorageTables(service, LiveTables.Prefix);
        return new ReplaySwitchService(
            service, Live.Get<BlobServiceClient>(), live, new ReplayLogStore(live), new YearRevisionStore(live, Live.Time),
            Locks(live, lockOptions), new YearClosureStore(live, Live.Time, Options.Create(new YearClosingOptions())), Live.Time, Options.Create(replayOptions ?? new ReplayOptions()), new ListLogger<ReplaySwitchService>(Events));
    }

    /// <summary>The event ids the switches of this world logged.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<int> Events { get; } = new();

    /// <summary>The year lock of the live set; a switch does not wait for intakes unless told (the clock is fake).</summary>
    public YearLockStore Locks(StorageTables? tables = null, YearLockOptions? options = null) =>
        new(tables ?? LiveTables, Live.Time, Options.Create(options ?? new YearLockOptions { SwitchWaitSeconds = 0 }), NullLogger<YearLockStore>.Instance);

    /// <summary>A live intake that does not pass the year's lock: what an intake whose mark went stale would do.</summary>
    public async Task<IntakeHarness> UngatedLiveIntakeAsync() =>
        await IntakeHarness.CreateAsync(Azurite, tablePrefix: LiveTables.Prefix, yearGate: false);

    /// <summary>Every year row of the set by table and key, with its properties and their types as text (no timestamp, no ETag).</summary>
    public async Task<SortedDictionary<string, string>> SnapshotAsync(StorageTables tables)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in YearScope.YearRowTables)
        {
            foreach (var row in await YearScope.ReadYearAsync(tables, table, Year, CancellationToken.None))
            {
                rows[$"{table}|{row.PartitionKey}|{row.RowKey}"] = string.Join(
                    ";", row.Where(p => p.Key is not ("Timestamp" or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}:{p.Value?.GetType().Name}"));
            }
        }

        return rows;
    }

    public Task<List<string>> ResultBlobsAsync(StorageTables tables) =>
        YearScope.ListResultBlobsAsync(Live.Get<BlobServiceClient>().GetBlobContainerClient(tables.ResultsContainer), Year, CancellationToken.None);

    /// <summary>The totals JSON of the year as <c>GET /api/totals/{year}</c> serves it, <c>generatedAt</c> aside.</summary>
    public static async Task<string?> TotalsJsonAsync(TotalsService totals, int year)
    {
        if (await totals.GetAsync(year, CancellationToken.None) is not { } computed)
        {
            return null;
        }

        var json = JsonNode.Parse(computed.Json)!.AsObject();
        json.Remove("generatedAt");
        return json.ToJsonString();
    }

    /// <summary>Another replay of the same year and live set, its tables empty: the engine wrote only its log row.</summary>
    public sealed record Sibling(SwitchWorld World, ReplaySet Replay)
    {
        public Task MarkCompletedAsync() => World.Log.UpsertAsync(
            new ReplayLogEntity { PartitionKey = StorageKeys.Year(Replay.Year), RowKey = Replay.Id, Status = ReplayStatuses.Completed, StartedBy = "replay-test" },
            CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Live.DisposeAsync();
        await Replayed.DisposeAsync();
    }
}

/// <summary>Keeps the event id of every log record.</summary>
internal sealed class ListLogger<T>(System.Collections.Concurrent.ConcurrentQueue<int> events) : Microsoft.Extensions.Logging.ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        events.Enqueue(eventId.Id);
}

/// <summary>Runs an action once, after the n-th table request whose path contains <paramref name="table"/> and that is not a read (any table: null).</summary>
internal sealed class AfterWritePolicy(string? table, int n, Func<Task> action) : HttpPipelinePolicy
{
    private int _writes;

    public bool Acted { get; private set; }

    public int Writes => Volatile.Read(ref _writes);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (message.Request.Method != RequestMethod.Get
            && (table is null || message.Request.Uri.Path.Contains(table, StringComparison.Ordinal))
            && Interlocked.Increment(ref _writes) == n)
        {
            await action();
            Acted = true;
        }
    }
}

/// <summary>Throws before the n-th table request (a crash of the process half way), once.</summary>
internal sealed class CrashAtRequestPolicy(int crashAt) : HttpPipelinePolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Tick();
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Tick();
        await ProcessNextAsync(message, pipeline);
    }

    private void Tick()
    {
        if (Interlocked.Increment(ref _count) == crashAt)
        {
            throw new InvalidOperationException("Simulated crash before table request " + crashAt);
        }
    }
}
