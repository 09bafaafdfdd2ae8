using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Reminders;

namespace PoIntake.Functions.Reminders;

/// <summary>
/// Sends the deadline reminders that are due (all three deadlines). The NCRONTAB schedule (UTC) comes from setting
/// <c>RemindersSchedule</c> (a flat name, so Azure app settings, local.settings.json and devhost all spell it alike); each pass decides in Swedish time what is due, so an hourly schedule also catches up missed runs.
/// </summary>
public sealed partial class SendDeadlineRemindersFunction(ReminderPass pass, ILogger<SendDeadlineRemindersFunction> logger)
{
    public const string Schedule = "%RemindersSchedule%";

    [Function(nameof(SendDeadlineRemindersFunction))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        // Storage failures propagate: the next scheduled run retries; the ledger keeps every mail exactly once.
        var result = await pass.RunAsync(cancellationToken);
        LogPass(logger, timer.IsPastDue, result.Sent, result.Failed, result.Rejected);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder timer (past due {PastDue}): {Sent} sent, {Failed} pending after failure, {Rejected} rejected")]
    private static partial void LogPass(ILogger logger, bool pastDue, int sent, int failed, int rejected);
}
