using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using PoIntake.DevHost.Functions;

namespace PoIntake.DevHost.Timers;

/// <summary>Fires every [TimerTrigger] function on its NCRONTAB schedule (UTC), like the host's timer listener without its storage monitor.</summary>
internal sealed partial class TimerScheduler(
    FunctionCatalog catalog,
    IServiceProvider services,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>();
        foreach (var timer in catalog.Timers)
        {
            NCrontabSchedule schedule;
            try
            {
                schedule = NCrontabSchedule.Parse(ResolveSchedule(timer.Schedule, configuration));
            }
            catch (FormatException ex)
            {
                LogBadSchedule(logger, ex, timer.Function.Name, timer.Schedule);
                continue;
            }

            loops.Add(RunAsync(timer, schedule, stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    /// <summary>Replaces each <c>%Setting%</c> with its configuration value (Section__Key or Section:Key), as the host does.</summary>
    internal static string ResolveSchedule(string schedule, IConfiguration configuration) =>
        SettingReference().Replace(schedule, match =>
        {
            var name = match.Groups[1].Value;
            return configuration[name] ?? configuration[name.Replace("__", ":", StringComparison.Ordinal)]
                ?? throw new FormatException($"The timer schedule refers to the setting '{name}', which is not configured.");
        });

    private async Task RunAsync(TimerFunction timer, NCrontabSchedule schedule, CancellationToken stoppingToken)
    {
        DateTimeOffset? last = null;
        if (timer.RunOnStartup)
        {
            await FireAsync(timer, schedule, last, stoppingToken);
            last = time.GetUtcNow();
        }

        while (!stoppingToken.IsCancellationRequested && schedule.GetNextOccurrence(time.GetUtcNow()) is { } next)
        {
            LogScheduled(logger, timer.Function.Name, next);
            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await FireAsync(timer, schedule, last, stoppingToken);
            last = next;
        }
    }

    private async Task FireAsync(TimerFunction timer, NCrontabSchedule schedule, DateTimeOffset? last, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var info = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus
            {
                Last = (last ?? now).UtcDateTime,
                Next = (schedule.GetNextOccurrence(now) ?? now).UtcDateTime,
                LastUpdated = now.UtcDateTime,
            },
        };

        try
        {
            LogFiring(logger, timer.Function.Name);
            await FunctionInvoker.InvokeAsync(timer.Function, services, parameter =>
                parameter.ParameterType == typeof(TimerInfo) ? info
                : parameter.ParameterType == typeof(CancellationToken) ? stoppingToken
                : parameter.HasDefaultValue ? parameter.DefaultValue
                : null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Like the host: a failed timer run is logged and waits for its next occurrence, no retry.
            LogFailed(logger, ex, timer.Function.Name);
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} has an unusable schedule {Schedule}; it will not run")]
    private static partial void LogBadSchedule(ILogger logger, Exception exception, string function, string schedule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} next runs at {Next:u}")]
    private static partial void LogScheduled(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} firing")]
    private static partial void LogFiring(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
