using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PoIntake.Core.Intake;
using PoIntake.DevHost.Blobs;
using PoIntake.DevHost.Functions;
using PoIntake.Functions.Intake;

namespace PoIntake.Tests.DevHost;

public sealed class BlobTriggerDispatcherTests
{
    // Building clients makes no request; the function under test only reads the blob's name.
    private static readonly BlobContainerClient Reports = new(new Uri("http://127.0.0.1:1/devstoreaccount1/reports"));

    private readonly Mock<IReportIntake> intake = new(MockBehavior.Strict);

    private BlobTriggerDispatcher Dispatcher()
    {
        var services = new ServiceCollection()
            .AddSingleton(intake.Object)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .BuildServiceProvider();
        var function = FunctionCatalog.FromAssembly(typeof(IngestReportFunction).Assembly)
            .Blobs.Single(f => f.Function.Type == typeof(IngestReportFunction));
        return new BlobTriggerDispatcher(function, services, NullLogger<BlobTriggerDispatcher>.Instance, TimeSpan.Zero);
    }

    private void IntakeAccepts(string blobName) =>
        intake.Setup(i => i.IngestAsync(blobName, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new IntakeRecord(blobName, "ab12", DateTimeOffset.UnixEpoch, IntakeOutcome.Accepted, "Current", "2025-25-ab12", []));

    [Fact]
    public void Container_IsTheTriggerPathsContainer()
    {
        Assert.Equal("reports", Dispatcher().Container);
    }

    [Fact]
    public async Task Dispatch_NewReportBlob_IngestsItByBlobName()
    {
        IntakeAccepts("2025/25/kiruna-po.xlsx");

        var invoked = await Dispatcher().DispatchAsync(Reports, [new("2025/25/kiruna-po.xlsx", new ETag("1"))], CancellationToken.None);

        Assert.Equal(1, invoked);
        intake.Verify(i => i.IngestAsync("2025/25/kiruna-po.xlsx", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Dispatch_SameBlobAndETagTwice_IngestsOnce()
    {
        IntakeAccepts("2025/25/kiruna-po.xlsx");
        var dispatcher = Dispatcher();
        BlobListing blob = new("2025/25/kiruna-po.xlsx", new ETag("1"));

        await dispatcher.DispatchAsync(Reports, [blob], CancellationToken.None);
        var second = await dispatcher.DispatchAsync(Reports, [blob], CancellationToken.None);

        Assert.Equal(0, second);
        intake.Verify(i => i.IngestAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Dispatch_BlobOverwritten_IngestsAgain()
    {
        IntakeAccepts("2025/25/kiruna-po.xlsx");
        var dispatcher = Dispatcher();

        await dispatcher.DispatchAsync(Reports, [new("2025/25/kiruna-po.xlsx", new ETag("1"))], CancellationToken.None);
        await dispatcher.DispatchAsync(Reports, [new("2025/25/kiruna-po.xlsx", new ETag("2"))], CancellationToken.None);

        intake.Verify(i => i.IngestAsync("2025/25/kiruna-po.xlsx", It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Theory]
    [InlineData("2025/25/kiruna-po.csv")]
    [InlineData("kiruna-po.xlsx")]
    [InlineData("2025/kiruna-po.xlsx")]
    public async Task Dispatch_BlobOutsideTriggerPath_IsNotIngested(string blobName)
    {
        var invoked = await Dispatcher().DispatchAsync(Reports, [new(blobName, new ETag("1"))], CancellationToken.None);

        Assert.Equal(0, invoked);
        intake.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Dispatch_IntakeKeepsFailing_TriesFiveTimesThenLeavesTheBlob()
    {
        var dispatcher = Dispatcher();
        BlobListing blob = new("2025/01/stockholm.xlsx", new ETag("1"));
        intake.Setup(i => i.IngestAsync(blob.Name, It.IsAny<CancellationToken>())).ThrowsAsync(new RequestFailedException("storage down"));

        await dispatcher.DispatchAsync(Reports, [blob], CancellationToken.None);
        await dispatcher.DispatchAsync(Reports, [blob], CancellationToken.None);

        intake.Verify(i => i.IngestAsync(blob.Name, It.IsAny<CancellationToken>()), Times.Exactly(BlobTriggerDispatcher.MaxAttempts));
        Assert.Equal(5, BlobTriggerDispatcher.MaxAttempts);
    }

    [Fact]
    public async Task Dispatch_IntakeFailsOnceThenSucceeds_StopsRetrying()
    {
        var dispatcher = Dispatcher();
        const string name = "2025/01/stockholm.xlsx";
        intake.SetupSequence(i => i.IngestAsync(name, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("busy"))
            .ReturnsAsync(new IntakeRecord(name, "cd34", DateTimeOffset.UnixEpoch, IntakeOutcome.Rejected, null, null, []));

        await dispatcher.DispatchAsync(Reports, [new(name, new ETag("1"))], CancellationToken.None);

        intake.Verify(i => i.IngestAsync(name, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
