using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;
using PoIntake.Core.Reporting;
using PoIntake.Core.Status;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;
using PoIntake.Core.Totals;
using PoIntake.Core.Upload;

namespace PoIntake.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers what every feature shares — <see cref="TimeProvider"/>, the municipality registry — and the parsing.
    /// Feature folders add their own AddPoIntake… methods, each registering that feature's services once, and this calls them.
    /// </summary>
    public static IServiceCollection AddPoIntakeCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(MunicipalityRegistry.Default);
        services.AddPoIntakeParsing();
        return services;
    }

    /// <summary>As <see cref="AddPoIntakeCore(IServiceCollection)"/>, plus what needs configuration: storage and the blob intake.</summary>
    public static IServiceCollection AddPoIntakeCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPoIntakeCore();
        services.AddPoIntakeTemplate();
        services.AddPoIntakeStorage(configuration);
        services.AddPoIntakeTotals();
        services.AddPoIntakeStatus();
        services.AddPoIntakeUpload();
        services.AddPoIntakeReminders();
        services.AddPoIntakeGrants();
        services.AddPoIntakeGrantChecks();
        services.AddPoIntakeReporting();
        services.AddPoIntakePipeline();
        return services;
    }
}
