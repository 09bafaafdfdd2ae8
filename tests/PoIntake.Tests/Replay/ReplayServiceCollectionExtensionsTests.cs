using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PoIntake.Core;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;

namespace PoIntake.Tests.Replay;

public sealed class ReplayServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPoIntakeReplay_WithTheStorage_ResolvesTheReplayAndTheSwitchOnTheLiveSet_OnceEach()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionNames.Storage] = "UseDevelopmentStorage=true" })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddPoIntakeCore(configuration);

        services.AddPoIntakeReplay(configuration);
        services.AddPoIntakeReplay(configuration); // a second call adds nothing
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<ReplaySwitchService>(provider.GetRequiredService<IReplaySwitch>());
        Assert.IsType<YearReplay>(provider.GetRequiredService<IYearReplay>());
        Assert.Single(services, d => d.ServiceType == typeof(IYearReplay));
        Assert.Single(services, d => d.ServiceType == typeof(IReplaySwitch));
        Assert.Single(services, d => d.ServiceType == typeof(ReplayLogStore));
        Assert.Equal("", provider.GetRequiredService<StorageTables>().Prefix);
    }
}
