using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PoIntake.Core.Diagnostics;

namespace PoIntake.Tests.Infra;

/// <summary>
/// The alert rules of infra/modules/alerts.bicep (docs/deploy.md "Alerts and what to do"): each exists, watches the right
/// resource with the right query, and mails the action group; the storage logs they read are switched on.
/// </summary>
public sealed partial class AlertRulesTests
{
    private const string Workspace = "WORKSPACE-ID";
    private const string AppInsights = "APPINSIGHTS-ID";

    public static TheoryData<string, int[]> AppEventAlerts() => new()
    {
        { "intake-failed", [LogEventIds.IntakeFailed, LogEventIds.IntakeFailureNotRecorded] },
        { "reminder-rejected", [LogEventIds.ReminderRejected] },
        { "deadline-reports-missing", [LogEventIds.DeadlinePassedWithReportsMissing] },
        { "switch-aborted", [LogEventIds.SwitchAborted, LogEventIds.UploadsDuringSwitch] },
        { "wrong-county-key", [LogEventIds.WrongCountyKey] },
    };

    [Fact]
    public async Task Alerts_OneForEachConditionOfTheRunbook()
    {
        var alerts = await AlertsAsync();

        Assert.Equal(
            ["poison-queue", "eventgrid-dead-letter", "intake-failed", "reminder-rejected", "deadline-reports-missing", "switch-aborted", "wrong-county-key"],
            alerts.Select(a => a.Name));
        var runbook = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "deploy.md"));
        Assert.All(alerts, a => Assert.Contains($"`{a.Name}`", runbook, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rules_FireOnAnyMatchingRecordAndMailTheActionGroup()
    {
        var module = await AlertsModuleAsync();
        var rule = ArmTemplate.OfType(module, "Microsoft.Insights/scheduledQueryRules").Single();
        var criterion = rule["properties"]!["criteria"]!["allOf"]!.AsArray().Single()!;

        Assert.Equal("[length(variables('alerts'))]", (string?)rule["copy"]!["count"]);
        Assert.Equal("[variables('alerts')[copyIndex()].query]", (string?)criterion["query"]);
        Assert.Equal("[variables('alerts')[copyIndex()].scope]", (string?)rule["properties"]!["scopes"]!.AsArray().Single());
        Assert.Equal(("Count", "GreaterThan", 0), ((string?)criterion["timeAggregation"], (string?)criterion["operator"], (int?)criterion["threshold"]));
        Assert.True((bool?)rule["properties"]!["autoMitigate"]);
        Assert.Equal(
            "[resourceId('Microsoft.Insights/actionGroups', parameters('actionGroupName'))]",
            (string?)rule["properties"]!["actions"]!["actionGroups"]!.AsArray().Single());
    }

    [Fact]
    public async Task PoisonQueue_WatchesPutMessageOnTheBlobTriggerPoisonQueueInTheWorkspace()
    {
        var alert = (await AlertsAsync()).Single(a => a.Name == "poison-queue");

        Assert.Equal(Workspace, alert.Scope);
        Assert.StartsWith("StorageQueueLogs |", alert.Query, StringComparison.Ordinal);
        Assert.Contains("OperationName == \"PutMessage\"", alert.Query, StringComparison.Ordinal);
        Assert.Contains("ObjectKey contains \"/webjobs-blobtrigger-poison\"", alert.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetter_WatchesWritesToTheDeadLetterContainerEventGridUses()
    {
        var main = await BicepCli.MainTemplateAsync();
        var alert = (await AlertsAsync()).Single(a => a.Name == "eventgrid-dead-letter");
        var storage = ArmTemplate.Module(main, "storage");
        var container = (string)storage["variables"]!["deadLetterContainerName"]!;

        Assert.Equal(Workspace, alert.Scope);
        Assert.StartsWith("StorageBlobLogs |", alert.Query, StringComparison.Ordinal);
        Assert.Contains($"ObjectKey contains \"/{container}/\"", alert.Query, StringComparison.Ordinal);
        Assert.Contains("Category == \"StorageWrite\"", alert.Query, StringComparison.Ordinal);
        foreach (var module in new[] { "alerts", "eventgrid" })
        {
            var passed = (string?)ArmTemplate.Deployment(main, module)["properties"]!["parameters"]!["deadLetterContainerName"]!["value"];
            Assert.EndsWith("'storage'), '2025-04-01').outputs.deadLetterContainerName.value]", passed);
        }
    }

    [Theory]
    [MemberData(nameof(AppEventAlerts))]
    public async Task AppEvents_QueryPoIntakesEventIdsInApplicationInsights(string name, int[] eventIds)
    {
        var alert = (await AlertsAsync()).Single(a => a.Name == name);

        Assert.Equal(AppInsights, alert.Scope);
        Assert.StartsWith("traces |", alert.Query, StringComparison.Ordinal);
        Assert.Contains("tostring(customDimensions.CategoryName) startswith \"PoIntake.\"", alert.Query, StringComparison.Ordinal);
        var queried = EventIdList().Match(alert.Query).Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(eventIds.Select(id => $"\"{id}\""), queried);
    }

    [Fact]
    public async Task Main_WiresTheMonitoringResourcesIntoTheAlerts()
    {
        var main = await BicepCli.MainTemplateAsync();
        var parameters = ArmTemplate.Deployment(main, "alerts")["properties"]!["parameters"]!;

        Assert.EndsWith("'monitoring'), '2025-04-01').outputs.workspaceId.value]", (string?)parameters["workspaceId"]!["value"]);
        Assert.EndsWith("'monitoring'), '2025-04-01').outputs.appInsightsId.value]", (string?)parameters["appInsightsId"]!["value"]);
        Assert.Equal("[parameters('alertEmailAddress')]", (string?)parameters["alertEmailAddress"]!["value"]);
        var azdParameters = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "main.parameters.json"));
        Assert.Contains("\"alertEmailAddress\": { \"value\": \"${POINTAKE_ALERT_EMAIL=}\" }", azdParameters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionGroup_MailsTheConfiguredAddress()
    {
        var group = ArmTemplate.OfType(await AlertsModuleAsync(), "Microsoft.Insights/actionGroups").Single();

        Assert.Equal(
            "[if(empty(parameters('alertEmailAddress')), createArray(), createArray(createObject('name', 'operations', 'emailAddress', parameters('alertEmailAddress'), 'useCommonAlertSchema', true())))]",
            (string?)group["properties"]!["emailReceivers"]);
    }

    [Fact]
    public async Task Storage_SendsBlobWritesAndDeletesAndQueueWritesToTheWorkspace()
    {
        var main = await BicepCli.MainTemplateAsync();
        var storage = ArmTemplate.Module(main, "storage");
        var settings = ArmTemplate.OfType(storage, "Microsoft.Insights/diagnosticSettings")
            .ToDictionary(
                s => (string)s["scope"]!,
                s => s["properties"]!["logs"]!.AsArray().Where(l => (bool)l!["enabled"]!).Select(l => (string)l!["category"]!).ToList());

        Assert.Equal(["StorageWrite", "StorageDelete"], settings.Single(s => s.Key.Contains("blobServices", StringComparison.Ordinal)).Value);
        Assert.Equal(["StorageWrite"], settings.Single(s => s.Key.Contains("queueServices", StringComparison.Ordinal)).Value);
        Assert.All(
            ArmTemplate.OfType(storage, "Microsoft.Insights/diagnosticSettings"),
            s => Assert.Equal("[parameters('workspaceId')]", (string?)s["properties"]!["workspaceId"]));
        Assert.EndsWith(
            "'monitoring'), '2025-04-01').outputs.workspaceId.value]",
            (string?)ArmTemplate.Deployment(main, "storage")["properties"]!["parameters"]!["workspaceId"]!["value"]);
    }

    private static async Task<JsonObject> AlertsModuleAsync() => ArmTemplate.Module(await BicepCli.MainTemplateAsync(), "alerts");

    private static async Task<List<Alert>> AlertsAsync()
    {
        var main = await BicepCli.MainTemplateAsync();
        var module = ArmTemplate.Module(main, "alerts");
        var parameters = new Dictionary<string, string>
        {
            ["workspaceId"] = Workspace,
            ["appInsightsId"] = AppInsights,
            ["deadLetterContainerName"] = (string)ArmTemplate.Module(main, "storage")["variables"]!["deadLetterContainerName"]!,
        };
        return module["variables"]!["alerts"]!.AsArray()
            .Select(a => new Alert(
                (string)a!["name"]!,
                ArmTemplate.Evaluate((string)a["scope"]!, module, parameters),
                ArmTemplate.Evaluate((string)a["query"]!, module, parameters)))
            .ToList();
    }

    private sealed record Alert(string Name, string Scope, string Query);

    [GeneratedRegex(@"customDimensions\.EventId\) in \(([^)]*)\)")]
    private static partial Regex EventIdList();
}
