using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.DevHost.Blobs;
using PoIntake.DevHost.Functions;
using PoIntake.DevHost.Storage;
using PoIntake.Functions.Intake;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.DevHost;

// An Azurite of its own: the watcher lists the whole reports container, which other storage tests write to.
public sealed class BlobTriggerWatcherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watch_ReportDroppedWhileAPassRuns_IsIngestedWithoutWaitingForThePollInterval()
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
        var secondIngested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var intake = new Mock<IReportIntake>(MockBehavior.Strict);
        intake.Setup(i => i.IngestAsync("2025/25/first.xlsx", It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                firstStarted.TrySetResult();
                await releaseFirst.Task;
                return Record("2025/25/first.xlsx");
            });
        intake.Setup(i => i.IngestAsync("2025/25/second.xlsx", It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                secondIngested.TrySetResult();
                return Task.FromResult(Record("2025/25/second.xlsx"));
            });
        var services = new ServiceCollection()
            .AddSingleton(intake.Object)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .BuildServiceProvider();

        // The fake clock never moves, so the poll interval never elapses: only a pass started at once can see the second blob.
        using var watcher = new BlobTriggerWatcher(
            FunctionCatalog.FromAssembly(typeof(IngestReportFunction).Assembly), storage, services, new FakeTimeProvider(), NullLoggerFactory.Instance);
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            await firstStarted.Task.WaitAsync(Patience);
            await reports.UploadBlobAsync("2025/25/second.xlsx", BinaryData.FromString("second"));
            releaseFirst.SetResult();

            await secondIngested.Task.WaitAsync(Patience);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }

        intake.Verify(i => i.IngestAsync("2025/25/first.xlsx", It.IsAny<CancellationToken>()), Times.Once);
    }

    private static IntakeRecord Record(string blobName) =>
        new(blobName, "ab12", DateTimeOffset.UnixEpoch, IntakeOutcome.Accepted, "Current", "2025-25-ab12", []);
}
