using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PoIntake.Core.Storage;
using PoIntake.DevHost.Blobs;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Storage;
using PoIntake.DevHost.Worker.Rpc;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.DevHost;

// An Azurite of its own: the watcher lists the whole reports container, which other storage tests write to.
public sealed class BlobTriggerWatcherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watch_ReportDroppedWhileAPassRuns_IsDispatchedWithoutWaitingForThePollInterval()
    {
        var storage = new DevStorage(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionNames.Storage] = azurite.ConnectionString })
            .Build());
        await storage.InitializeAsync(CancellationToken.None);
        storage.MarkReady();
        var reports = storage.Blobs().GetBlobContainerClient(ContainerNames.Reports);
        await reports.UploadBlobAsync("2025/25/first.xlsx", BinaryData.FromString("first"));

        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondInvoked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = new FakeWorker(FakeWorker.ReportIntake())
        {
            Answer = async request =>
            {
                var blob = JsonDocument.Parse(request.InputData.Single().Data.ModelBindingData.Content.ToStringUtf8()).RootElement.GetProperty("BlobName").GetString();
                if (blob == "2025/25/first.xlsx")
                {
                    firstStarted.TrySetResult();
                    await releaseFirst.Task;
                }
                else
                {
                    secondInvoked.TrySetResult();
                }

                return StatusResult.Types.Status.Success;
            },
        };

        // The fake clock never moves, so the poll interval never elapses: only a pass started at once can see the second blob.
        using var watcher = new BlobTriggerWatcher(worker, storage, new IntakeObserver(), new FakeTimeProvider(), NullLoggerFactory.Instance);
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            await firstStarted.Task.WaitAsync(Patience);
            await reports.UploadBlobAsync("2025/25/second.xlsx", BinaryData.FromString("second"));
            releaseFirst.SetResult();

            await secondInvoked.Task.WaitAsync(Patience);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }

        Assert.Equal(2, worker.Requests.Count);
    }
}
