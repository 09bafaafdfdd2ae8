using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoIntake.DevHost.Azurite;
using PoIntake.DevHost.Blobs;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Storage;
using PoIntake.DevHost.Timers;
using PoIntake.DevHost.Worker;

namespace PoIntake.DevHost;

internal static class DevHostServiceCollectionExtensions
{
    private const string OutboxSetting = "Email:OutboxDirectory";

    /// <summary>
    /// Local settings as the Functions host would get them from local.settings.json (Azurite connections, the sample's
    /// values), then <paramref name="overrides"/> (tests); the same values go to the worker as its environment. HTTP on
    /// the options' port (7071), the worker's gRPC endpoint on a loopback port of its own.
    /// </summary>
    public static WebApplicationBuilder AddDevHostConfiguration(
        this WebApplicationBuilder builder, DevHostOptions options, string[] hostArgs, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [PoIntake.Core.Storage.ConnectionNames.Storage] = "UseDevelopmentStorage=true",
        };
        void Add(IEnumerable<KeyValuePair<string, string?>> values)
        {
            foreach (var (key, value) in values)
            {
                settings[key] = value;
            }
        }

        Add(Reminders.ReminderDevEndpoints.Defaults(options));
        // The sample's values are the defaults (so timers find their schedules); a real functions/local.settings.json overrides them.
        Add(LocalSettings.Read(Path.Combine(options.RepositoryRoot, "local.settings.sample.json")));
        Add(LocalSettings.Read(Path.Combine(options.RepositoryRoot, "functions", "local.settings.json")));
        Add(new ConfigurationBuilder().AddCommandLine(hostArgs).Build().AsEnumerable().Where(p => p.Value is not null));
        Add(overrides ?? new Dictionary<string, string?>());
        // A relative outbox (the sample's ".outbox") is the repository's, whichever folder devhost (or the worker) runs in.
        if (settings.GetValueOrDefault(OutboxSetting) is { Length: > 0 } outbox && !Path.IsPathRooted(outbox))
        {
            settings[OutboxSetting] = Path.GetFullPath(outbox, options.RepositoryRoot);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // One line per request drowns the intake summary and slows every request; warnings still show.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Grpc"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(hostArgs);
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        if (builder.Configuration[OutboxSetting] is { Length: > 0 } effective && !Path.IsPathRooted(effective))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [OutboxSetting] = Path.GetFullPath(effective, options.RepositoryRoot) });
        }

        // The worker gets the effective value of every app setting (an environment variable of devhost's overrides the file).
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(new WorkerSettings(settings.Keys
            .Select(key => (Key: key, Value: configuration[key]))
            .Where(s => s.Value is not null)
            .ToDictionary(s => s.Key, s => s.Value!, StringComparer.OrdinalIgnoreCase)));

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenLocalhost(options.HttpPort);
            kestrel.Listen(System.Net.IPAddress.Loopback, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        return builder;
    }

    /// <summary>Hosts the real worker: the gRPC endpoint it connects to, its HTTP routes, the blob watcher and the timers.</summary>
    public static IServiceCollection AddDevHost(this IServiceCollection services, DevHostOptions options)
    {
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AzuriteLauncher>();
        services.AddSingleton<DevStorage>();
        services.AddSingleton<IntakeObserver>();
        services.AddSingleton<WorkerChannel>();
        services.AddSingleton<HttpFunctionForwarder>();
        services.AddSingleton<WorkerEndpointDataSource>();

        // Hosted services start in this order: storage and the worker first, then what uses them.
        services.AddSingleton<DevEnvironment>();
        services.AddHostedService(sp => sp.GetRequiredService<DevEnvironment>());
        services.AddSingleton<WorkerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerHost>());
        services.AddSingleton<IWorkerInvoker>(sp => sp.GetRequiredService<WorkerHost>());
        services.AddSingleton<BlobTriggerWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<BlobTriggerWatcher>());
        services.AddSingleton<TimerScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerScheduler>());
        services.AddHostedService<StartupSummary>();
        return services;
    }

    /// <summary>
    /// The worker's gRPC endpoint and the functions' HTTP routes. A request to /api waits for the worker to have loaded
    /// its functions (the first seconds after start), then is routed to the function whose route and method match.
    /// </summary>
    public static WebApplication MapDevHost(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/" + HttpFunctionForwarder.RoutePrefix, StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    await context.RequestServices.GetRequiredService<WorkerHost>().Ready.WaitAsync(WorkerHost.StartTimeout, context.RequestAborted);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Funktionerna kör inte", detail: "The functions worker did not start; see devhost's log.")
                        .ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });
        app.UseRouting();
        app.MapGrpcService<FunctionRpcService>();
        ((IEndpointRouteBuilder)app).DataSources.Add(app.Services.GetRequiredService<WorkerEndpointDataSource>());
        return app;
    }
}
