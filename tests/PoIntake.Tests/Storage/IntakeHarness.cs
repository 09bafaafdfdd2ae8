using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PoIntake.Core;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;

namespace PoIntake.Tests.Storage;

/// <summary>
/// The real intake and stores wired by <see cref="StorageServiceCollectionExtensions.AddPoIntakeStorage"/> against the
/// shared Azurite. With real workbooks (the default): the real screener, parser and comparer, and workbooks written by
/// <see cref="ReportWorkbookWriter"/>. Otherwise a fake screener/parser (to inject parser failures or exact findings)
/// and a comparer that finds nothing.
/// </summary>
internal sealed class IntakeHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private readonly bool _realWorkbooks;

    private IntakeHarness(ServiceProvider provider, bool realWorkbooks, FakeWorkbooks workbooks, FakeTimeProvider time, CapturingLoggerProvider logs)
    {
        _provider = provider;
        _realWorkbooks = realWorkbooks;
        Workbooks = workbooks;
        Time = time;
        Logs = logs;
    }

    public FakeWorkbooks Workbooks { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public IReportIntake Intake => _provider.GetRequiredService<IReportIntake>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public BlobContainerClient Reports => Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Reports);

    public TableClient Table(string name) => Get<TableServiceClient>().GetTableClient(name);

    public static async Task<IntakeHarness> CreateAsync(
        AzuriteFixture azurite, bool realWorkbooks = true, int maxFileBytes = 1_000_000, HttpPipelinePolicy? tablePolicy = null, string? tablePrefix = null,
        bool yearGate = true)
    {
        await azurite.StartAsync(); // no-op when running; recovers from an outage test that failed half-way
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [ConnectionNames.Storage] = azurite.ConnectionString,
                [$"{ScreeningOptions.SectionName}:{nameof(ScreeningOptions.MaxFileBytes)}"] = maxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),

                // The clock is fake, so an intake waiting for a switch would wait for ever: it gives up at once instead.
                [$"{YearLockOptions.SectionName}:{nameof(YearLockOptions.IntakeWaitSeconds)}"] = "0",
            })
            .Build();

        var workbooks = new FakeWorkbooks(maxFileBytes);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 20, 9, 0, 0, TimeSpan.Zero));
        var logs = new CapturingLoggerProvider();
        var comparer = new Mock<IPreviousYearComparer>();
        comparer.Setup(c => c.Compare(It.IsAny<ParseResult>(), It.IsAny<IReadOnlyList<Fact>>())).Returns(Array.Empty<Finding>());

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddSingleton<IConfiguration>(configuration); // options bound from configuration (e.g. TotalsService's)
        if (!realWorkbooks)
        {
            services.AddSingleton<IWorkbookScreener>(workbooks);
            services.AddSingleton<IReportParser>(workbooks);
            services.AddSingleton(comparer.Object);
        }

        // Few, quick retries: an outage should fail the intake in well under a second, not after the SDK's minute of backoff.
        var tableOptions = new TableClientOptions();
        QuickRetries(tableOptions.Retry);
        if (tablePolicy is not null)
        {
            tableOptions.AddPolicy(tablePolicy, HttpPipelinePosition.PerRetry);
        }

        var blobOptions = new BlobClientOptions();
        QuickRetries(blobOptions.Retry);
        services.AddSingleton(new TableServiceClient(azurite.ConnectionString, tableOptions));
        services.AddSingleton(new BlobServiceClient(azurite.ConnectionString, blobOptions));
        if (tablePrefix is not null)
        {
            services.AddSingleton(provider => new StorageTables(provider.GetRequiredService<TableServiceClient>(), tablePrefix));
        }

        if (!yearGate)
        {
            // An intake past the year's lock: what a mark gone stale would let through (the switch's own re-checks).
            services.AddSingleton<IYearIntakeGate>(OpenYearIntakeGate.Instance);
        }

        services.AddPoIntakeCore(configuration);
        if (realWorkbooks)
        {
            services.AddPoIntakeScreening(configuration);
        }
        else
        {
            services.AddOptions<ScreeningOptions>().Bind(configuration.GetSection(ScreeningOptions.SectionName));
        }

        services.AddSingleton<TimeProvider>(time);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        return new IntakeHarness(provider, realWorkbooks, workbooks, time, logs);
    }

    /// <summary>The bytes of a workbook holding the report (and, with the fake parser only, exactly these findings).</summary>
    public byte[] Workbook(AnnualReport report, params Finding[] fakeFindings)
    {
        if (!_realWorkbooks)
        {
            return Workbooks.Register(report, fakeFindings);
        }

        Assert.Empty(fakeFindings);
        return ReportWorkbookWriter.Write(report);
    }

    /// <summary>Drops bytes at reports/{blobName}, as a county board would; returns the blob's creation time (the intake's ReceivedAt).</summary>
    public async Task<DateTimeOffset> DropAsync(string blobName, byte[] content)
    {
        var blob = Reports.GetBlobClient(blobName);
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
        BlobProperties properties = await blob.GetPropertiesAsync();
        return properties.CreatedOn;
    }

    public async Task<List<T>> PartitionAsync<T>(string table, string partitionKey) where T : class, ITableEntity, new()
    {
        var result = new List<T>();
        await foreach (var entity in Table(table).QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
        {
            result.Add(entity);
        }

        return result;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static void QuickRetries(RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(20);
        retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        retry.NetworkTimeout = TimeSpan.FromSeconds(20);
    }
}

/// <summary>Keeps every formatted log line with its level and exception, to assert what the intake logs.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception, EventId EventId)> Entries { get; } = new();

    /// <summary>Every structured value (message template arguments and scope values) as text.</summary>
    public ConcurrentQueue<string> StateValues { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            Record(state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Entries.Enqueue((logLevel, formatter(state, exception), exception, eventId));
            Record(state);
        }

        private void Record(object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (_, value) in pairs)
                {
                    owner.StateValues.Enqueue(value switch
                    {
                        null => string.Empty,
                        string text => text,
                        System.Collections.IEnumerable many => string.Join("|", many.Cast<object?>()),
                        _ => value.ToString() ?? string.Empty,
                    });
                }
            }
            else if (state is not null)
            {
                owner.StateValues.Enqueue(state.ToString() ?? string.Empty);
            }
        }
    }
}

/// <summary>
/// Stops Azurite just before the n-th table request, or before the first request to a named table: an outage at a
/// chosen step of the write order.
/// </summary>
internal sealed class OutageAtRequestPolicy(AzuriteFixture azurite) : HttpPipelinePolicy
{
    private int _remaining = int.MaxValue;
    private volatile string? _table;

    public void StopBeforeRequest(int n) => Volatile.Write(ref _remaining, n);

    /// <summary>Stops before the first request to <paramref name="table"/> (e.g. the revision bump of step 5).</summary>
    public void StopBeforeRequestTo(string table) => _table = table;

    public void Disarm()
    {
        Volatile.Write(ref _remaining, int.MaxValue);
        _table = null;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var table = _table;
        if (table is not null && message.Request.Uri.Path.Contains("/" + table, StringComparison.Ordinal))
        {
            _table = null;
            await azurite.StopAsync();
        }
        else if (Interlocked.Decrement(ref _remaining) == 0)
        {
            await azurite.StopAsync();
        }

        await ProcessNextAsync(message, pipeline);
    }
}
