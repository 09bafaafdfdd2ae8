using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PoIntake.Core;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;

namespace PoIntake.Tests.Replay;

public sealed class ReplaySwitchServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPoIntakeReplaySwitch_WithTheStorage_ResolvesTheSwitchOnTheLiveSet()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionNames.Storage] = "UseDevelopmentStorage=true" })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddPoIntakeCore(configuration);

        services.AddPoIntakeReplaySwitch();
        services.AddPoIntakeReplaySwitch(); // the lead's composition may call it beside AddPoIntakeReplay: still one of each
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<ReplaySwitchService>(provider.GetRequiredService<IReplaySwitch>());
        Assert.Single(services, d => d.ServiceType == typeof(IReplaySwitch));
        Assert.Single(services, d => d.ServiceType == typeof(ReplayLogStore));
        Assert.Equal("", provider.GetRequiredService<StorageTables>().Prefix);
    }
}
