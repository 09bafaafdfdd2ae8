using Microsoft.Extensions.Options;

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
}

/// <summary>Which reminders are due when, in Swedish time whatever the host's zone.</summary>
public sealed class ReminderSchedule(IOptions<ReminderOptions> options, IWorkingDayCalendar calendar)
{
    private static readonly Lazy<TimeZoneInfo> StockholmZone = new(() => TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"));

    public static TimeZoneInfo Stockholm => StockholmZone.Value;

    public Deadline DeadlineOf(DeadlineKind kind, int year) => Deadline.Of(kind, year, calendar);

    /// <summary>Every reminder slot of one deadline, in time order.</summary>
    public IReadOnlyList<ReminderSlot> SlotsOf(Deadline deadline)
    {
        var settings = options.Value;
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
                slots.Add(new ReminderSlot(deadline, offset, moment, expires));
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
        return from y in new[] { year - 1, year, year + 1 }
               from kind in Enum.GetValues<DeadlineKind>()
               from slot in SlotsOf(DeadlineOf(kind, y))
               select slot;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
