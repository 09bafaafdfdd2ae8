using System.Text.Json;
using System.Text.RegularExpressions;
using PoIntake.DevHost.Worker;
using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.DevHost.Timers;

/// <summary>
/// Raises every timer-triggered function the worker reported on its NCRONTAB schedule (UTC; <c>%Setting%</c> resolved
/// from the app settings), like the host's timer listener without its storage monitor: the trigger's data is the
/// TimerInfo JSON the host sends. A failed run is logged and waits for its next occurrence, as in the host.
/// </summary>
internal sealed partial class TimerScheduler(
    WorkerHost worker,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WorkerFunctions functions;
        try
        {
            functions = await worker.Ready.WaitAsync(stoppingToken);
        }
        catch (Exception) when (!stoppingToken.IsCancellationRequested)
        {
            return; // the worker host has said why
        }

        var loops = new List<Task>();
        foreach (var timer in functions.Timers)
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

        await Task.WhenAll(loops);
    }

    /// <summary>Replaces each <c>%Setting%</c> with its configuration value (Section__Key or Section:Key), as the host does.</summary>
    internal static string ResolveSchedule(string schedule, IConfiguration configuration) =>
        SettingReference().Replace(schedule, match =>
        {
            var name = match.Groups[1].Value;
            return configuration[name] ?? configuration[name.Replace("__", ":", StringComparison.Ordinal)]
                ?? throw new FormatException($"The timer schedule refers to the setting '{name}', which is not configured.");
        });

    /// <summary>Runs the timer function named <paramref name="functionName"/> once now, as its schedule would (devhost and tests).</summary>
    public async Task<InvocationResponse> RunNowAsync(string functionName, CancellationToken cancellationToken)
    {
        var functions = await worker.Ready.WaitAsync(cancellationToken);
        var timer = functions.Timers.SingleOrDefault(t => t.Function.Name == functionName)
            ?? throw new ArgumentException($"The worker reported no timer function '{functionName}'.", nameof(functionName));
        var now = time.GetUtcNow();
        var next = NCrontabSchedule.Parse(ResolveSchedule(timer.Schedule, configuration)).GetNextOccurrence(now) ?? now;
        return await worker.InvokeAsync(Request(timer, last: null, now, next, isPastDue: false), cancellationToken);
    }

    /// <summary>The InvocationRequest the host sends for a timer: the trigger's data is the TimerInfo as JSON.</summary>
    internal static InvocationRequest Request(TimerTrigger timer, DateTimeOffset? last, DateTimeOffset now, DateTimeOffset next, bool isPastDue)
    {
        var info = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = (last ?? now).UtcDateTime, Next = next.UtcDateTime, LastUpdated = now.UtcDateTime },
            IsPastDue = isPastDue,
        });
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = timer.Function.Id, TraceContext = new RpcTraceContext() };
        request.InputData.Add(new ParameterBinding { Name = timer.TriggerName, Data = new TypedData { Json = info } });
        request.TriggerMetadata[timer.TriggerName] = new TypedData { Json = info };
        return request;
    }

    private async Task RunAsync(TimerTrigger timer, NCrontabSchedule schedule, CancellationToken stoppingToken)
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

    private async Task FireAsync(TimerTrigger timer, NCrontabSchedule schedule, DateTimeOffset? last, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        try
        {
            LogFiring(logger, timer.Function.Name);
            var response = await worker.InvokeAsync(Request(timer, last, now, schedule.GetNextOccurrence(now) ?? now, isPastDue: false), stoppingToken);
            if (response.Result?.Status != StatusResult.Types.Status.Success)
            {
                LogFailed(logger, timer.Function.Name, response.Result?.Exception?.Message ?? "no status");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, timer.Function.Name, ex.Message);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string function, string reason);
}
