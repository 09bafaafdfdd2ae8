using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PoIntake.Core.Replay;

public static class ReplaySwitchServiceCollectionExtensions
{
    /// <summary>
    /// The switch and clean-up of year replays (<see cref="IReplaySwitch"/>, docs/replay.md) and the audit it writes
    /// (<see cref="ReplayLogStore"/>, the registered, unprefixed set). Needs what <c>AddPoIntakeStorage</c> registers.
    /// </summary>
    public static IServiceCollection AddPoIntakeReplaySwitch(this IServiceCollection services)
    {
        services.TryAddSingleton<ReplayLogStore>();
        services.TryAddSingleton<IReplaySwitch, ReplaySwitchService>();
        return services;
    }
}
