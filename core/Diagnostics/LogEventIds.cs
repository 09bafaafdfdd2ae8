namespace PoIntake.Core.Diagnostics;

/// <summary>
/// Event ids of the log events Azure Monitor alerts on (infra/modules/alerts.bicep queries them by id in Application
/// Insights, where they arrive as customDimensions.EventId; docs/deploy.md "Alerts and what to do"). Changing an id here
/// without the query silences its alert; InfraAlertTests checks both sides.
/// </summary>
public static class LogEventIds
{
    /// <summary>An intake attempt failed (exception); recorded as Failed in IntakeLog and retried by the host.</summary>
    public const int IntakeFailed = 1101;

    /// <summary>An intake attempt failed and even writing Failed to IntakeLog failed.</summary>
    public const int IntakeFailureNotRecorded = 1102;

    /// <summary>The e-mail service refused a reminder for good; the ledger says Rejected and it is never retried.</summary>
    public const int ReminderRejected = 2101;

    /// <summary>A report deadline passed with reports still missing (logged by each reminder pass during the day after).</summary>
    public const int DeadlinePassedWithReportsMissing = 2201;
}
