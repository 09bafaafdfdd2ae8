using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PoIntake.Core.Grants;

public static class GrantsServiceCollectionExtensions
{
    /// <summary>
    /// The grant register (docs/grants.md): parser, intake, the Table Storage store registered as
    /// <see cref="IGrantRegisterReader"/> (<see cref="GrantRegisterStore"/>), and the national figures. Binds
    /// <see cref="GrantRegisterOptions"/> (section <c>GrantRegister</c>) and <see cref="AppropriationOptions"/> (section
    /// <c>Appropriation</c>). Needs the storage clients and stores (<c>AddPoIntakeStorage</c>).
    /// </summary>
    public static IServiceCollection AddPoIntakeGrants(this IServiceCollection services)
    {
        services.AddOptions<GrantRegisterOptions>()
            .BindConfiguration(GrantRegisterOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddPoIntakeAppropriation();
        services.TryAddSingleton<GrantRegisterParser>();
        services.TryAddSingleton<GrantRegisterStore>();
        services.TryAddSingleton<IGrantRegisterReader>(sp => sp.GetRequiredService<GrantRegisterStore>());
        services.TryAddSingleton<AppropriationSource>();
        services.TryAddSingleton<GrantFiguresService>();
        return services;
    }

    /// <summary>
    /// Binds <see cref="AppropriationOptions"/> (section <c>Appropriation</c>) once, whichever feature asks first (grants,
    /// the register cross-checks, Tabell 5 of the totals): binding the section twice would append its lists twice.
    /// </summary>
    public static IServiceCollection AddPoIntakeAppropriation(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(IConfigureOptions<AppropriationOptions>)))
        {
            services.AddOptions<AppropriationOptions>().BindConfiguration(AppropriationOptions.SectionName);
        }

        return services;
    }
}
