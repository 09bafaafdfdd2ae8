using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoIntake.Core.Access;
using PoIntake.Core.Upload;

namespace PoIntake.Tests.Access;

public sealed class AccessOptionsTests
{
    private static readonly PresentedKeys NoKeys = new(null, null);

    [Fact]
    public void Bind_AppSettingsShape_EachCountyKeyChecksOnlyItsCounty()
    {
        var keys = Resolve(TestRoleKeys.Settings()).GetRequiredService<AccessKeys>();

        Assert.True(keys.Required);
        Assert.Equal(AccessVerdict.Allowed, Upload(keys, "25", TestRoleKeys.KeyOf("25")));
        Assert.Equal(AccessVerdict.Allowed, Upload(keys, "25", $"  {TestRoleKeys.KeyOf("25")}\n"));
        Assert.Equal(AccessVerdict.WrongKey, Upload(keys, "25", TestRoleKeys.KeyOf("24")));
        Assert.Equal(AccessVerdict.WrongKey, Upload(keys, "25", TestRoleKeys.KeyOf("25").ToUpperInvariant()));
        Assert.Equal(AccessVerdict.Missing, Upload(keys, "25", " "));
        Assert.Equal("county 24", keys.KeyHolder(new PresentedKeys(TestRoleKeys.KeyOf("24"), null)));
        Assert.Equal("unknown county key", keys.KeyHolder(new PresentedKeys("gissning", null)));
        Assert.Equal("none", keys.KeyHolder(NoKeys));
    }

    [Fact]
    public void Check_RolesAndScopes_EachKeyOpensOnlyItsOwn()
    {
        var keys = TestRoleKeys.Required();
        var county = new PresentedKeys(TestRoleKeys.KeyOf("22"), null);
        var national = new PresentedKeys(null, TestRoleKeys.NationalKey);

        // A county board: its own county's uploads and status, nothing national.
        Assert.True(keys.Check(AccessScope.CountyRead, "22", county).IsAllowed);
        Assert.Equal("countyKeyWrong", keys.Check(AccessScope.CountyRead, "23", county).Reason);
        Assert.Equal("nationalKeyMissing", keys.Check(AccessScope.National, null, county).Reason);
        Assert.Equal("nationalKeyWrong", keys.Check(AccessScope.National, null, new PresentedKeys(null, TestRoleKeys.KeyOf("22"))).Reason);

        // Socialstyrelsen: national routes and any county's status, but no uploads in a county's name.
        Assert.True(keys.Check(AccessScope.National, null, national).IsAllowed);
        Assert.True(keys.Check(AccessScope.CountyRead, "23", national).IsAllowed);
        Assert.Equal("countyKeyMissing", keys.Check(AccessScope.CountyUpload, "23", national).Reason);
        Assert.Equal("national socialstyrelsen", keys.KeyHolder(national));

        // Nothing sent.
        Assert.Equal("countyKeyMissing", keys.Check(AccessScope.CountyRead, "22", NoKeys).Reason);
        Assert.Equal("nationalKeyMissing", keys.Check(AccessScope.National, null, NoKeys).Reason);
    }

    [Fact]
    public void Check_NationalHoldersRevokedOneByOne()
    {
        var keys = new AccessKeys(Options.Create(new AccessOptions
        {
            NationalKeyHashes = { ["socialstyrelsen-2027"] = AccessKeys.HashOf("ny") },
        }));

        Assert.True(keys.Check(AccessScope.National, null, new PresentedKeys(null, "ny")).IsAllowed);
        Assert.Equal(AccessVerdict.WrongKey, keys.Check(AccessScope.National, null, new PresentedKeys(null, TestRoleKeys.NationalKey)).Verdict);
    }

