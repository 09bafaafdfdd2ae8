using Microsoft.Extensions.DependencyInjection;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers everything core offers. Feature folders add their own AddPoIntake… methods and this calls them.</summary>
    public static IServiceCollection AddPoIntakeCore(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(MunicipalityRegistry.Default);
        services.AddPoIntakeParsing();
        return services;
    }
}
