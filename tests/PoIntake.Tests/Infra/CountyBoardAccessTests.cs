using System.Text.Json.Nodes;

namespace PoIntake.Tests.Infra;

/// <summary>
/// County boards (infra/modules/rbac.bicep): the custom role's actions, and what the ABAC condition of one board's
/// assignment allows, evaluated on the compiled template's condition for county 01.
/// </summary>
public sealed class CountyBoardAccessTests
{
    private const string Blobs = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";
    private const string Read = Blobs + "/read";
    private const string Write = Blobs + "/write";
    private const string Add = Blobs + "/add/action";
    private const string List = "Blob.List";

    [Fact]
    public async Task Role_CarriesOnlyBlobReadWriteAndCreate()
    {
        var role = CountyBoardRole(await RbacTemplateAsync());
        var permissions = role["properties"]!["permissions"]!.AsArray().Single()!;

        Assert.Equal([Read, Write, Add], Strings(permissions["dataActions"]));
        Assert.Empty(Strings(permissions["actions"]));
        Assert.Empty(Strings(permissions["notDataActions"]));
    }

    [Fact]
    public async Task Assignment_UsesTheCustomRoleWithTheCountyCondition()
    {
        var template = await RbacTemplateAsync();
        var assignment = CountyBoardAssignment(template);
        var properties = assignment["properties"]!;

        Assert.Equal("2.0", (string?)properties["conditionVersion"]);
        var roleName = ((string)CountyBoardRole(template)["name"]!).Trim('[', ']');
        Assert.Equal($"[resourceId('Microsoft.Authorization/roleDefinitions', {roleName})]", (string?)properties["roleDefinitionId"]);
        Assert.Equal(
            "[replace(variables('countyBoardCondition'), '{countyCode}', padLeft(string(int(parameters('countyBoardUploaders')[copyIndex()].countyCode)), 2, '0'))]",
            (string?)properties["condition"]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", (string?)assignment["scope"]);
    }

    [Fact]
    public async Task Main_PassesTheCountyBoardsToTheRbacModule()
    {
        var main = await BicepCli.MainTemplateAsync();
        var rbac = ArmTemplate.Deployment(main, "rbac");

        Assert.Equal("[parameters('countyBoardUploaders')]", (string?)rbac["properties"]!["parameters"]!["countyBoardUploaders"]!["value"]);
    }

    public static TheoryData<string, string?, string, string, string> Allowed() => new()
    {
        { Write, null, "reports", "path", "2026/01/kiruna-po.xlsx" },
        { Add, null, "reports", "path", "2026/01/kiruna-po.xlsx" },
        { Read, null, "reports", "path", "2026/01/kiruna-po.xlsx" },
        { Read, List, "reports", "prefix", "2026/01/" },
        { Read, List, "reports", "prefix", "2026/01/kir" },
        { Read, null, "intake-results", "path", "2026/01/kiruna-po.xlsx.0123456789abcdef.json" },
        { Read, List, "intake-results", "prefix", "2026/01/" },
        { Read, null, "intake-results", "path", "contacts/01.xlsx.0123456789abcdef.json" },
        { Write, null, "contacts", "path", "01.xlsx" },
        { Add, null, "contacts", "path", "01.xlsx" },
        { Read, null, "contacts", "path", "01.xlsx" },
        // The grant register (docs/grants.md): the county's own file per year, and its findings.
        { Write, null, "grants", "path", "2021/01.xlsx" },
        { Add, null, "grants", "path", "2021/01.xlsx" },
        { Read, null, "grants", "path", "2021/01.xlsx" },
        { Read, null, "intake-results", "path", "grants/2021/01.xlsx.0123456789abcdef.json" },
    };

    public static TheoryData<string, string?, string, string, string> Denied() => new()
    {
        // Another county, another shape of path.
        { Write, null, "reports", "path", "2026/02/kiruna-po.xlsx" },
        { Read, null, "reports", "path", "2026/02/kiruna-po.xlsx" },
        { Write, null, "reports", "path", "2026/010/kiruna-po.xlsx" },
        { Write, null, "reports", "path", "x2026/01/kiruna-po.xlsx" },
        { Write, null, "reports", "path", "20a6/01/kiruna-po.xlsx" },
        { Write, null, "reports", "path", "2O26/01/kiruna-po.xlsx" },
        { Write, null, "reports", "path", "1/2//01/kiruna-po.xlsx" },
        { Write, null, "reports", "path", "2026/01/sub/kiruna-po.xlsx" },
        { Write, null, "reports", "path", "2026/01/" },
        { Write, null, "reports", "path", "abcd/2026/01/kiruna-po.xlsx" },
        { Write, null, "reports", "path", "01/2026/kiruna-po.xlsx" },
        // Listing: whole container, a year, another county.
        { Read, List, "reports", "prefix", "2026/" },
        { Read, List, "reports", "prefix", "2026/02/" },
        { Read, List, "reports", "prefix", "" },
        { Read, List, "intake-results", "prefix", "contacts/" },
        // Results are read-only; other counties' results are not readable.
        { Write, null, "intake-results", "path", "2026/01/kiruna-po.xlsx.0123456789abcdef.json" },
        { Add, null, "intake-results", "path", "2026/01/kiruna-po.xlsx.0123456789abcdef.json" },
        { Read, null, "intake-results", "path", "2026/02/kiruna-po.xlsx.0123456789abcdef.json" },
        { Read, null, "intake-results", "path", "contacts/02.xlsx.0123456789abcdef.json" },
        { Read, null, "intake-results", "path", "_invalid/foo.xlsx.0123456789abcdef.json" },
        // Contacts: only the county's own register, by its exact name.
        { Write, null, "contacts", "path", "02.xlsx" },
        { Write, null, "contacts", "path", "01.xlsx.bak" },
        { Read, null, "contacts", "path", "02.xlsx" },
        // Grant registers: only the county's own, by its exact name under a four-digit year; findings read-only.
        { Write, null, "grants", "path", "2021/02.xlsx" },
        { Read, null, "grants", "path", "2021/02.xlsx" },
        { Write, null, "grants", "path", "20a1/01.xlsx" },
        { Write, null, "grants", "path", "1/2//01.xlsx" },
        { Write, null, "grants", "path", "2021/01.xlsx.bak" },
        { Write, null, "grants", "path", "2021/01/x.xlsx" },
        { Write, null, "grants", "path", "01.xlsx" },
        { Read, List, "grants", "prefix", "2021/" },
        { Write, null, "intake-results", "path", "grants/2021/01.xlsx.0123456789abcdef.json" },
        { Read, null, "intake-results", "path", "grants/2021/02.xlsx.0123456789abcdef.json" },
        // Containers of the platform: deployment package, host, dead letters.
        { Write, null, "app-package", "path", "2026/01/released-package.zip" },
        { Read, null, "azure-webjobs-secrets", "path", "2026/01/host.json" },
        { Write, null, "eventgrid-deadletter", "path", "2026/01/x.json" },
        { Read, List, "app-package", "prefix", "2026/01/" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task Condition_Allows(string action, string? subOperation, string container, string attribute, string value) =>
        Assert.True(Evaluate(await ConditionForCounty01Async(), action, subOperation, container, attribute, value));

    [Theory]
    [MemberData(nameof(Denied))]
    public async Task Condition_Denies(string action, string? subOperation, string container, string attribute, string value) =>
        Assert.False(Evaluate(await ConditionForCounty01Async(), action, subOperation, container, attribute, value));

    [Fact]
    public async Task Condition_ListingWithoutPrefix_Denied()
    {
        var condition = await ConditionForCounty01Async();
        var request = new AbacRequest(Read, List, new Dictionary<string, string> { [ContainerAttribute] = "reports" });

        Assert.False(AbacCondition.Allows(condition, request));
    }

    [Fact]
    public void Evaluator_KnowsTheWildcardsAndRefusesAmbiguity()
    {
        // Guards the evaluator the theories rely on.
        Assert.True(AbacCondition.Like("abcd", "a*c?"));
        Assert.False(AbacCondition.Like("abcd", "A*C?"));
        Assert.False(AbacCondition.Like("abcd", "a*c"));
        var request = new AbacRequest(Read, null, new Dictionary<string, string>());
        Assert.Throws<FormatException>(() => AbacCondition.Allows($"ActionMatches{{'{Read}'}} AND ActionMatches{{'{Read}'}} OR ActionMatches{{'{Write}'}}", request));
        Assert.False(AbacCondition.Allows($"!(ActionMatches{{'{Read}'}})", request));
    }

    private const string ContainerAttribute = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]";

    private static bool Evaluate(string condition, string action, string? subOperation, string container, string attribute, string value)
    {
        var name = attribute == "path"
            ? "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path]"
            : "@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix]";
        return AbacCondition.Allows(condition, new AbacRequest(action, subOperation, new Dictionary<string, string>
        {
            [ContainerAttribute] = container,
            [name] = value,
        }));
    }

    private static async Task<string> ConditionForCounty01Async()
    {
        var template = await RbacTemplateAsync();
        var condition = (string?)template["variables"]!["countyBoardCondition"];
        Assert.False(string.IsNullOrEmpty(condition));
        return condition!.Replace("{countyCode}", "01", StringComparison.Ordinal);
    }

    private static async Task<JsonObject> RbacTemplateAsync() => ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "rbac");

    private static JsonObject CountyBoardRole(JsonObject rbac) =>
        ArmTemplate.OfType(rbac, "Microsoft.Authorization/roleDefinitions")
            .Single(r => ((string?)r["properties"]!["roleName"])?.Contains("county board", StringComparison.Ordinal) == true);

    private static JsonObject CountyBoardAssignment(JsonObject rbac) =>
        ArmTemplate.OfType(rbac, "Microsoft.Authorization/roleAssignments")
            .Single(r => ((string?)r["properties"]!["condition"])?.Contains("countyBoardCondition", StringComparison.Ordinal) == true);

    private static List<string> Strings(JsonNode? array) => array?.AsArray().Select(n => (string)n!).ToList() ?? [];
}
