using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.DevHost.Azurite;
using PoIntake.DevHost.Blobs;
using PoIntake.DevHost.Functions;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Storage;
using PoIntake.DevHost.Timers;
using PoIntake.Functions.Intake;

namespace PoIntake.DevHost;

internal static class DevHostServiceCollectionExtensions
{
    private const string OutboxSetting = "Email:OutboxDirectory";

    /// <summary>Local settings as the Functions host would get them from local.settings.json: Azurite connections, the sample's values, port 7071.</summary>
    public static WebApplicationBuilder AddDevHostConfiguration(this WebApplicationBuilder builder, DevHostOptions options, string[] hostArgs)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [ConnectionNames.Storage] = "UseDevelopmentStorage=true",
            // One line per request drowns the intake summary and slows every request; warnings still show.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(Reminders.ReminderDevEndpoints.Defaults(options));
        // The sample's values are the defaults (so timers find their schedules); a real functions/local.settings.json overrides them.
        builder.Configuration.AddInMemoryCollection(LocalSettings.Read(Path.Combine(options.RepositoryRoot, "local.settings.sample.json")));
        builder.Configuration.AddInMemoryCollection(LocalSettings.Read(Path.Combine(options.RepositoryRoot, "functions", "local.settings.json")));
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(hostArgs);
        // A relative outbox (the sample's ".outbox") is the repository's, whichever folder devhost was started from.
        if (builder.Configuration[OutboxSetting] is { Length: > 0 } outbox && !Path.IsPathRooted(outbox))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [OutboxSetting] = Path.GetFullPath(outbox, options.RepositoryRoot),
            });
        }

        builder.WebHost.UseUrls(DevHostOptions.Url);
        return builder;
    }

    /// <summary>Hosts the functions assembly's own function classes: HTTP routes, the blob watcher and the timers.</summary>
    public static IServiceCollection AddDevHost(this IServiceCollection services, DevHostOptions options)
    {
        services.AddMvcCore();
        services.AddSingleton(options);
        services.AddSingleton(FunctionCatalog.FromAssembly(typeof(IngestReportFunction).Assembly));
        services.AddSingleton<AzuriteLauncher>();
        services.AddSingleton<DevStorage>();
        services.AddSingleton<IntakeObserver>();
        services.DecorateReportIntake();

        // Hosted services start in this order: storage first, then what uses it.
        services.AddSingleton<DevEnvironment>();
        services.AddHostedService(sp => sp.GetRequiredService<DevEnvironment>());
        services.AddSingleton<BlobTriggerWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<BlobTriggerWatcher>());
        services.AddHostedService<TimerScheduler>();
        services.AddHostedService<StartupSummary>();
        return services;
    }

    private static void DecorateReportIntake(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IReportIntake));
        if (registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(
            typeof(IReportIntake),
            sp => new ObservedReportIntake(CreateInner(sp, registered), sp.GetRequiredService<IntakeObserver>()),
            registered.Lifetime));
    }

    private static IReportIntake CreateInner(IServiceProvider services, ServiceDescriptor registered) => (IReportIntake)(
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
