using System.Globalization;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Diagnostics;
using PoIntake.Core.Email;

namespace PoIntake.Core.Reminders;

/// <summary>What one pass did.</summary>
public sealed record ReminderPassResult(int DueSlots, int Planned, int Sent, int AlreadyHandled, int Failed, int Rejected);

/// <summary>One reminder that would go out on a day (the preview).</summary>
public sealed record ReminderPreviewItem(
    string Deadline,
    int DeadlineYear,
    DateOnly DeadlineDate,
    int Offset,
    ReminderAudience Audience,
    string Recipient,
    string Subject,
    string? LedgerStatus);

/// <summary>
/// Plans and sends the reminders due now: each mail is claimed in the ledger first, so a mail goes out at most once
/// however many passes run; a failed one stays pending for the next pass until its slot expires.
/// </summary>
public sealed partial class ReminderPass(
    ReminderSchedule schedule,
    ReminderTargeting targeting,
    ReminderLedger ledger,
    IEmailSender sender,
    TimeProvider timeProvider,
    ILogger<ReminderPass> logger)
{
    public Task<ReminderPassResult> RunAsync(CancellationToken cancellationToken) =>
        RunAtAsync(timeProvider.GetUtcNow(), null, cancellationToken);

    /// <summary>Runs the pass as if it were <paramref name="now"/> (devhost's simulated dates), optionally for one deadline kind.</summary>
    public async Task<ReminderPassResult> RunAtAsync(DateTimeOffset now, DeadlineKind? only, CancellationToken cancellationToken)
    {
        var slots = schedule.DueAt(now).Where(s => only is null || s.Deadline.Kind == only).ToArray();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ReminderSchedule.Stockholm).DateTime);
        int planned = 0, sent = 0, handled = 0, failed = 0, rejected = 0;
        foreach (var slot in slots)
        {
            var mails = await targeting.PlanAsync(slot, today, cancellationToken);
            planned += mails.Count;
            LogSlot(logger, slot.Deadline.Id, slot.Deadline.Year, slot.Offset, mails.Count);
            foreach (var mail in mails)
            {
                var claim = await ledger.TryClaimAsync(mail, now, cancellationToken);
                if (claim is null)
                {
                    handled++;
                    continue;
                }

                var result = await sender.SendAsync(
                    new EmailMessage(mail.To, mail.Subject, mail.PlainText, mail.Html, claim.OperationId, claim.MayHaveBeenSent),
                    cancellationToken);
                var recorded = await ledger.RecordAsync(claim, result, now, cancellationToken);
                if (!recorded)
                {
                    LogClaimLost(logger, claim.OperationId);
                }

                switch (result.Status)
                {
                    case EmailSendStatus.Sent:
                        sent++;
                        break;
                    case EmailSendStatus.PermanentFailure:
                        rejected++;
                        LogRejected(logger, claim.OperationId, result.ErrorCode);
                        break;
                    default:
                        failed++;
                        LogFailed(logger, claim.OperationId, result.ErrorCode, claim.Attempt);
                        break;
                }
            }
        }

        foreach (var deadline in schedule.JustPassedAt(now).Where(d => only is null || d.Kind == only))
        {
            var missing = await targeting.MissingAsync(deadline.ReportedYear, cancellationToken);
            if (missing.Count > 0)
            {
                var counties = string.Join(',', missing.Select(r => r.CountyCode).Distinct());
                LogDeadlinePassedWithReportsMissing(
                    logger, deadline.Id, deadline.Year, deadline.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), missing.Count, counties);
            }
        }

        var outcome = new ReminderPassResult(slots.Length, planned, sent, handled, failed, rejected);
        LogPass(logger, outcome.DueSlots, outcome.Planned, outcome.Sent, outcome.AlreadyHandled, outcome.Failed, outcome.Rejected);
        return outcome;
    }

    /// <summary>Every reminder whose moment falls on <paramref name="day"/> (Swedish calendar day), with its ledger state.</summary>
    public async Task<IReadOnlyList<ReminderPreviewItem>> PreviewAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var items = new List<ReminderPreviewItem>();
        foreach (var slot in schedule.OnDay(day))
        {
            foreach (var mail in await targeting.PlanAsync(slot, day, cancellationToken))
            {
                var entry = await ledger.FindAsync(mail, cancellationToken);
                items.Add(new ReminderPreviewItem(
                    slot.Deadline.Id, slot.Deadline.Year, slot.Deadline.Date, slot.Offset, mail.Audience, mail.To, mail.Subject, entry?.Status));
            }
        }

        return items;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder slot {Deadline} {DeadlineYear} offset {Offset}: {MailCount} mails planned")]
    private static partial void LogSlot(ILogger logger, string deadline, int deadlineYear, int offset, int mailCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {OperationId} failed ({ErrorCode}), attempt {Attempt}; stays pending")]
    private static partial void LogFailed(ILogger logger, Guid operationId, string? errorCode, int attempt);

    [LoggerMessage(EventId = LogEventIds.ReminderRejected, EventName = nameof(LogEventIds.ReminderRejected), Level = LogLevel.Error,
        Message = "Reminder {OperationId} refused by the e-mail service ({ErrorCode}); not retried")]
    private static partial void LogRejected(ILogger logger, Guid operationId, string? errorCode);

    [LoggerMessage(EventId = LogEventIds.DeadlinePassedWithReportsMissing, EventName = nameof(LogEventIds.DeadlinePassedWithReportsMissing), Level = LogLevel.Warning,
        Message = "Deadline {Deadline} {DeadlineYear} ({DeadlineDate}) has passed with {MissingCount} reports missing, counties {Counties}")]
    private static partial void LogDeadlinePassedWithReportsMissing(ILogger logger, string deadline, int deadlineYear, string deadlineDate, int missingCount, string counties);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {OperationId}: claim lost before the outcome was recorded")]
    private static partial void LogClaimLost(ILogger logger, Guid operationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder pass: {DueSlots} slots due, {Planned} planned, {Sent} sent, {AlreadyHandled} already handled, {Failed} failed, {Rejected} rejected")]
    private static partial void LogPass(ILogger logger, int dueSlots, int planned, int sent, int alreadyHandled, int failed, int rejected);
}
