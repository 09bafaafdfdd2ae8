using PoIntake.DevHost.Reminders;
using PoIntake.DevHost.Totals;
using PoIntake.Functions;

namespace PoIntake.DevHost;

/// <summary>devhost's web application: the local Functions host around the real worker, plus devhost's own /dev routes.</summary>
internal static class DevHostApp
{
    /// <param name="overrides">Settings that win over local.settings.json and the command line (the end-to-end tests' storage and keys).</param>
    public static WebApplication Build(DevHostOptions options, string[] hostArgs, IReadOnlyDictionary<string, string?>? overrides = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = hostArgs,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Development,
        });
        builder.AddDevHostConfiguration(options, hostArgs, overrides);
        // devhost's own routes (/dev/…) use the app's services in-process; the functions themselves run only in the worker.
        builder.Services.AddPoIntakeFunctionApp(builder.Configuration);
        builder.Services.AddDevHost(options);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDevHost();
        app.MapReminderDevEndpoints();
        app.MapTotalsDevEndpoints();
        return app;
    }
}
