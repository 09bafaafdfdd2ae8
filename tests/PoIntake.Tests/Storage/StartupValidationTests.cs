using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PoIntake.Core;

namespace PoIntake.Tests.Storage;

/// <summary>The composed app refuses to start without its storage connection and says which setting is missing.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Start_WithoutStorageConnection_FailsNamingTheSetting()
    {
        using var host = BuildHost(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'PoIntakeStorage' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithOnlyBlobServiceUri_FailsNamingTheSetting()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["PoIntakeStorage:blobServiceUri"] = "https://example.blob.core.windows.net",
            ["PoIntakeStorage:credential"] = "managedidentity",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PoIntakeStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PoIntakeStorage", "UseDevelopmentStorage=true")]
    [InlineData("PoIntakeStorage:accountName", "stpoexample")]
    public void Validate_ConfiguredConnection_Passes(string key, string value)
    {
        using var host = BuildHost(new Dictionary<string, string?> { [key] = value });

        var options = host.Services.GetRequiredService<IOptionsMonitor<Core.Storage.StorageConnectionOptions>>().CurrentValue;

        Assert.True(options.IsConfigured);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPoIntakeCore(builder.Configuration);
        return builder.Build();
    }
}
