using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PoIntake.Core;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Replay;
using PoIntake.Functions.Http;

namespace PoIntake.Functions;

public static class FunctionAppServiceCollectionExtensions
{
    /// <summary>Everything the functions need, in one place, so the Functions host and devhost compose the app identically.</summary>
    public static IServiceCollection AddPoIntakeFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPoIntakeCore(configuration);
        services.AddPoIntakeScreening(configuration);
        services.AddPoIntakeReplay(configuration); // the administration routes and devhost's replay commands
        services.AddSingleton<RouteGate>(); // the one gate of every HTTP route (AccessMiddleware)
        return services;
    }
}
