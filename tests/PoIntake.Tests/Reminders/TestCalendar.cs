using PoIntake.Core.Reminders;

namespace PoIntake.Tests.Reminders;

/// <summary>
/// Stand-in for the Swedish calendar in reminder tests: weekends plus the holidays a test names. The real holiday rules
/// are core/Calendar's and are tested there.
/// </summary>
internal sealed class TestCalendar(params (DateOnly Date, string Name)[] holidays) : IWorkingDayCalendar
{
    public (DateOnly Date, string? Reason) NextWorkingDayOnOrAfter(DateOnly date)
    {
        var reason = ReasonFor(date);
        var day = date;
        while (ReasonFor(day) is not null)
        {
            day = day.AddDays(1);
        }

        return (day, reason);
    }

    private string? ReasonFor(DateOnly date) =>
        holidays.FirstOrDefault(h => h.Date == date).Name ??
        date.DayOfWeek switch
        {
            DayOfWeek.Saturday => "lördag",
            DayOfWeek.Sunday => "söndag",
            _ => null,
        };
}