    [Fact]
    public void Bind_NothingConfigured_FailsClosed()
    {
        var keys = Resolve([]).GetRequiredService<AccessKeys>();

        Assert.True(keys.Required);
        Assert.Equal("countyNotEnabled", keys.Check(AccessScope.CountyUpload, "01", new PresentedKeys("vad som helst", null)).Reason);
        Assert.Equal("countyNotEnabled", keys.Check(AccessScope.CountyRead, "01", new PresentedKeys("vad som helst", "något")).Reason);
        Assert.Equal("nationalNotEnabled", keys.Check(AccessScope.National, null, new PresentedKeys(null, "vad som helst")).Reason);
    }

    [Fact]
    public void Bind_KeysNotRequired_AsOnADeveloperMachine_EverythingAllowed()
    {
        var keys = Resolve(new Dictionary<string, string?> { ["Access:RequireRoleKeys"] = "false" }).GetRequiredService<AccessKeys>();

        Assert.False(keys.Required);
        Assert.True(keys.Check(AccessScope.National, null, NoKeys).IsAllowed);
        Assert.True(keys.Check(AccessScope.CountyUpload, "01", NoKeys).IsAllowed);
    }

    [Fact]
    public void Bind_OlderUploadNames_StillHonoured_AccessWins()
    {
        var legacy = Resolve(new Dictionary<string, string?>
        {
            ["Upload:RequireCountyKey"] = "true",
            ["Upload:CountyKeyHashes:25"] = AccessKeys.HashOf(TestRoleKeys.KeyOf("25")),
        }).GetRequiredService<AccessKeys>();
        Assert.Equal(AccessVerdict.Allowed, Upload(legacy, "25", TestRoleKeys.KeyOf("25")));
        Assert.Equal(AccessVerdict.WrongKey, Upload(legacy, "25", TestRoleKeys.KeyOf("24")));

        var open = Resolve(new Dictionary<string, string?> { ["Upload:RequireCountyKey"] = "false" }).GetRequiredService<AccessKeys>();
        Assert.False(open.Required);

        var both = Resolve(new Dictionary<string, string?> { ["Upload:RequireCountyKey"] = "false", ["Access:RequireRoleKeys"] = "true" })
            .GetRequiredService<AccessKeys>();
        Assert.True(both.Required);
    }

    [Theory]
    [InlineData("Access:CountyKeyHashes:02", "0000000000000000000000000000000000000000000000000000000000000000", "unknown county code")]
    [InlineData("Access:CountyKeyHashes:01", "hemlig-nyckel-i-klartext", "SHA-256")]
    [InlineData("Access:CountyKeyHashes:01", "zz00000000000000000000000000000000000000000000000000000000000000", "SHA-256")]
    [InlineData("Access:NationalKeyHashes:socialstyrelsen", "hemlig-nyckel-i-klartext", "SHA-256")]
    [InlineData("Access:NationalKeyHashes:Social Styrelsen", "0000000000000000000000000000000000000000000000000000000000000000", "holder name")]
    [InlineData("Access:AdministrationKeyHashes:ops", "hemlig-nyckel-i-klartext", "SHA-256")]
    [InlineData("Access:AdministrationKeyHashes:Ops_Team", "0000000000000000000000000000000000000000000000000000000000000000", "holder name")]
    public void Validate_MalformedSetting_RefusesToStartNamingIt(string setting, string value, string reason)
    {
        var services = Resolve(new Dictionary<string, string?> { [setting] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AccessOptions>>().Value);

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewKey_DistinctAndHeaderSafe()
    {
        var keys = Enumerable.Range(0, 50).Select(_ => AccessKeys.NewKey()).ToList();

        Assert.Equal(50, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.Matches("^[A-Za-z0-9_-]{43}$", key));
    }

    private static AccessVerdict Upload(AccessKeys keys, string county, string key) =>
        keys.Check(AccessScope.CountyUpload, county, new PresentedKeys(key, null)).Verdict;

    /// <summary>AccessKeys and its options as the app composes them, from <paramref name="settings"/>.</summary>
    internal static ServiceProvider Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPoIntakeUpload().BuildServiceProvider();
    }
}
