namespace PoIntake.Core.Reminders;

public enum DeadlineKind
{
    /// <summary>15 January: each verksamhet reports the previous year to the county board.</summary>
    AnnualReport,

    /// <summary>1 March: municipalities apply to the county board for the state grant.</summary>
    GrantApplication,

    /// <summary>15 May: Socialstyrelsen's status report to the government.</summary>
    StatusReport,
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
        _ => "statusReport",
    };

    public static DateOnly NominalDate(DeadlineKind kind, int year) => kind switch
    {
        DeadlineKind.AnnualReport => new DateOnly(year, 1, 15),
        DeadlineKind.GrantApplication => Grants.ApplicationDeadline.Nominal(year),
        _ => new DateOnly(year, 5, 15),
    };

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
