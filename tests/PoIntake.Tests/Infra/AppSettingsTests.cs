using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PoIntake.Core.Email;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reminders;
using PoIntake.Core.Totals;
using PoIntake.Core.Access;

namespace PoIntake.Tests.Infra;

/// <summary>
/// Every setting the code binds is in local.settings.sample.json, and every sample setting reaches Azure through the
/// Bicep app settings (except the few that only make sense on one side, each with its reason).
/// </summary>
public sealed partial class AppSettingsTests
{
    private static readonly (Type Options, string Section)[] BoundOptions =
    [
        (typeof(ScreeningOptions), ScreeningOptions.SectionName),
        (typeof(TotalsOptions), TotalsOptions.SectionName),
        (typeof(LagesrapportOptions), LagesrapportOptions.SectionName),
        (typeof(EmailOptions), EmailOptions.Section),
        (typeof(ReminderOptions), ReminderOptions.Section),
        (typeof(AccessOptions), AccessOptions.SectionName),
        (typeof(Core.Grants.GrantCheckOptions), Core.Grants.GrantCheckOptions.SectionName),
        (typeof(Core.Grants.GrantRegisterOptions), Core.Grants.GrantRegisterOptions.SectionName),
        (typeof(Core.Replay.ReplayOptions), Core.Replay.ReplayOptions.SectionName),
    ];

    private static readonly string[] ConnectionNames = ["AzureWebJobsStorage", Core.Storage.ConnectionNames.Storage];

    /// <summary>Read only in Azure: ACS e-mail goes through the managed identity; locally mail goes to the .eml outbox.</summary>
    private static readonly HashSet<string> AzureOnly = ["Email__Endpoint", "Email__SenderAddress", "Email__ClientId"];

    /// <summary>
    /// FUNCTIONS_WORKER_RUNTIME is deprecated on Flex (functionAppConfig.runtime says it); the outbox exists only locally;
    /// connection strings become identity-based settings in Azure (checked separately).
    /// </summary>
    private static readonly HashSet<string> LocalOnly = ["FUNCTIONS_WORKER_RUNTIME", "Email__OutboxDirectory", .. ConnectionNames];

    [Fact]
    public void Sample_HasEveryBoundOptionsSetting()
    {
        var sample = SampleKeys();
        var missing = BoundSettingKeys()
            .Where(key => !AzureOnly.Contains(key) && !sample.Contains(key))
            .ToList();

        Assert.True(missing.Count == 0, "missing in local.settings.sample.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void Bicep_HasEverySampleSettingAndTheAzureOnlyOnes()
    {
        var bicep = BicepAppSettingKeys();
        var missing = SampleKeys().Where(key => !LocalOnly.Contains(key)).Concat(AzureOnly)
            .Where(key => !bicep.Contains(key))
            .ToList();

        Assert.True(missing.Count == 0, "missing in infra/modules/functionapp.bicep app settings: " + string.Join(", ", missing));
    }

    [Fact]
    public void Bicep_ConnectionsAreIdentityBased()
    {
        var bicep = BicepAppSettingKeys();

        foreach (var connection in ConnectionNames)
        {
            Assert.DoesNotContain(connection, bicep);
            foreach (var part in new[] { "credential", "clientId", "blobServiceUri", "queueServiceUri", "tableServiceUri" })
            {
                Assert.Contains($"{connection}__{part}", bicep);
            }
        }

        Assert.DoesNotContain(bicep, key => key.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) && key != "APPLICATIONINSIGHTS_CONNECTION_STRING");
    }

    [Fact]
    public void BoundSettingKeys_FindsTheOptionsProperties()
    {
        // Guards the reflection the other tests rely on: a known setting of each section is found.
        var keys = BoundSettingKeys();

        Assert.Contains("Screening__MaxFileBytes", keys);
        Assert.Contains("Totals__RevisionCheckInterval", keys);
        Assert.Contains("Email__SenderAddress", keys);
        Assert.Contains("Reminders__SendAt", keys);
        Assert.Contains("Access__RequireRoleKeys", keys);
    }

    private static List<string> BoundSettingKeys() =>
        BoundOptions
            .SelectMany(bound => bound.Options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
                // Arrays (offset lists) keep their defaults in code: the configuration binder would append sample
                // values to the default array instead of replacing it. They are documented on ReminderOptions.
                .Where(p => p.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
                .Select(p => $"{bound.Section}__{p.Name}"))
            .ToList();

    private static HashSet<string> SampleKeys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> BicepAppSettingKeys()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "modules", "functionapp.bicep"));
        var start = text.IndexOf("name: 'appsettings'", StringComparison.Ordinal);
        Assert.True(start >= 0, "functionapp.bicep has no appsettings config resource");
        var block = text[start..];
        return SettingLine().Matches(block).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\s+([A-Za-z][A-Za-z0-9_]*):\s", RegexOptions.Multiline)]
    private static partial Regex SettingLine();
}
