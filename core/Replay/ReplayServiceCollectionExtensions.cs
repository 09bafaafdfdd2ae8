using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PoIntake.Core.Replay;

public static class ReplayServiceCollectionExtensions
{
    /// <summary>
    /// The replay of a year (<see cref="IYearReplay"/>, docs/replay.md) with <see cref="ReplayOptions"/> (section <c>Replay</c>),
    /// its switch and clean-up (<see cref="IReplaySwitch"/>) and the audit both write (<see cref="ReplayLogStore"/>, the
    /// registered, unprefixed set). Needs what <c>AddPoIntakeCore(configuration)</c> registers (the live stores,
    /// the totals) and builds the replay's intake from the same registrations against the replay's table set.
    /// </summary>
    public static IServiceCollection AddPoIntakeReplay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReplayOptions>()
            .Bind(configuration.GetSection(ReplayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ReplayLogStore>();
        services.TryAddSingleton<IYearReplay, YearReplay>();
        services.TryAddSingleton<IReplaySwitch, ReplaySwitchService>();
        services.TryAddSingleton<ReplayAdministration>();
        return services;
    }
}
