using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PoIntake.Core.Replay;

// ============================================================================================================
// PLACEHOLDER, DELETE AT MERGE. Written on branch `admin` only so the admin routes and devhost commands compile
// and compose before the replay engine (branch `replay`: ReplayServiceCollectionExtensions.AddPoIntakeReplay)
// and the switch (branch `switch`: ReplaySwitchServiceCollectionExtensions.AddPoIntakeReplaySwitch) are merged.
// Once those are in, the calls `services.AddPoIntakeReplay(configuration)` and `services.AddPoIntakeReplaySwitch()`
// in functions/FunctionAppServiceCollectionExtensions.cs are ambiguous (CS0121) until this file is deleted; delete
// it, nothing else changes. Nothing here replays or switches anything: each member refuses with NotSupportedException,
// which the HTTP functions answer as a 500 problem and the devhost commands print as an error.
// ============================================================================================================

/// <summary>PLACEHOLDER (delete at merge): stands in for the replay engine's and the switch's DI registrations.</summary>
public static class ReplayPlaceholderServiceCollectionExtensions
{
    /// <summary>PLACEHOLDER for the switch's <c>AddPoIntakeReplaySwitch</c> (branch <c>switch</c>).</summary>
    public static IServiceCollection AddPoIntakeReplaySwitch(this IServiceCollection services)
    {
        services.TryAddSingleton<IReplaySwitch, NotConnectedReplaySwitch>();
        return services;
    }

    private sealed class NotConnectedReplaySwitch : IReplaySwitch
    {
        public Task<ReplaySwitch> SwitchAsync(ReplaySet replay, string actor, CancellationToken cancellationToken) =>
            throw new NotSupportedException("PLACEHOLDER: the replay switch (branch switch) is not merged yet.");

        public Task CleanUpAsync(ReplaySet replay, string actor, CancellationToken cancellationToken) =>
            throw new NotSupportedException("PLACEHOLDER: the replay switch (branch switch) is not merged yet.");
    }
}
