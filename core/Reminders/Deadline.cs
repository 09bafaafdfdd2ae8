namespace PoIntake.Core.Reminders;

public enum DeadlineKind
{
    /// <summary>15 January: each verksamhet reports the previous year to the county board.</summary>
    AnnualReport,

    /// <summary>1 March: municipalities apply to the county board for the state grant.</summary>
    GrantApplication,

    /// <summary>15 May: Socialstyrelsen's status report to the government.</summary>
    StatusReport,

    /// <summary>
    /// A county board's own reminder that its grant register of the year is complete (sent, every application decided), on
    /// the configured day <see cref="ReminderOptions.CountyRegisterCompleteOn"/> of the grant year. Not a statutory date.
    /// </summary>
    CountyRegisterComplete,

    /// <summary>
    /// A county board's own reminder that its county's annual reports for the year before are in, on the configured day
    /// <see cref="ReminderOptions.CountyReportsInOn"/> (after 15 January, before Socialstyrelsen's 15 May). Not a statutory date.
    /// </summary>
    CountyReportsIn,
}

/// <summary>
/// A deadline of one year, moved to the next working day per lag (1930:173). <see cref="MovedBecause"/> names why the
/// nominal date is not a working day ("lördag", "Kristi himmelsfärds dag"), null when it was not moved.
/// </summary>
public sealed record Deadline(DeadlineKind Kind, int Year, DateOnly Nominal, DateOnly Date, string? MovedBecause)
{
    /// <summary>The year reported on: the deadline year − 1.</summary>
    public int ReportedYear => Year - 1;

    public bool Moved => Date != Nominal;

    public string Id => IdOf(Kind);

    public static string IdOf(DeadlineKind kind) => kind switch
    {
        DeadlineKind.AnnualReport => "annualReport",
        DeadlineKind.GrantApplication => "grantApplication",
        DeadlineKind.CountyRegisterComplete => "countyRegisterComplete",
        DeadlineKind.CountyReportsIn => "countyReportsIn",
        _ => "statusReport",
    };

    /// <summary>The deadlines the ordinance and the regulations set (15 January, 1 March, 15 May); the county boards' own reminder days are configured.</summary>
    public static IReadOnlyList<DeadlineKind> Statutory { get; } = [DeadlineKind.AnnualReport, DeadlineKind.GrantApplication, DeadlineKind.StatusReport];

    /// <summary>The county boards' own reminder days (<see cref="ReminderOptions"/>).</summary>
    public static bool IsCountyDuty(DeadlineKind kind) => kind is DeadlineKind.CountyRegisterComplete or DeadlineKind.CountyReportsIn;

    public static DateOnly NominalDate(DeadlineKind kind, int year) => kind switch
    {
        DeadlineKind.AnnualReport => new DateOnly(year, 1, 15),
        DeadlineKind.GrantApplication => Grants.ApplicationDeadline.Nominal(year),
        DeadlineKind.StatusReport => new DateOnly(year, 5, 15),
        _ => throw new ArgumentException($"{kind} is configured (ReminderSchedule.DeadlineOf), not a statutory date.", nameof(kind)),
    };

    /// <summary>A county board's reminder day <paramref name="monthDay"/> (MM-dd) of <paramref name="year"/>, moved to the next working day.</summary>
    public static Deadline OfCountyDuty(DeadlineKind kind, int year, string monthDay, IWorkingDayCalendar calendar)
    {
        var nominal = DateOnly.ParseExact($"{year:0000}-{monthDay}", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (date, reason) = calendar.NextWorkingDayOnOrAfter(nominal);
        return new Deadline(kind, year, nominal, date, date == nominal ? null : reason);
    }

    public static Deadline Of(DeadlineKind kind, int year, IWorkingDayCalendar calendar)
    {
        var nominal = NominalDate(kind, year);
        var (date, reason) = calendar.NextWorkingDayOnOrAfter(nominal);
        return new Deadline(kind, year, nominal, date, date == nominal ? null : reason);
    }
}

/// <summary>
/// The working-day rule of lag (1930:173): working days are no Saturday, Sunday, public holiday, midsommarafton, julafton
/// or nyårsafton. Each answer carries the Swedish name of why the date itself was not one.
/// </summary>
public interface IWorkingDayCalendar
{
    /// <summary>The first working day on or after <paramref name="date"/> (where a deadline moves).</summary>
    (DateOnly Date, string? Reason) NextWorkingDayOnOrAfter(DateOnly date);

    /// <summary>The last working day on or before <paramref name="date"/> (where a "days before" reminder moves).</summary>
    (DateOnly Date, string? Reason) PreviousWorkingDayOnOrBefore(DateOnly date);
}
