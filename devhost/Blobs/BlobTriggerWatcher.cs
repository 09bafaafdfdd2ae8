using Azure.Storage.Blobs;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Storage;
using PoIntake.DevHost.Worker;

namespace PoIntake.DevHost.Blobs;

/// <summary>
/// Stands in for Event Grid locally (Azurite sends no events): polls the container of each blob trigger the worker
/// reported and dispatches new or changed blobs to the worker; waits <see cref="PollInterval"/> only after a pass that
/// found nothing to do.
/// </summary>
internal sealed partial class BlobTriggerWatcher(
    IWorkerInvoker worker,
    DevStorage storage,
    IntakeObserver observer,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly ILogger logger = loggers.CreateLogger<BlobTriggerWatcher>();

    private readonly TaskCompletionSource firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every blob present at start-up has been through its function (or its retries).</summary>
    public Task FirstPassCompleted => firstPass.Task;

    /// <summary>Retries of a failed blob wait this long (the host's queue visibility timeout is longer; locally, seconds matter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WorkerFunctions functions;
        try
        {
            await storage.Ready.WaitAsync(stoppingToken);
            functions = await worker.Ready.WaitAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            firstPass.TrySetException(ex);
            return;
        }

        var hostJson = HostJson.Read(worker.FunctionAppDirectory);
        var dispatchers = functions.Blobs
            .Select(f => new BlobTriggerDispatcher(f, worker, hostJson, observer, loggers.CreateLogger<BlobTriggerDispatcher>(), RetryDelay))
            .ToList();

        while (!stoppingToken.IsCancellationRequested)
        {
            var dispatched = await PassAsync(dispatchers, stoppingToken);
            firstPass.TrySetResult();
            if (dispatched > 0)
            {
                // Blobs dropped while this pass ran (a county board's batch, a national year) are picked up at once,
                // instead of leaving the worker idle for a poll interval after every pass.
                continue;
            }

            try
            {
                await Task.Delay(PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<int> PassAsync(List<BlobTriggerDispatcher> dispatchers, CancellationToken stoppingToken)
    {
        var dispatched = 0;
        foreach (var dispatcher in dispatchers)
        {
            try
            {
                var container = storage.Blobs(dispatcher.Trigger.Connection).GetBlobContainerClient(dispatcher.Container);
                dispatched += await dispatcher.DispatchAsync(await ListAsync(container, stoppingToken), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, ex, dispatcher.Container);
            }
        }

        return dispatched;
    }

    private static async Task<List<BlobListing>> ListAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var blobs = new List<BlobListing>();
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            blobs.Add(new BlobListing(item.Name, item.Properties.ETag ?? default));
        }

        return blobs;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list container {Container}; trying again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string container);
}
