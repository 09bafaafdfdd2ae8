using System.Text.Json;
using Microsoft.Extensions.Configuration;
using System.Text.RegularExpressions;

namespace PoIntake.Tests.Functions;

/// <summary>local.settings.sample.json must be copyable as is: every connection and %setting% the functions use is in it.</summary>
public sealed partial class LocalSettingsSampleTests
{
    private static Dictionary<string, string> Values()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }

    [Fact]
    public void Sample_RunsTheIsolatedWorkerOnAzurite()
    {
        var values = Values();

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
    }

    [Fact]
    public void Sample_HasEveryTriggerConnectionAsAzurite()
    {
        var values = Values();

        foreach (var connection in FunctionClasses.Blobs.Select(b => b.Trigger.Connection).OfType<string>())
        {
            Assert.True(values.TryGetValue(connection, out var value), $"missing connection {connection}");
            Assert.Equal("UseDevelopmentStorage=true", value);
        }
    }

    [Fact]
    public void Sample_HasEverySettingATimerScheduleRefersTo()
    {
        var values = Values();

        foreach (var (function, timer) in FunctionClasses.Timers)
        {
            foreach (Match reference in SettingReference().Matches(timer.Schedule))
            {
                // Values are environment variables, so a section separator ':' is written '__'.
                var setting = reference.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal);
                Assert.True(values.ContainsKey(setting), $"{function.Name} reads %{reference.Groups[1].Value}%, which the sample lacks as {setting}");
            }
        }
    }

    [Fact]
    public void Sample_EveryTimerScheduleResolvesToAValidNcrontab()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Values().Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();

        Assert.All(FunctionClasses.Timers, timer =>
            PoIntake.DevHost.Timers.NCrontabSchedule.Parse(PoIntake.DevHost.Timers.TimerScheduler.ResolveSchedule(timer.Trigger.Schedule, configuration)));
    }

    [Fact]
    public void Sample_HoldsNoAccountKeys()
    {
        Assert.DoesNotContain(Values().Values, v => v.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
