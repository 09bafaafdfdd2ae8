using PoIntake.Core.Calendar;

namespace PoIntake.Core.Grants;

/// <summary>
/// The last day to apply for the state grant for a year: an application "ska ha kommit in till länsstyrelsen senast den
/// 1 mars samma år som länsstyrelsen fördelar bidraget" (HSLF-FS 2016:98 2 §, Socialstyrelsen's regulations under 16 §
/// förordningen (2013:522)), moved to the next working day when it is not one (lag (1930:173) 2 §). The reminders' deadline and the
/// register's late-application warning both read it here.
/// </summary>
public static class ApplicationDeadline
{
    public static DateOnly Nominal(int year) => new(year, 3, 1);

    /// <summary>The deadline as it applies: <see cref="Nominal"/> or the working day it moves to.</summary>
    public static DateOnly Of(int year) => SwedishCalendar.NextWorkingDayOnOrAfter(Nominal(year)).Date;
}
