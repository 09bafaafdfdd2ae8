using System.ComponentModel.DataAnnotations;

namespace PoIntake.Core.Reminders;

/// <summary>Configuration section <c>Reminders</c>.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Days before each deadline a reminder goes out.</summary>
    public int[] DaysBefore { get; set; } = [30, 14, 7, 1];

    /// <summary>
    /// A "days before" reminder that falls on a Saturday, Sunday or holiday goes out the working day before instead
    /// (1 day before Monday 16 January 2023 is Sunday 15 → Friday 13). Off: it goes out on the calendar day.
    /// </summary>
    public bool MoveOffNonWorkingDays { get; set; } = true;

    /// <summary>Days after the annualReport deadline a reminder goes to those still missing.</summary>
    public int[] AnnualReportDaysAfter { get; set; } = [7];

    /// <summary>
    /// The day (MM-dd, in the grant year) each county board is reminded of what its grant register of the year still lacks
    /// (no register sent, applications not decided), moved to the next working day; empty: no such reminder. A working
    /// agreement, not a date of the ordinance: the applications are due 1 March (HSLF-FS 2016:98 2 §) and decided after.
    /// </summary>
    [RegularExpression(@"^((0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$")]
    public string? CountyRegisterCompleteOn { get; set; } = "04-15";

    /// <summary>
    /// The day (MM-dd, in the year after the reported year) each county board is reminded which of its county's annual reports
    /// for the reported year are still missing, moved to the next working day; empty: no such reminder. A working agreement:
    /// the reports are due 15 January, Socialstyrelsen's lägesrapport 15 May.
    /// </summary>
    [RegularExpression(@"^((0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$")]
    public string? CountyReportsInOn { get; set; } = "02-15";

    /// <summary>Swedish local time (Europe/Stockholm) from which a day's reminders go out.</summary>
    public TimeOnly SendAt { get; set; } = new(7, 0);

    /// <summary>How long a missed "days after" reminder may still be caught up.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "60.00:00:00")]
    public TimeSpan AfterCatchUp { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Public base URL of the API (links to the template: {PublicBaseUrl}/api/template/{year}).</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>How long a claimed send is protected from other instances before it may be taken over.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);
}
