using PublicHoliday;

namespace PoIntake.Tests.Calendar;

/// <summary>
/// Swedish working days from an independent source, the PublicHoliday package (its Swedish list includes the days lag
/// (1930:173) treats alike: midsommarafton, julafton, nyårsafton), to check <c>SwedishCalendar</c> against.
/// </summary>
internal static class PublicHolidayOracle
{
    private static readonly Lazy<HashSet<DateOnly>> Holidays = new(() =>
    {
        var sweden = new SwedenPublicHoliday();
        return Enumerable.Range(1990, 130)
            .SelectMany(sweden.PublicHolidays)
            .Select(DateOnly.FromDateTime)
            .ToHashSet();
    });

    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Value.Contains(date);

    public static DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    public static DateOnly PreviousWorkingDayOnOrBefore(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    /// <summary>Every day from 1 January <paramref name="from"/> to 31 December <paramref name="to"/>.</summary>
    public static IEnumerable<DateOnly> Days(int from, int to)
    {
        for (var day = new DateOnly(from, 1, 1); day.Year <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
