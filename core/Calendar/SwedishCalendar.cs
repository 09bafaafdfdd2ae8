namespace PoIntake.Core.Calendar;

/// <summary>A date a deadline falls on after moving it off non-working days, with the reason it moved (Swedish).</summary>
public sealed record WorkingDay(DateOnly Date, DateOnly Requested, string? Reason)
{
    public bool Moved => Date != Requested;
}

/// <summary>
/// Swedish public holidays (lag (1989:253) om allmänna helgdagar) and the days lag (1930:173) om beräkning
/// av lagstadgad tid treats alike: Saturdays, Sundays, midsommarafton, julafton and nyårsafton.
/// </summary>
public static class SwedishCalendar
{
    /// <summary>The zone of every Swedish calendar day PoIntake computes (deadlines, reminders, the current reporting year).</summary>
    public const string TimeZoneId = "Europe/Stockholm";

    private static readonly Lazy<TimeZoneInfo> Stockholm = new(() => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));

    public static TimeZoneInfo TimeZone => Stockholm.Value;

    /// <summary>Why <paramref name="date"/> is not a working day ("juldagen", "lördag"), or null for a working day.</summary>
    public static string? NonWorkingReason(DateOnly date)
    {
        if (HolidayName(date) is { } name)
        {
            return name;
        }

        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => "lördag",
            DayOfWeek.Sunday => "söndag",
            _ => null,
        };
    }

    public static bool IsWorkingDay(DateOnly date) => NonWorkingReason(date) is null;

    /// <summary>
    /// The first working day on or after <paramref name="date"/>; <see cref="WorkingDay.Reason"/> says why the
    /// requested date itself was not one (null when it was).
    /// </summary>
    public static WorkingDay NextWorkingDayOnOrAfter(DateOnly date)
    {
        var reason = NonWorkingReason(date);
        var day = date;
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return new WorkingDay(day, date, reason);
    }

    /// <summary>
    /// The last working day on or before <paramref name="date"/> (a reminder due on a weekend goes out the working day
    /// before); <see cref="WorkingDay.Reason"/> says why the requested date itself was not one (null when it was).
    /// </summary>
    public static WorkingDay PreviousWorkingDayOnOrBefore(DateOnly date)
    {
        var reason = NonWorkingReason(date);
        var day = date;
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return new WorkingDay(day, date, reason);
    }

    /// <summary>The instant a deadline day ends: midnight after it in Europe/Stockholm.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date)
    {
        var midnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, TimeZone.GetUtcOffset(midnight));
    }

    /// <summary>The calendar day an instant falls on in Sweden.</summary>
    public static DateOnly SwedishDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The name of the public holiday or the day treated like one, or null.</summary>
    public static string? HolidayName(DateOnly date)
    {
        var easter = EasterSunday(date.Year);
        switch (date.Month, date.Day)
        {
            case (1, 1): return "nyårsdagen";
            case (1, 6): return "trettondedag jul";
            case (5, 1): return "första maj";
            case (6, 6): return "nationaldagen";
            case (12, 24): return "julafton";
            case (12, 25): return "juldagen";
            case (12, 26): return "annandag jul";
            case (12, 31): return "nyårsafton";
        }

        var fromEaster = date.DayNumber - easter.DayNumber;
        switch (fromEaster)
        {
            case -2: return "långfredagen";
            case 0: return "påskdagen";
            case 1: return "annandag påsk";
            case 39: return "Kristi himmelsfärds dag";
            case 49: return "pingstdagen";
        }

        // Midsommardagen is the Saturday 20–26 June, alla helgons dag the Saturday 31 October–6 November.
        if (date.Month == 6 && date.DayOfWeek == DayOfWeek.Saturday && date.Day is >= 20 and <= 26)
        {
            return "midsommardagen";
        }

        if (date.Month == 6 && date.DayOfWeek == DayOfWeek.Friday && date.Day is >= 19 and <= 25)
        {
            return "midsommarafton";
        }

        if (date.DayOfWeek == DayOfWeek.Saturday &&
            ((date.Month == 10 && date.Day == 31) || (date.Month == 11 && date.Day <= 6)))
        {
            return "alla helgons dag";
        }

        return null;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
