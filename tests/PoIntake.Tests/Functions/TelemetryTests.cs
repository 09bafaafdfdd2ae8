using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PoIntake.Functions;

namespace PoIntake.Tests.Functions;

/// <summary>The worker's Application Insights logging (functions/TelemetryServiceCollectionExtensions.cs).</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task AddPoIntakeTelemetry_PoIntakeInformationReachesApplicationInsights_AzureSdkChatterDoesNot()
    {
        await using var provider = Services();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        // The Application Insights provider is the only one registered: what it is enabled for is what is sent.
        Assert.True(factory.CreateLogger("PoIntake.Core.Reminders.ReminderPass").IsEnabled(LogLevel.Information));
        Assert.False(factory.CreateLogger("PoIntake.Core.Reminders.ReminderPass").IsEnabled(LogLevel.Debug));
        Assert.False(factory.CreateLogger("Azure.Core").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Azure.Core").IsEnabled(LogLevel.Warning));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddLogging();
        return services.AddPoIntakeTelemetry().BuildServiceProvider();
    }

    [Fact]
    public async Task AddPoIntakeTelemetry_AdaptiveSamplingOff()
    {
        await using var provider = Services();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.ApplicationInsights.WorkerService.ApplicationInsightsServiceOptions>>();

        Assert.False(options.Value.EnableAdaptiveSampling);
    }
}
