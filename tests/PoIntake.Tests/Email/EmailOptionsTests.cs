using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoIntake.Core.Email;

namespace PoIntake.Tests.Email;

public sealed class EmailOptionsTests
{
    [Theory]
    [InlineData("Outbox", null, null, "OutboxDirectory")]
    [InlineData(null, null, "https://x.communication.azure.com", "SenderAddress")]
    [InlineData("Acs", null, "https://x.communication.azure.com", "SenderAddress")]
    [InlineData("Acs", "noreply@x.test", null, "Endpoint")]
    [InlineData("Acs", "noreply@x.test", "http://x.communication.azure.com", "Endpoint")]
    public void Validate_IncompleteSettings_FailsNamingTheSetting(string? mode, string? sender, string? endpoint, string named)
    {
        var provider = Services(new()
        {
            ["Email:Mode"] = mode,
            ["Email:OutboxDirectory"] = mode == "Outbox" ? "" : null,
            ["Email:SenderAddress"] = sender,
            ["Email:Endpoint"] = endpoint,
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EmailOptions>>().Value);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OutboxMode_GivesOutboxSender()
    {
        var provider = Services(new() { ["Email:Mode"] = "Outbox", ["Email:OutboxDirectory"] = Path.GetTempPath() });

        Assert.IsType<OutboxEmailSender>(provider.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public void Resolve_NoEmailSettings_OutboxSoNothingLeavesTheMachine()
    {
        var provider = Services(new());

        Assert.IsType<OutboxEmailSender>(provider.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public void Resolve_EndpointWithoutMode_AcsSender()
    {
        var provider = Services(new()
        {
            ["Email:Endpoint"] = "https://x.communication.azure.com",
            ["Email:SenderAddress"] = "noreply@x.test",
            ["Email:ClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.IsType<AcsEmailSender>(provider.GetRequiredService<IEmailSender>());
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System); // shared by the features, registered by AddPoIntakeCore
        services.AddPoIntakeEmail();
        return services.BuildServiceProvider();
    }
}
