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

    /// <summary>A switch of a year to a replay gave up with the live year as before (uploads it would have lost, intakes that did not finish).</summary>
    public const int SwitchAborted = 3101;

    /// <summary>Uploads of a year were processed while it switched, past the year's lock; their rows are kept, a pointer may not be.</summary>
    public const int UploadsDuringSwitch = 3102;

    /// <summary>A key was used for a county it does not belong to (functions' AccessGate).</summary>
    public const int WrongCountyKey = 5101;
}
