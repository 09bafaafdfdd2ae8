using Azure.Storage.Blobs;
using PoIntake.DevHost.Functions;
using PoIntake.DevHost.Storage;

namespace PoIntake.DevHost.Blobs;

/// <summary>
/// Stands in for Event Grid locally (Azurite sends no events): polls each trigger's container and dispatches new or
/// changed blobs; waits <see cref="PollInterval"/> only after a pass that found nothing to do.
/// </summary>
internal sealed partial class BlobTriggerWatcher(
    FunctionCatalog catalog,
    DevStorage storage,
    IServiceProvider services,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly ILogger logger = loggers.CreateLogger<BlobTriggerWatcher>();

    /// <summary>Completes once every blob present at start-up has been through its function (or its retries).</summary>
    public Task FirstPassCompleted => firstPass.Task;

    private readonly TaskCompletionSource firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatchers = catalog.Blobs
            .Select(f => new BlobTriggerDispatcher(f, services, loggers.CreateLogger<BlobTriggerDispatcher>(), TimeSpan.FromSeconds(1)))
            .ToList();
        await storage.Ready.WaitAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            var dispatched = 0;
            foreach (var dispatcher in dispatchers)
            {
                try
                {
                    var container = storage.Blobs(dispatcher.Function.Connection).GetBlobContainerClient(dispatcher.Container);
                    dispatched += await dispatcher.DispatchAsync(container, await ListAsync(container, stoppingToken), stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPollFailed(logger, ex, dispatcher.Container);
                }
            }

            firstPass.TrySetResult();
            if (dispatched > 0)
            {
                // Blobs dropped while this pass ran (a county board's batch, a national year) are picked up at once,
                // instead of leaving the workers idle for a poll interval after every pass.
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
