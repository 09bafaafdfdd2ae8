using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PoIntake.Functions;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The Application Insights logger provider; the SDK adds a rule that keeps only its warnings.</summary>
    internal const string ApplicationInsightsProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// The worker sends its own logs, exceptions and dependencies to Application Insights (connection string and Entra
    /// authentication from APPLICATIONINSIGHTS_CONNECTION_STRING / APPLICATIONINSIGHTS_AUTHENTICATION_STRING; without a
    /// connection string nothing is sent). The alerts in infra/modules/alerts.bicep query PoIntake's events, so:
    /// PoIntake's Information and above reach Application Insights, no adaptive sampling drops them, and the Azure SDK's
    /// per-request logs and ASP.NET Core's request logs stay out (the host records every invocation already).
    /// </summary>
    public static IServiceCollection AddPoIntakeTelemetry(this IServiceCollection services)
    {
        services.AddApplicationInsightsTelemetryWorkerService(options => options.EnableAdaptiveSampling = false);
        services.ConfigureFunctionsApplicationInsights();
        services.Configure<LoggerFilterOptions>(options =>
        {
            foreach (var rule in options.Rules.Where(r => r.ProviderName == ApplicationInsightsProvider && r.CategoryName is null).ToList())
            {
                options.Rules.Remove(rule);
            }

            options.MinLevel = LogLevel.Information;
            options.Rules.Add(new LoggerFilterRule(null, "Azure", LogLevel.Warning, null));
            options.Rules.Add(new LoggerFilterRule(null, "Microsoft", LogLevel.Warning, null));
        });
        return services;
    }
}
