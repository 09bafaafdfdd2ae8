using Microsoft.Extensions.Options;
using PoIntake.Core.Calendar;

namespace PoIntake.Core.Reminders;

/// <summary>
/// One reminder moment of a deadline: <see cref="Offset"/> days relative to it (−30 = 30 days before, +7 = 7 days after),
/// due from <see cref="Moment"/> (the morning of that Swedish day; a "days before" day that is no working day moves to the
/// working day before, see <see cref="ReminderOptions.MoveOffNonWorkingDays"/>) until <see cref="Expires"/> (the next
/// reminder's moment, and for "days before" never later than the start of the deadline day). Two "days before" reminders
/// moved onto the same day go out once, as the later one.
/// </summary>
public sealed record ReminderSlot(Deadline Deadline, int Offset, DateTimeOffset Moment, DateTimeOffset Expires)
{
    /// <summary>Stable text of the offset for keys: "b30", "a07".</summary>
    public string OffsetKey => (Offset < 0 ? "b" : "a") + Math.Abs(Offset).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    public DateOnly SwedishDay => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Moment, ReminderSchedule.Stockholm).DateTime);

    public bool IsDueAt(DateTimeOffset now) => Moment <= now && now < Expires;

    /// <summary>The deadline's first reminder of the year: the only one that carries a once-a-year informational mail.</summary>
    public bool IsFirstOfDeadline { get; init; }
}

/// <summary>Which reminders are due when, in Swedish time whatever the host's zone.</summary>
public sealed class ReminderSchedule(IOptions<ReminderOptions> options, IWorkingDayCalendar calendar)
{
    /// <summary>How long after a deadline passed the passes keep reporting what is missing (the alert needs only one).</summary>
    public static readonly TimeSpan PassedDeadlineWatch = TimeSpan.FromDays(1);

    public static TimeZoneInfo Stockholm => SwedishCalendar.TimeZone;

    public Deadline DeadlineOf(DeadlineKind kind, int year) => Deadline.Of(kind, year, calendar);

    /// <summary>A county board's reminder day of <paramref name="year"/> (<see cref="ReminderOptions"/>), or null when not configured.</summary>
    public Deadline? CountyDutyOf(DeadlineKind kind, int year)
    {
        var monthDay = kind == DeadlineKind.CountyRegisterComplete ? options.Value.CountyRegisterCompleteOn : options.Value.CountyReportsInOn;
        return string.IsNullOrWhiteSpace(monthDay) ? null : Deadline.OfCountyDuty(kind, year, monthDay, calendar);
    }

    /// <summary>Every reminder slot of one deadline, in time order.</summary>
    public IReadOnlyList<ReminderSlot> SlotsOf(Deadline deadline)
    {
        var settings = options.Value;
        if (Deadline.IsCountyDuty(deadline.Kind))
        {
            // One reminder on the day itself, caught up like a "days after" one if a pass missed it.
            var on = AtSwedishTime(deadline.Date, settings.SendAt);
            return [new ReminderSlot(deadline, 0, on, on + settings.AfterCatchUp) { IsFirstOfDeadline = true }];
        }

        var befores = settings.DaysBefore.Where(d => d > 0).Distinct().OrderByDescending(d => d).Select(d => -d);
        var afters = deadline.Kind == DeadlineKind.AnnualReport
            ? settings.AnnualReportDaysAfter.Where(d => d > 0).Distinct().Order()
            : Enumerable.Empty<int>();
        var offsets = befores.Concat(afters).ToArray();
        var deadlineStart = AtSwedishTime(deadline.Date, TimeOnly.MinValue);
        var slots = new List<ReminderSlot>(offsets.Length);
        for (var i = 0; i < offsets.Length; i++)
        {
            var offset = offsets[i];
            var moment = AtSwedishTime(DayOf(deadline, offset), settings.SendAt);
            DateTimeOffset? next = i + 1 < offsets.Length ? AtSwedishTime(DayOf(deadline, offsets[i + 1]), settings.SendAt) : null;
            var expires = offset < 0
                ? Min(next ?? deadlineStart, deadlineStart)
                : Min(next ?? DateTimeOffset.MaxValue, moment + settings.AfterCatchUp);
            if (expires > moment)
            {
                slots.Add(new ReminderSlot(deadline, offset, moment, expires) { IsFirstOfDeadline = slots.Count == 0 });
            }
        }

        return slots;
    }

    /// <summary>The Swedish day a reminder <paramref name="offset"/> days from the deadline goes out.</summary>
    public DateOnly DayOf(Deadline deadline, int offset)
    {
        var day = deadline.Date.AddDays(offset);
        return offset < 0 && options.Value.MoveOffNonWorkingDays ? calendar.PreviousWorkingDayOnOrBefore(day).Date : day;
    }

    /// <summary>The slots due at <paramref name="now"/>: their moment has come and not yet passed (catches up missed runs).</summary>
    public IReadOnlyList<ReminderSlot> DueAt(DateTimeOffset now) =>
        CandidateSlots(now).Where(s => s.IsDueAt(now)).ToArray();

    /// <summary>
    /// The report deadlines (annualReport: the only one reports are due by) that passed within the day before
    /// <paramref name="now"/>: a deadline passes when its Swedish day ends, and for one day after that each reminder pass
    /// logs the reports still missing (LogEventIds.DeadlinePassedWithReportsMissing), so an alert sees it even if a pass fails.
    /// </summary>
    public IReadOnlyList<Deadline> JustPassedAt(DateTimeOffset now)
    {
        var year = TimeZoneInfo.ConvertTime(now, Stockholm).Year;
        return new[] { year - 1, year }
            .Select(y => DeadlineOf(DeadlineKind.AnnualReport, y))
            .Where(d => PassedAt(d) <= now && now < PassedAt(d) + PassedDeadlineWatch)
            .ToArray();
    }

    /// <summary>The end of the deadline's Swedish day: from then on, what is missing is late.</summary>
    public static DateTimeOffset PassedAt(Deadline deadline) => AtSwedishTime(deadline.Date.AddDays(1), TimeOnly.MinValue);

    /// <summary>The slots whose moment falls on a Swedish calendar day.</summary>
    public IReadOnlyList<ReminderSlot> OnDay(DateOnly day) =>
        CandidateSlots(AtSwedishTime(day, options.Value.SendAt)).Where(s => s.SwedishDay == day).ToArray();

    public static DateTimeOffset AtSwedishTime(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (Stockholm.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = Stockholm.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private IEnumerable<ReminderSlot> CandidateSlots(DateTimeOffset now)
    {
        var year = TimeZoneInfo.ConvertTime(now, Stockholm).Year;
        var statutory = from y in new[] { year - 1, year, year + 1 }
                        from kind in Deadline.Statutory
                        from slot in SlotsOf(DeadlineOf(kind, y))
                        select slot;
        var countyDuties = from y in new[] { year - 1, year, year + 1 }
                           from kind in new[] { DeadlineKind.CountyRegisterComplete, DeadlineKind.CountyReportsIn }
                           let duty = CountyDutyOf(kind, y)
                           where duty is not null
                           from slot in SlotsOf(duty)
                           select slot;
        return statutory.Concat(countyDuties);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
