using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoIntake.Core.Access;

namespace PoIntake.Tests.Access;

/// <summary>The administration role (replays): its own key and header, closed to every other role's key and closed without a hash.</summary>
public sealed class AdministrationAccessTests
{
    private static readonly PresentedKeys Administration = new(null, null, TestRoleKeys.AdministrationKey);
    private static readonly PresentedKeys National = new(null, TestRoleKeys.NationalKey);
    private static readonly PresentedKeys County = new(TestRoleKeys.KeyOf("01"), null);

    [Fact]
    public void Check_AdministrationScope_OnlyAnAdministrationKeyOpensIt()
    {
        var keys = TestRoleKeys.Required();

        Assert.True(keys.Check(AccessScope.Administration, null, Administration).IsAllowed);
        Assert.True(keys.Check(AccessScope.Administration, null, new PresentedKeys(null, null, $" {TestRoleKeys.AdministrationKey}\n")).IsAllowed);

        // Socialstyrelsen's and a county board's keys in their own headers do not count: the administration key is missing.
        Assert.Equal("administrationKeyMissing", keys.Check(AccessScope.Administration, null, National).Reason);
        Assert.Equal("administrationKeyMissing", keys.Check(AccessScope.Administration, null, County).Reason);
        Assert.Equal("administrationKeyMissing", keys.Check(AccessScope.Administration, null, new PresentedKeys(TestRoleKeys.KeyOf("01"), TestRoleKeys.NationalKey, " ")).Reason);

        // …and put into the administration header they are wrong keys.
        Assert.Equal("administrationKeyWrong", keys.Check(AccessScope.Administration, null, new PresentedKeys(null, null, TestRoleKeys.NationalKey)).Reason);
        Assert.Equal("administrationKeyWrong", keys.Check(AccessScope.Administration, null, new PresentedKeys(null, null, TestRoleKeys.KeyOf("01"))).Reason);
        Assert.Equal("administrationKeyWrong", keys.Check(AccessScope.Administration, null, new PresentedKeys(null, null, TestRoleKeys.AdministrationKey.ToUpperInvariant())).Reason);
    }

    [Fact]
    public void Check_AdministrationKey_OpensNoCountyOrNationalDataRoute()
    {
        var keys = TestRoleKeys.Required();

        Assert.Equal("nationalKeyMissing", keys.Check(AccessScope.National, null, Administration).Reason);
        Assert.Equal("countyKeyMissing", keys.Check(AccessScope.CountyRead, "01", Administration).Reason);
        Assert.Equal("countyKeyMissing", keys.Check(AccessScope.CountyUpload, "01", Administration).Reason);

        // The administration key sent as a national or county key opens nothing either.
        Assert.Equal("nationalKeyWrong", keys.Check(AccessScope.National, null, new PresentedKeys(null, TestRoleKeys.AdministrationKey)).Reason);
        Assert.Equal("countyKeyWrong", keys.Check(AccessScope.CountyRead, "01", new PresentedKeys(TestRoleKeys.AdministrationKey, null)).Reason);
    }

    [Fact]
    public void Bind_NoAdministrationHash_AdministrationClosedWhileTheOtherRolesWork()
    {
        var settings = TestRoleKeys.Settings();
        settings.Remove($"Access:AdministrationKeyHashes:{TestRoleKeys.AdministrationHolder}");
        var keys = AccessOptionsTests.Resolve(settings).GetRequiredService<AccessKeys>();

        Assert.Equal("administrationNotEnabled", keys.Check(AccessScope.Administration, null, Administration).Reason);
        Assert.Equal(AccessVerdict.NotEnabled, keys.Check(AccessScope.Administration, null, new PresentedKeys(null, null, null)).Verdict);
        Assert.True(keys.Check(AccessScope.National, null, National).IsAllowed);
    }

    [Fact]
    public void Bind_AppSettingsShape_NamedHoldersRevokedOneByOne()
    {
        var keys = AccessOptionsTests.Resolve(new Dictionary<string, string?>
        {
            ["Access:AdministrationKeyHashes:ops-2027"] = AccessKeys.HashOf("ny-driftnyckel"),
        }).GetRequiredService<AccessKeys>();

        Assert.True(keys.Required);
        Assert.True(keys.Check(AccessScope.Administration, null, new PresentedKeys(null, null, "ny-driftnyckel")).IsAllowed);
        Assert.Equal("administration ops-2027", keys.AdministrationActor(new PresentedKeys(null, null, "ny-driftnyckel")));
        Assert.Equal(AccessVerdict.WrongKey, keys.Check(AccessScope.Administration, null, Administration).Verdict);
    }

    [Fact]
    public void Holder_NamesTheAdministrationHolderNeverTheKey()
    {
        var keys = TestRoleKeys.Required();

        Assert.Equal($"administration {TestRoleKeys.AdministrationHolder}", keys.KeyHolder(Administration));
        Assert.Equal($"administration {TestRoleKeys.AdministrationHolder}", keys.AdministrationActor(Administration));
        Assert.Equal("unknown administration key", keys.KeyHolder(new PresentedKeys(null, null, "gissning")));
        Assert.Equal(
            $"national {TestRoleKeys.NationalHolder} and administration {TestRoleKeys.AdministrationHolder}",
            keys.KeyHolder(new PresentedKeys(null, TestRoleKeys.NationalKey, TestRoleKeys.AdministrationKey)));
        Assert.DoesNotContain(TestRoleKeys.AdministrationKey, keys.KeyHolder(Administration), StringComparison.Ordinal);
    }

    [Fact]
    public void DeveloperMachine_KeysNotRequired_AdministrationOpenAndTheActorSaysSo()
    {
        var open = new AccessKeys(Options.Create(new AccessOptions { RequireRoleKeys = false }));

        Assert.True(open.Check(AccessScope.Administration, null, new PresentedKeys(null, null)).IsAllowed);
        Assert.Equal(AccessKeys.UncheckedAdministrator, open.AdministrationActor(new PresentedKeys(null, null)));
        Assert.Equal(AccessKeys.UncheckedAdministrator, open.AdministrationActor(new PresentedKeys(null, null, "vad som helst")));

        // A configured holder is still named when its key is sent on a developer machine.
        var configured = new AccessKeys(Options.Create(new AccessOptions
        {
            RequireRoleKeys = false,
            AdministrationKeyHashes = { ["lokal"] = AccessKeys.HashOf("lokal-nyckel") },
        }));
        Assert.Equal("administration lokal", configured.AdministrationActor(new PresentedKeys(null, null, "lokal-nyckel")));
    }
}
