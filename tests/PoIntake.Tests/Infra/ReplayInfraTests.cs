using System.Reflection;
using System.Text.Json.Nodes;
using PoIntake.Core.Storage;

namespace PoIntake.Tests.Infra;

/// <summary>
/// What a replay needs from Azure (docs/replay.md, docs/deploy.md): the containers and tables the code names exist, the
/// app may create and delete the prefixed table set and results container of each replay, and the administration
/// key hashes reach the app settings.
/// </summary>
public sealed class ReplayInfraTests
{
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    [Fact]
    public async Task Storage_CreatesEveryContainerAndTableTheCodeNames()
    {
        var storage = ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "storage");
        var containers = Strings(storage, "containers");
        var tables = Strings(storage, "tables");

        var named = typeof(ContainerNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Contains(ContainerNames.Replays, named);
        Assert.All(named, container => Assert.Contains(container, containers));
        Assert.All(TableNames.All, table => Assert.Contains(table, tables));
    }

    /// <summary>
    /// A replay creates its tables (Replay2025T…IntakeLog, …) and its results container at run time and the clean-up
    /// deletes them, so the app's storage roles must hold, on the whole account (not one container): Storage Table Data
    /// Contributor (tableServices/tables/write and /delete) and Storage Blob Data Contributor (blobServices/containers/write
    /// and /delete). A narrower scope or a reader role would let the first replay fail with 403 in Azure only.
    /// </summary>
    [Fact]
    public async Task App_MayCreateAndDeleteTablesAndContainersOnTheWholeAccount()
    {
        var rbac = ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "rbac");
        var assignment = ArmTemplate.OfType(rbac, "Microsoft.Authorization/roleAssignments")
            .Single(r => (string?)r["copy"]?["name"] == "appStorage");
        var roles = rbac["variables"]!["roles"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        var assigned = rbac["variables"]!["appStorageRoles"]!.AsArray()
            .Select(n => (string)n!)
            .Select(expression => roles.Single(role => expression == $"[variables('roles').{role.Key}]").Value)
            .ToList();

        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", (string?)assignment["scope"]);
        Assert.Contains(BlobDataContributor, assigned);
        Assert.Contains(TableDataContributor, assigned);
    }

    [Fact]
    public async Task AdministrationKeyHashes_ReachTheAppSettingsOnePerHolder()
    {
        var main = await BicepCli.MainTemplateAsync();
        var functionApp = ArmTemplate.Module(main, "functionapp");

        Assert.Contains("'Access__AdministrationKeyHashes__{0}'", (string?)functionApp["variables"]!["administrationKeySettings"], StringComparison.Ordinal);
        var settings = ArmTemplate.OfType(functionApp, "Microsoft.Web/sites/config").Single(c => ((string?)c["name"])!.Contains("appsettings", StringComparison.Ordinal));
        Assert.Contains("variables('administrationKeySettings')", (string?)settings["properties"], StringComparison.Ordinal);
        Assert.Equal("[parameters('administrationKeyHashes')]", (string?)ArmTemplate.Deployment(main, "functionapp")["properties"]!["parameters"]!["administrationKeyHashes"]!["value"]);
        Assert.Equal("object", (string?)main["parameters"]!["administrationKeyHashes"]!["type"]);
    }

    private static List<string> Strings(JsonObject template, string variable) =>
        [.. template["variables"]!.AsObject()[variable]!.AsArray().Select(n => ArmTemplate.Evaluate((string)n!, template, new Dictionary<string, string>()))];
}
