using NCrontab;

namespace PoIntake.DevHost.Timers;

/// <summary>
/// A timer's NCRONTAB schedule, parsed by NCrontab as the Functions host's timer extension parses it: six fields
/// <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, or five without seconds; evaluated in UTC (devhost has no
/// WEBSITE_TIME_ZONE).
/// </summary>
internal sealed class NCrontabSchedule
{
    // Beyond this no occurrence counts as none (an expression such as 30 February never fires).
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(366 * 8);

    private readonly CrontabSchedule _schedule;

    private NCrontabSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        _schedule = schedule;
    }

    public string Expression { get; }

    /// <exception cref="FormatException">The expression is not NCRONTAB.</exception>
    public static NCrontabSchedule Parse(string expression)
    {
        // As the host: five fields mean no seconds, any other count is read with seconds (and fails unless six).
        var options = new CrontabSchedule.ParseOptions { IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5 };
        return CrontabSchedule.TryParse(expression, options) is { } schedule
            ? new NCrontabSchedule(expression, schedule)
            : throw new FormatException($"'{expression}' is not an NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}).");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC; null when there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var start = after.UtcDateTime;
        var end = start + Horizon;
        var next = _schedule.GetNextOccurrence(start, end);
        return next >= end ? null : new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }
}
