using PoIntake.Core.Calendar;

namespace PoIntake.Core.Reminders;

/// <summary>The reminders' working-day rule from <see cref="SwedishCalendar"/> (lag (1930:173)).</summary>
internal sealed class SwedishWorkingDayCalendar : IWorkingDayCalendar
{
    public (DateOnly Date, string? Reason) NextWorkingDayOnOrAfter(DateOnly date)
    {
        var day = SwedishCalendar.NextWorkingDayOnOrAfter(date);
        return (day.Date, day.Reason);
    }

    public (DateOnly Date, string? Reason) PreviousWorkingDayOnOrBefore(DateOnly date)
    {
        var day = SwedishCalendar.PreviousWorkingDayOnOrBefore(date);
        return (day.Date, day.Reason);
    }
}
