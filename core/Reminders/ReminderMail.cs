namespace PoIntake.Core.Reminders;

/// <summary>Who a reminder is for: a verksamhet's or municipality's contact, a county board summary, or the status report.</summary>
public enum ReminderAudience
{
    ReportContact,
    CountyBoardSummary,
    MunicipalityContact,
    StatusReport,
}

/// <summary>One reminder to one address (only that address is in it).</summary>
public sealed record ReminderMail(ReminderSlot Slot, ReminderAudience Audience, string To, string Subject, string PlainText, string Html);

/// <summary>A verksamhet still missing its report for the reported year.</summary>
public sealed record MissingReport(string CountyCode, string OperationName, IReadOnlyList<string> MunicipalityNames);

/// <summary>A contact the reminders could not reach because it has no address.</summary>
public sealed record UnreachableContact(string CountyCode, string Name, string What);

/// <summary>One row of the status report's completeness table.</summary>
public sealed record CountyCompleteness(string CountyCode, string CountyName, int Accepted, int NilReturns, IReadOnlyList<MissingReport> Missing);
