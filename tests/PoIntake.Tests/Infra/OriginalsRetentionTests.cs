using System.Text.Json.Nodes;

namespace PoIntake.Tests.Infra;

/// <summary>
/// The originals no one can delete (docs/hardening.md): reports, grants and contacts under version-level immutability with
/// a configurable default retention, and the deployer's blob data role removed once the deployment is done.
/// </summary>
public sealed class OriginalsRetentionTests
{
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    [Fact]
    public async Task Originals_AreVersionImmutable_WithTheConfiguredRetention_AndNoOtherContainerIs()
    {
        var main = await BicepCli.MainTemplateAsync();
        var storage = ArmTemplate.Module(main, "storage");
        var containers = ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices/containers").Single();
        var policies = ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies").Single();

        Assert.Equal(["reports", "grants", "contacts", "countyboard"], storage["variables"]!["originalContainers"]!.AsArray().Select(n => (string)n!));
        var properties = (string)containers["properties"]!;
        Assert.Contains("contains(variables('originalContainers'), variables('containers')[copyIndex()])", properties, StringComparison.Ordinal);
        Assert.Contains("'immutableStorageWithVersioning', createObject('enabled', true())", properties, StringComparison.Ordinal);
        Assert.Equal("[length(variables('originalContainers'))]", (string?)policies["copy"]!["count"]);
        Assert.Equal("[parameters('originalsRetentionDays')]", (string?)policies["properties"]!["immutabilityPeriodSinceCreationInDays"]);
        Assert.False((bool)policies["properties"]!["allowProtectedAppendWrites"]!);
        Assert.Equal(3650, (int)storage["parameters"]!["originalsRetentionDays"]!["defaultValue"]!);
        Assert.Equal("[parameters('originalsRetentionDays')]", (string?)ArmTemplate.Deployment(main, "storage")["properties"]!["parameters"]!["originalsRetentionDays"]!["value"]);
        Assert.True((bool)ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices").Single()["properties"]!["isVersioningEnabled"]!);
    }

    [Fact]
    public async Task Deployer_GetsBlobDataContributorForTheDeployment_AndThePostDeployHookRemovesIt()
    {
        var rbac = ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "rbac");
        var deployer = ArmTemplate.OfType(rbac, "Microsoft.Authorization/roleAssignments")
            .Single(r => ((string?)r["properties"]!["principalId"])!.Contains("deployerPrincipalId", StringComparison.Ordinal));
        Assert.Contains("storageBlobDataContributor", (string?)deployer["properties"]!["roleDefinitionId"], StringComparison.Ordinal);
        Assert.Equal(BlobDataContributor, (string?)rbac["variables"]!["roles"]!["storageBlobDataContributor"]);

        var hook = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "scripts", "post-deploy.sh"));
        var removal = hook.IndexOf("az role assignment delete --assignee \"$AZURE_PRINCIPAL_ID\"", StringComparison.Ordinal);
        Assert.True(removal > 0, "post-deploy.sh removes the deployer's role");
        Assert.Contains($"--role {BlobDataContributor} --scope \"$storage_id\"", hook[removal..], StringComparison.Ordinal);
        Assert.True(removal > hook.LastIndexOf("subscribe grants-created", StringComparison.Ordinal), "after the deployment's own steps");
        var azure = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "azure.yaml"));
        Assert.Contains("run: ./scripts/post-deploy.sh", azure, StringComparison.Ordinal);
    }
}
