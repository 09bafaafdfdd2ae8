using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using PoIntake.DevHost.Blobs;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Worker;
using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.Tests.DevHost;

public sealed class BlobTriggerDispatcherTests
{
    private readonly FakeWorker worker = new(FakeWorker.ReportIntake());
    private readonly IntakeObserver observer = new();

    private BlobTriggerDispatcher Dispatcher(HostJson? hostJson = null) => new(
        worker.Ready.Result.Blobs.Single(),
        worker,
        hostJson ?? HostJson.Read(Path.Combine(RepositoryRoot.Path, "functions")),
        observer,
        NullLogger<BlobTriggerDispatcher>.Instance,
        TimeSpan.Zero);

    private List<string> InvokedBlobs() =>
        [.. worker.Requests.Select(r => JsonDocument.Parse(r.InputData.Single().Data.ModelBindingData.Content.ToStringUtf8()).RootElement.GetProperty("BlobName").GetString()!)];

    [Fact]
    public void Container_IsTheTriggerPathsContainer()
    {
        Assert.Equal("reports", Dispatcher().Container);
    }

    [Fact]
    public async Task Dispatch_NewReportBlob_SendsTheEventGridBindingDataAndPathValues()
    {
        var invoked = await Dispatcher().DispatchAsync([new("2025/25/kiruna-po.xlsx", new ETag("1"))], CancellationToken.None);

        Assert.Equal(1, invoked);
        var request = Assert.Single(worker.Requests);
        Assert.Equal("IngestReportFunction-id", request.FunctionId);
        var binding = Assert.Single(request.InputData);
        Assert.Equal("blob", binding.Name);
        var data = binding.Data.ModelBindingData;
        Assert.Equal(("1.0", "AzureStorageBlobs", "application/json"), (data.Version, data.Source, data.ContentType));
        var content = JsonDocument.Parse(data.Content.ToStringUtf8()).RootElement;
        Assert.Equal("PoIntakeStorage", content.GetProperty("Connection").GetString());
        Assert.Equal("reports", content.GetProperty("ContainerName").GetString());
        Assert.Equal("2025/25/kiruna-po.xlsx", content.GetProperty("BlobName").GetString());
        Assert.Equal("2025", request.TriggerMetadata["year"].String);
        Assert.Equal("25", request.TriggerMetadata["countyCode"].String);
        Assert.Equal("kiruna-po", request.TriggerMetadata["name"].String);
        Assert.Equal("reports/2025/25/kiruna-po.xlsx", request.TriggerMetadata["BlobTrigger"].String);
        Assert.True(observer.WasHandled("2025/25/kiruna-po.xlsx"));
    }

    [Fact]
    public async Task Dispatch_SameBlobAndETagTwice_InvokesOnce()
    {
        var dispatcher = Dispatcher();
        BlobListing blob = new("2025/25/kiruna-po.xlsx", new ETag("1"));

        await dispatcher.DispatchAsync([blob], CancellationToken.None);
        var second = await dispatcher.DispatchAsync([blob], CancellationToken.None);

        Assert.Equal(0, second);
        Assert.Single(worker.Requests);
    }

    [Fact]
    public async Task Dispatch_BlobOverwritten_InvokesAgain()
    {
        var dispatcher = Dispatcher();

        await dispatcher.DispatchAsync([new("2025/25/kiruna-po.xlsx", new ETag("1"))], CancellationToken.None);
        await dispatcher.DispatchAsync([new("2025/25/kiruna-po.xlsx", new ETag("2"))], CancellationToken.None);

        Assert.Equal(["2025/25/kiruna-po.xlsx", "2025/25/kiruna-po.xlsx"], InvokedBlobs());
    }

    [Theory]
    [InlineData("2025/25/kiruna-po.csv")]
    [InlineData("kiruna-po.xlsx")]
    [InlineData("2025/kiruna-po.xlsx")]
    public async Task Dispatch_BlobOutsideTriggerPath_IsNotInvoked(string blobName)
    {
        var invoked = await Dispatcher().DispatchAsync([new(blobName, new ETag("1"))], CancellationToken.None);

        Assert.Equal(0, invoked);
        Assert.Empty(worker.Requests);
    }

    [Fact]
    public async Task Dispatch_FunctionKeepsFailing_TriesAsOftenAsHostJsonsPoisonThresholdThenLeavesTheBlob()
    {
        var hostJson = HostJson.Read(Path.Combine(RepositoryRoot.Path, "functions"));
        var dispatcher = Dispatcher(hostJson);
        BlobListing blob = new("2025/01/stockholm.xlsx", new ETag("1"));
        worker.Answer = _ => Task.FromResult(StatusResult.Types.Status.Failure);

        await dispatcher.DispatchAsync([blob], CancellationToken.None);
        await dispatcher.DispatchAsync([blob], CancellationToken.None);

        Assert.Equal(5, hostJson.PoisonBlobThreshold); // functions/host.json, extensions.blobs.poisonBlobThreshold
        Assert.Equal(hostJson.PoisonBlobThreshold, worker.Requests.Count);
        Assert.Equal([0, 1, 2, 3, 4], worker.Requests.Select(r => r.RetryContext.RetryCount));
        Assert.Equal("storage down", observer.FailureOf(blob.Name));
    }

    [Fact]
    public async Task Dispatch_PoisonThresholdFromHostJson_IsHonoured()
    {
        var dispatcher = Dispatcher(HostJson.Defaults with { PoisonBlobThreshold = 2 });
        worker.Answer = _ => Task.FromResult(StatusResult.Types.Status.Failure);

        await dispatcher.DispatchAsync([new("2025/01/stockholm.xlsx", new ETag("1"))], CancellationToken.None);

        Assert.Equal(2, worker.Requests.Count);
    }

    [Fact]
    public async Task Dispatch_FunctionFailsOnceThenSucceeds_StopsRetrying()
    {
        var dispatcher = Dispatcher();
        var calls = 0;
        worker.Answer = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? StatusResult.Types.Status.Failure : StatusResult.Types.Status.Success);

        await dispatcher.DispatchAsync([new("2025/01/stockholm.xlsx", new ETag("1"))], CancellationToken.None);

        Assert.Equal(2, worker.Requests.Count);
        Assert.Null(observer.FailureOf("2025/01/stockholm.xlsx"));
        Assert.Equal(2, observer.AttemptsOf("2025/01/stockholm.xlsx"));
    }
}
