using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Storage;
using PoIntake.DevHost;
using PoIntake.DevHost.Blobs;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Timers;
using PoIntake.DevHost.Worker;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;

namespace PoIntake.Tests.EndToEnd;

/// <summary>
/// devhost as `dotnet run --project devhost` builds it (the same <see cref="DevHostApp"/>), on free ports, against a
/// storage account of its own in the tests' Azurite, with role keys required as in Azure: the real worker process runs
/// every function. One per test run (<see cref="LocalFunctionsFixture"/>), so the worker starts once.
/// </summary>
internal sealed class LocalFunctions : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalFunctions(WebApplication app, Uri baseAddress, string connectionString, string outbox, StorageScenario scenario, WorkerFunctions functions)
    {
        this.app = app;
        BaseAddress = baseAddress;
        ConnectionString = connectionString;
        Outbox = outbox;
        Scenario = scenario;
        Functions = functions;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string ConnectionString { get; }

    public string Outbox { get; }

    /// <summary>The app's own services on the same storage account, to arrange data and read what the worker wrote.</summary>
    public StorageScenario Scenario { get; }

    /// <summary>The functions the worker reported and loaded.</summary>
    public WorkerFunctions Functions { get; }

    public WorkerHost Worker => app.Services.GetRequiredService<WorkerHost>();

    public WorkerChannel Channel => app.Services.GetRequiredService<WorkerChannel>();

    public TimerScheduler Timers => app.Services.GetRequiredService<TimerScheduler>();

    public IntakeObserver Observer => app.Services.GetRequiredService<IntakeObserver>();

    public static async Task<LocalFunctions> StartAsync(AzuriteFixture azurite)
    {
        var connectionString = azurite.IsolatedConnectionString();
        var outbox = Path.Combine(Path.GetTempPath(), "pointake-e2e-outbox-" + Guid.NewGuid().ToString("N"));
        var options = new DevHostOptions(RepositoryRoot.Path, UploadSamples: false)
        {
            HttpPort = DevHostOptions.FreeLoopbackPort(),
            StartAzurite = false,
        };
        var overrides = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            [ConnectionNames.Storage] = connectionString,
            ["Email:OutboxDirectory"] = outbox,
            // Once a year at New Year: the tests raise the timer themselves, so no scheduled pass interferes.
            ["RemindersSchedule"] = "0 0 0 1 1 *",
        };
        foreach (var (key, value) in Access.TestRoleKeys.Settings())
        {
            overrides[key] = value;
        }

        var app = DevHostApp.Build(options, [], overrides, builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        try
        {
            var functions = await app.Services.GetRequiredService<WorkerHost>().Ready.WaitAsync(WorkerHost.StartTimeout);
            await app.Services.GetRequiredService<BlobTriggerWatcher>().FirstPassCompleted.WaitAsync(WorkerHost.StartTimeout);
            var scenario = await StorageScenario.ForAsync(connectionString);
            return new LocalFunctions(app, new Uri(options.BaseUrl), connectionString, outbox, scenario, functions);
        }
        catch
        {
            await app.StopAsync();
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Uploads <paramref name="content"/> to <paramref name="container"/>/<paramref name="blobName"/> as a county board
    /// would and waits until the worker's blob function for it has settled (succeeded, or failed all its tries): true when it succeeded.
    /// </summary>
    public async Task<bool> DropAsync(string container, string blobName, byte[] content, TimeSpan? patience = null)
    {
        var settled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSettled(string name)
        {
            if (name == blobName)
            {
                settled.TrySetResult(Observer.FailureOf(name) is null);
            }
        }

        Observer.Settled += OnSettled;
        try
        {
            await Scenario.Get<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient(container).GetBlobClient(blobName)
                .UploadAsync(BinaryData.FromBytes(content), overwrite: true);
            return await settled.Task.WaitAsync(patience ?? TimeSpan.FromMinutes(2));
        }
        finally
        {
            Observer.Settled -= OnSettled;
        }
    }

    /// <summary>Drops a report workbook into reports/ and returns the validation report the worker's intake stored for it.</summary>
    public async Task<IntakeResultDocument> DropReportAsync(string blobName, byte[] content)
    {
        Assert.True(await DropAsync(ContainerNames.Reports, blobName, content), $"the worker's intake failed for {blobName}: {Observer.FailureOf(blobName)}");
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var result = await Scenario.Get<IntakeResultStore>().FindAsync(StorageKeys.ResultBlobName(blobName, pathIsValid: true, sha256), CancellationToken.None);
        return result ?? throw new InvalidOperationException($"No validation report stored for {blobName} ({sha256[..16]}).");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (Directory.Exists(Outbox))
        {
            Directory.Delete(Outbox, recursive: true);
        }
    }
}

/// <summary>The one <see cref="LocalFunctions"/> of a test run, started by the first test that asks and stopped with the collection.</summary>
public sealed class LocalFunctionsFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private LocalFunctions? host;

    internal async Task<LocalFunctions> ForAsync(AzuriteFixture azurite)
    {
        await gate.WaitAsync();
        try
        {
            return host ??= await LocalFunctions.StartAsync(azurite);
        }
        finally
        {
            gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
