using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="AccessKeys"/>, bound from section <c>Access</c> and validated at start. The older names
    /// <c>Upload:RequireCountyKey</c> and <c>Upload:CountyKeyHashes:{code}</c> are read first, so an app configured
    /// with them keeps working; a value under <c>Access</c> overrides them.
    /// </summary>
    public static IServiceCollection AddPoIntakeAccess(this IServiceCollection services)
    {
        services.TryAddSingleton(MunicipalityRegistry.Default);
        services.AddOptions<AccessOptions>()
            .Configure<IConfiguration>(ReadLegacySettings)
            .BindConfiguration(AccessOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>());
        services.TryAddSingleton<AccessKeys>();
        return services;
    }

    private static void ReadLegacySettings(AccessOptions options, IConfiguration configuration)
    {
        var legacy = configuration.GetSection(AccessOptions.LegacySectionName);
        if (bool.TryParse(legacy["RequireCountyKey"], out var require))
        {
            options.RequireRoleKeys = require;
        }

        foreach (var county in legacy.GetSection(nameof(AccessOptions.CountyKeyHashes)).GetChildren())
        {
            options.CountyKeyHashes[county.Key] = county.Value ?? string.Empty;
        }
    }
}
