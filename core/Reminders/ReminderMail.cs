namespace PoIntake.Core.Reminders;

/// <summary>
/// Who a reminder is for: a verksamhet's or municipality's contact, a county board summary, the status report, or a
/// municipality without a duty that its county board opted in to the yearly information about the grant.
/// </summary>
public enum ReminderAudience
{
    ReportContact,
    CountyBoardSummary,
    MunicipalityContact,
    StatusReport,
    GrantInformation,

    /// <summary>A county board's own reminder (register complete, reports in), listing what is missing in its county only.</summary>
    CountyBoardDuty,
}

/// <summary>
/// The one table of each <see cref="ReminderAudience"/>'s names: <see cref="Id"/> is what the reminder preview answers
/// (docs/api.md); <see cref="LedgerKey"/> is the part of a <c>ReminderLedger</c> row key that names the audience. Ledger
/// keys are stored, so they never change: the grant information shares "status" with the status report (its rows sit
/// under the grant application deadline's partition, so the two never meet).
/// </summary>
public static class ReminderAudiences
{
    public static string Id(ReminderAudience audience) => audience switch
    {
        ReminderAudience.ReportContact => "reportContact",
        ReminderAudience.CountyBoardSummary => "countyBoardSummary",
        ReminderAudience.MunicipalityContact => "municipalityContact",
        ReminderAudience.GrantInformation => "grantInformation",
        ReminderAudience.CountyBoardDuty => "countyBoardDuty",
        _ => "statusReport",
    };

    public static string LedgerKey(ReminderAudience audience) => audience switch
    {
        ReminderAudience.ReportContact => "contact",
        ReminderAudience.CountyBoardSummary => "county",
        ReminderAudience.MunicipalityContact => "municipality",
        ReminderAudience.CountyBoardDuty => "countyduty",
        _ => "status",
    };
}

/// <summary>One reminder to one address (only that address is in it).</summary>
public sealed record ReminderMail(ReminderSlot Slot, ReminderAudience Audience, string To, string Subject, string PlainText, string Html);

/// <summary>A verksamhet still missing its report for the reported year.</summary>
public sealed record MissingReport(string CountyCode, string OperationName, IReadOnlyList<string> MunicipalityNames);

/// <summary>A contact the reminders could not reach because it has no address.</summary>
public sealed record UnreachableContact(string CountyCode, string Name, string What);

/// <summary>
/// One row of the status report's completeness table: <see cref="Owed"/> reports owed by <see cref="Rule"/>
/// (the same figures as <c>GET /api/status/{year}</c>'s <c>obligations</c>), accepted, nil returns and the missing.
/// </summary>
public sealed record CountyCompleteness(string CountyCode, string CountyName, int Accepted, int NilReturns, IReadOnlyList<MissingReport> Missing)
{
    public ObligationRule Rule { get; init; } = ObligationRule.PreviousYearReports;

    public int Owed { get; init; }
}
