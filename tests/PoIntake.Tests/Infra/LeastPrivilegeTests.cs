using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PoIntake.Tests.Infra;

/// <summary>The app's own identities get only what they use (infra/modules/rbac.bicep, eventgrid.bicep, email.bicep, functionapp.bicep).</summary>
public sealed partial class LeastPrivilegeTests
{
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    /// <summary>Built-in roles no PoIntake identity may hold: Storage Blob Data Owner, Owner, Contributor.</summary>
    private static readonly string[] BroadRoles =
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c"];

    [Fact]
    public async Task App_StorageRoles_AreTheThreeDataContributors()
    {
        var rbac = ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "rbac");
        var roles = rbac["variables"]!["roles"]!.AsObject();
        var expression = string.Join(",", rbac["variables"]!["appStorageRoles"]!.AsArray().Select(n => (string)n!));

        var assigned = RoleReference().Matches(expression).Select(m => (string)roles[m.Groups[1].Value]!).ToList();

        Assert.Equal([BlobDataContributor, QueueDataContributor, TableDataContributor], assigned);
    }

    /// <summary>
    /// The app's roles stay on the account (the replay's tables and results containers are created at run time under
    /// prefixed names; tables have no role conditions), but its blob role may not delete an original: the app never
    /// does, so a bug or a stolen token cannot either, whatever the retention policy says.
    /// </summary>
    [Fact]
    public async Task App_BlobRole_CannotDeleteOriginals_EverythingElseAsBefore()
    {
        var rbac = ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "rbac");
        var condition = (string?)rbac["variables"]!["appBlobCondition"];
        Assert.False(string.IsNullOrEmpty(condition));
        var assignment = ArmTemplate.OfType(rbac, "Microsoft.Authorization/roleAssignments")
            .Single(a => ((string?)a["name"])?.Contains("appPrincipalId", StringComparison.Ordinal) == true && ((string?)a["properties"]!["roleDefinitionId"])?.Contains("copyIndex", StringComparison.Ordinal) == true);
        Assert.Equal("[if(equals(variables('appStorageRoles')[copyIndex()], variables('roles').storageBlobDataContributor), variables('appBlobCondition'), null())]", (string?)assignment["properties"]!["condition"]);
        Assert.Equal("[if(equals(variables('appStorageRoles')[copyIndex()], variables('roles').storageBlobDataContributor), '2.0', null())]", (string?)assignment["properties"]!["conditionVersion"]);

        const string Blobs = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/";
        bool Allows(string action, string container) => AbacCondition.Allows(condition!, new AbacRequest(Blobs + action, null, new Dictionary<string, string>
        {
            ["@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]"] = container,
        }));

        Assert.All(new[] { "reports", "grants", "contacts" }, original =>
        {
            Assert.False(Allows("delete", original));
            Assert.False(Allows("deleteBlobVersion/action", original));
            Assert.True(Allows("read", original));
            Assert.True(Allows("write", original));
            Assert.True(Allows("add/action", original));
        });
        Assert.All(new[] { "intake-results", "replay2025t20261202031500-intake-results", "replays", "azure-webjobs-hosts" }, other => Assert.True(Allows("delete", other)));
    }

    [Fact]
    public async Task NoIdentity_GetsOwnerOrContributor()
    {
        var main = (await BicepCli.MainTemplateAsync()).ToJsonString();

        Assert.All(BroadRoles, role => Assert.DoesNotContain(role, main, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Code_UsesNoBlobApiThatNeedsOwner()
    {
        // Blob Data Owner adds only index tags, ACLs and ownership over Contributor; the app must not depend on them.
        var sources = new[] { "core", "functions", "devhost" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, dir), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);

        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            Assert.False(OwnerOnlyApi().IsMatch(text), $"{file} uses a blob API that needs Storage Blob Data Owner");
        }
    }

    [Fact]
    public async Task EventGridDeadLetterIdentity_IsScopedToTheDeadLetterContainer()
    {
        var main = await BicepCli.MainTemplateAsync();
        var eventGrid = ArmTemplate.Module(main, "eventgrid");
        var assignment = ArmTemplate.OfType(eventGrid, "Microsoft.Authorization/roleAssignments").Single();

        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', parameters('deadLetterContainerName'))]",
            (string?)assignment["scope"]);
        Assert.Equal($"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{BlobDataContributor}')]", (string?)assignment["properties"]!["roleDefinitionId"]);

        var passed = (string?)ArmTemplate.Deployment(main, "eventgrid")["properties"]!["parameters"]!["deadLetterContainerName"]!["value"];
        Assert.Contains("'storage'", passed);
        Assert.EndsWith(".outputs.deadLetterContainerName.value]", passed);
        var storage = ArmTemplate.Module(main, "storage");
        Assert.Equal("eventgrid-deadletter", (string?)storage["variables"]!["deadLetterContainerName"]);
    }

    [Fact]
    public async Task CommunicationServices_RefusesAccessKeys()
    {
        var email = ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "email");
        var acs = ArmTemplate.OfType(email, "Microsoft.Communication/communicationServices").Single();

        Assert.True((bool?)acs["properties"]!["disableLocalAuth"]);
    }

    [Fact]
    public async Task EmailSenderRole_IsReadAndWriteOnTheOneCommunicationServicesResource()
    {
        var rbac = ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "rbac");
        var role = ArmTemplate.OfType(rbac, "Microsoft.Authorization/roleDefinitions")
            .Single(r => ((string?)r["properties"]!["roleName"])?.Contains("e-mail sender", StringComparison.Ordinal) == true);
        var permissions = role["properties"]!["permissions"]!.AsArray().Single()!;
        var roleId = ((string)role["name"]!).Trim('[', ']');
        var assignment = ArmTemplate.OfType(rbac, "Microsoft.Authorization/roleAssignments")
            .Single(a => (string?)a["properties"]!["roleDefinitionId"] == $"[resourceId('Microsoft.Authorization/roleDefinitions', {roleId})]");

        Assert.Equal(
            ["Microsoft.Communication/CommunicationServices/Read", "Microsoft.Communication/CommunicationServices/Write"],
            permissions["actions"]!.AsArray().Select(n => (string)n!));
        Assert.Empty(permissions["dataActions"]!.AsArray());
        Assert.Equal("[resourceId('Microsoft.Communication/communicationServices', parameters('communicationServiceName'))]", (string?)assignment["scope"]);
    }

    [Fact]
    public async Task FunctionApp_BasicPublishingCredentials_Disabled()
    {
        var app = ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "functionapp");
        var policies = ArmTemplate.OfType(app, "Microsoft.Web/sites/basicPublishingCredentialsPolicies")
            .ToDictionary(p => ((string)p["name"]!).Contains("'ftp'", StringComparison.Ordinal) ? "ftp" : "scm", p => (bool?)p["properties"]!["allow"]);

        Assert.Equal(new Dictionary<string, bool?> { ["ftp"] = false, ["scm"] = false }, policies);
    }

    [Fact]
    public async Task PostDeploy_SubscribesTheAppUrlFromTheAzdOutputs()
    {
        var outputs = (await BicepCli.MainTemplateAsync())["outputs"]!.AsObject();
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "scripts", "post-deploy.sh"));
        var required = RequiredVariable().Matches(script).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("AZURE_FUNCTION_APP_URL", required);
        Assert.All(required, name => Assert.True(outputs.ContainsKey(name), $"post-deploy.sh needs {name}, which main.bicep does not output"));

        // A Flex Consumption host name that is not "<app>.azurewebsites.net".
        const string url = "https://func-pointake-abc.swedencentral-01.azurewebsites.net";
        var calls = await RunPostDeployAsync(url);

        var endpoint = Regex.Match(calls, @"--endpoint (\S+)").Groups[1].Value;
        Assert.StartsWith($"{url}/runtime/webhooks/blobs?functionName=Host.Functions.IngestReportFunction&code=", endpoint);
        Assert.DoesNotContain("https://func-pointake-abc.azurewebsites.net", calls);
        Assert.Contains("/containers/eventgrid-deadletter", calls);
    }

    private static async Task<string> RunPostDeployAsync(string appUrl)
    {
        var bin = Directory.CreateTempSubdirectory("pointake-az-");
        try
        {
            var log = Path.Combine(bin.FullName, "calls.log");
            var az = Path.Combine(bin.FullName, "az");
            // A stand-in for the az CLI: records every call, answers the two look-ups, and has no contacts function.
            await File.WriteAllTextAsync(az, $$"""
                #!/bin/sh
                echo "$*" >> "{{log}}"
                case "$*" in
                  "functionapp keys list"*) echo blobs-extension-key ;;
                  "storage account show"*) echo /subscriptions/s/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/stpox ;;
                  "functionapp function show"*) exit 3 ;;
                esac
                """.Replace("\r", "", StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var start = new ProcessStartInfo("sh", [Path.Combine(RepositoryRoot.Path, "scripts", "post-deploy.sh")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["PATH"] = bin.FullName + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["AZURE_RESOURCE_GROUP"] = "rg-x";
            start.Environment["AZURE_FUNCTION_APP_NAME"] = "func-pointake-abc";
            start.Environment["AZURE_FUNCTION_APP_URL"] = appUrl;
            start.Environment["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"] = "evgt-pointake-abc";
            start.Environment["AZURE_EVENTGRID_DEADLETTER_CONTAINER"] = "eventgrid-deadletter";
            start.Environment["AZURE_STORAGE_ACCOUNT_NAME"] = "stpox";
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "post-deploy.sh failed: " + await error);
            return await File.ReadAllTextAsync(log);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"variables\('roles'\)\.(\w+)")]
    private static partial Regex RoleReference();

    [GeneratedRegex(@"\b(SetTags|GetTags|FindBlobsByTags|SetAccessControl|GetAccessControl|DataLake)\w*")]
    private static partial Regex OwnerOnlyApi();

    [GeneratedRegex(@"\$\{(AZURE_[A-Z_]+):\?")]
    private static partial Regex RequiredVariable();
}
