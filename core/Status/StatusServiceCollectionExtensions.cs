using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PoIntake.Core.Status;

public static class StatusServiceCollectionExtensions
{
    /// <summary>Completeness per year and county; reads through the totals' store and the intake log registered by storage.</summary>
    public static IServiceCollection AddPoIntakeStatus(this IServiceCollection services)
    {
        services.TryAddSingleton<StatusCalculator>();
        services.TryAddSingleton<StatusService>();
        return services;
    }
}
