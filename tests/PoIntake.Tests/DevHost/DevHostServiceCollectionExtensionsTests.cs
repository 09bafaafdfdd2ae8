using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PoIntake.Core.Intake;
using PoIntake.DevHost;
using PoIntake.DevHost.Functions;
using PoIntake.DevHost.Intake;

namespace PoIntake.Tests.DevHost;

public sealed class DevHostServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddDevHost_WrapsTheRegisteredIntake_SoResultsReachTheSummary()
    {
        var inner = new Mock<IReportIntake>(MockBehavior.Strict);
        var record = new IntakeRecord("2021/25/x.xlsx", "9f", DateTimeOffset.UnixEpoch, IntakeOutcome.Rejected, null, null, []);
        inner.Setup(i => i.IngestAsync("2021/25/x.xlsx", It.IsAny<CancellationToken>())).ReturnsAsync(record);
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(inner.Object);

        await using var provider = services.AddDevHost(new DevHostOptions("/repo", UploadSamples: false)).BuildServiceProvider();
        var intake = provider.GetRequiredService<IReportIntake>();
        var returned = await intake.IngestAsync("2021/25/x.xlsx", CancellationToken.None);

        Assert.IsType<ObservedReportIntake>(intake);
        Assert.Same(record, returned);
        Assert.Same(record, provider.GetRequiredService<IntakeObserver>().Find("2021/25/x.xlsx"));
    }

    [Fact]
    public void AddDevHost_CatalogsTheFunctionsAssembly()
    {
        using var provider = new ServiceCollection()
            .AddDevHost(new DevHostOptions("/repo", UploadSamples: false))
            .BuildServiceProvider();

        Assert.Contains(provider.GetRequiredService<FunctionCatalog>().Blobs, b => b.Function.Name == "IngestReportFunction");
    }

    [Fact]
    public void AddDevHostConfiguration_SampleOutbox_IsTheRepositorysWhicheverFolderDevhostStartsIn()
    {
        // The sample says ".outbox"; the test runs in the build output, so a path relative to the working directory would land there.
        var builder = WebApplication.CreateBuilder();

        builder.AddDevHostConfiguration(new DevHostOptions(RepositoryRoot.Path, UploadSamples: false), []);

        Assert.NotEqual(RepositoryRoot.Path, Directory.GetCurrentDirectory());
        Assert.Equal(Path.Combine(RepositoryRoot.Path, ".outbox"), builder.Configuration["Email:OutboxDirectory"]);
    }

    [Fact]
    public void AddDevHostConfiguration_AbsoluteOutboxFromTheCommandLine_KeptAsGiven()
    {
        var outbox = Path.Combine(Path.GetTempPath(), "pointake-outbox-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder();

        builder.AddDevHostConfiguration(new DevHostOptions(RepositoryRoot.Path, UploadSamples: false), ["--Email:OutboxDirectory=" + outbox]);

        Assert.Equal(outbox, builder.Configuration["Email:OutboxDirectory"]);
    }
}
