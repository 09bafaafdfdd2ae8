using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PoIntake.Core.Intake;
using PoIntake.Functions.Intake;

namespace PoIntake.Tests.Functions;

public sealed class IngestReportFunctionTests
{
    private readonly Mock<IReportIntake> intake = new(MockBehavior.Strict);

    private static BlobClient Blob(string name) => new(new Uri($"http://127.0.0.1:1/devstoreaccount1/reports/{name}"));

    private IngestReportFunction Function() => new(intake.Object, NullLogger<IngestReportFunction>.Instance);

    [Fact]
    public async Task Run_PassesTheBlobNameWithinReportsAndTheToken()
    {
        using var cancellation = new CancellationTokenSource();
        intake.Setup(i => i.IngestAsync("2025/14/göteborg-po.xlsx", cancellation.Token))
            .ReturnsAsync(new IntakeRecord("2025/14/göteborg-po.xlsx", "ef56", DateTimeOffset.UnixEpoch, IntakeOutcome.Accepted, "Current", "2025-14-ef56", []));

        await Function().RunAsync(Blob("2025/14/göteborg-po.xlsx"), cancellation.Token);

        intake.VerifyAll();
    }

    [Fact]
    public async Task Run_IntakeSystemFailure_PropagatesSoTheHostRetries()
    {
        intake.Setup(i => i.IngestAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new RequestFailedException("down"));

        await Assert.ThrowsAsync<RequestFailedException>(() => Function().RunAsync(Blob("2025/14/x.xlsx"), CancellationToken.None));
    }

    [Fact]
    public void Trigger_UsesEventGridSourceOnTheReportsPath()
    {
        var parameter = typeof(IngestReportFunction).GetMethod(nameof(IngestReportFunction.RunAsync))!.GetParameters()[0];
        var trigger = (Microsoft.Azure.Functions.Worker.BlobTriggerAttribute)Attribute.GetCustomAttribute(parameter, typeof(Microsoft.Azure.Functions.Worker.BlobTriggerAttribute))!;

        Assert.Equal("reports/{year}/{countyCode}/{name}.xlsx", trigger.BlobPath);
        Assert.Equal(Microsoft.Azure.Functions.Worker.BlobTriggerSource.EventGrid, trigger.Source);
        Assert.Equal("PoIntakeStorage", trigger.Connection);
    }
}
