using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PoIntake.DevHost;
using PoIntake.DevHost.Worker;

namespace PoIntake.Tests.DevHost;

public sealed class DevHostServiceCollectionExtensionsTests
{
    private static WorkerSettings WorkerSettingsOf(WebApplicationBuilder builder)
    {
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<WorkerSettings>();
    }

    [Fact]
    public void AddDevHostConfiguration_SampleOutbox_IsTheRepositorysWhicheverFolderDevhostStartsIn()
    {
        // The sample says ".outbox"; the test runs in the build output, so a path relative to the working directory would land there.
        var builder = WebApplication.CreateBuilder();

        builder.AddDevHostConfiguration(new DevHostOptions(RepositoryRoot.Path, UploadSamples: false), []);

        Assert.NotEqual(RepositoryRoot.Path, Directory.GetCurrentDirectory());
        Assert.Equal(Path.Combine(RepositoryRoot.Path, ".outbox"), builder.Configuration["Email:OutboxDirectory"]);
        // The worker runs in the functions' build output: it must get the same absolute folder, not the relative sample value.
        Assert.Equal(Path.Combine(RepositoryRoot.Path, ".outbox"), WorkerSettingsOf(builder).Values["Email:OutboxDirectory"]);
    }

    [Fact]
    public void AddDevHostConfiguration_AbsoluteOutboxFromTheCommandLine_KeptAsGivenAndPassedToTheWorker()
    {
        var outbox = Path.Combine(Path.GetTempPath(), "pointake-outbox-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder();

        builder.AddDevHostConfiguration(new DevHostOptions(RepositoryRoot.Path, UploadSamples: false), ["--Email:OutboxDirectory=" + outbox]);

        Assert.Equal(outbox, builder.Configuration["Email:OutboxDirectory"]);
        Assert.Equal(outbox, WorkerSettingsOf(builder).Values["Email:OutboxDirectory"]);
    }

    [Fact]
    public void AddDevHostConfiguration_WorkerGetsTheSampleValuesAndOverridesAsEnvironmentVariables()
    {
        var builder = WebApplication.CreateBuilder();

        builder.AddDevHostConfiguration(
            new DevHostOptions(RepositoryRoot.Path, UploadSamples: false),
            [],
            new Dictionary<string, string?> { ["PoIntakeStorage"] = "UseDevelopmentStorage=true;x=1" });

        var values = WorkerSettingsOf(builder).Values;
        Assert.Equal("0 5 * * * *", values["RemindersSchedule"]);
        Assert.Equal("UseDevelopmentStorage=true;x=1", values["PoIntakeStorage"]);
        Assert.Equal("26214400", values["Upload:MaxBodyBytes"]);
        Assert.Equal("Upload__MaxBodyBytes", WorkerSettings.EnvironmentName("Upload:MaxBodyBytes"));
    }

    [Fact]
    public void DefaultFunctionAppDirectory_IsTheFunctionsProjectsOutputOfDevhostsConfiguration()
    {
        var directory = DevHostOptions.DefaultFunctionAppDirectory(RepositoryRoot.Path);

        // The tests reference the functions project, so its build output (with the worker's metadata) exists there.
        Assert.True(File.Exists(Path.Combine(directory, WorkerHost.AssemblyFileName)), directory);
        Assert.True(File.Exists(Path.Combine(directory, "host.json")), directory);
    }
}
