using System.Globalization;

namespace PoIntake.DevHost.Timers;

/// <summary>
/// An NCRONTAB expression as Azure Functions timers use it: <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>
/// (a 5-field form without seconds is accepted too), evaluated in UTC. Fields take <c>*</c>, numbers, ranges
/// <c>a-b</c>, steps <c>*/n</c> or <c>a-b/n</c>, lists, and English month/day names. As in NCrontab, a time matches
/// only when both day-of-month and day-of-week match.
/// </summary>
internal sealed class NCrontabSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly int[] seconds;
    private readonly int[] minutes;
    private readonly int[] hours;
    private readonly bool[] days;
    private readonly bool[] months;
    private readonly bool[] daysOfWeek;

    private NCrontabSchedule(string expression, int[] seconds, int[] minutes, int[] hours, bool[] days, bool[] months, bool[] daysOfWeek)
    {
        Expression = expression;
        this.seconds = seconds;
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
    }

    public string Expression { get; }

    public static NCrontabSchedule Parse(string expression)
    {
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 5)
        {
            fields = ["0", .. fields];
        }

        if (fields.Length != 6)
        {
            throw new FormatException($"'{expression}' is not an NCRONTAB expression: it needs 6 fields (second minute hour day month day-of-week).");
        }

        var dayOfWeek = ParseField(fields[5], 0, 7, DayNames, expression);
        dayOfWeek[0] |= dayOfWeek[7]; // 7 is Sunday too
        return new NCrontabSchedule(
            expression,
            Values(ParseField(fields[0], 0, 59, null, expression)),
            Values(ParseField(fields[1], 0, 59, null, expression)),
            Values(ParseField(fields[2], 0, 23, null, expression)),
            ParseField(fields[3], 1, 31, null, expression),
            ParseField(fields[4], 1, 12, MonthNames, expression),
            dayOfWeek[..7]);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC), or null if none within five years.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var start = after.UtcDateTime;
        start = new DateTime(start.Ticks - (start.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(1);
        var end = start.Date.AddYears(5);
        for (var day = start.Date; day < end; day = day.AddDays(1))
        {
            if (!months[day.Month] || !days[day.Day] || !daysOfWeek[(int)day.DayOfWeek])
            {
                continue;
            }

            var earliest = day == start.Date ? start.TimeOfDay : TimeSpan.Zero;
            foreach (var hour in hours)
            {
                if (hour < earliest.Hours)
                {
                    continue;
                }

                foreach (var minute in minutes)
                {
                    foreach (var second in seconds)
                    {
                        var candidate = new TimeSpan(hour, minute, second);
                        if (candidate >= earliest)
                        {
                            return new DateTimeOffset(day + candidate, TimeSpan.Zero);
                        }
                    }
                }
            }
        }

        return null;
    }

    public override string ToString() => Expression;

    private static bool[] ParseField(string field, int min, int max, string[]? names, string expression)
    {
        var allowed = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var (range, step) = part.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (r, n),
                _ => throw Invalid(expression, part),
            };

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var a, var b])
            {
                (from, to) = (Value(a, min, max, names, expression), Value(b, min, max, names, expression));
            }
            else
            {
                from = Value(range, min, max, names, expression);
                to = part.Contains('/') ? max : from;
            }

            if (from > to)
            {
                throw Invalid(expression, part);
            }

            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        return allowed;
    }

    private static int Value(string text, int min, int max, string[]? names, string expression)
    {
        var named = names is null ? -1 : Array.IndexOf(names, text.Length >= 3 ? text[..3].ToUpperInvariant() : text);
        if (named >= 0)
        {
            return named + (names == MonthNames ? 1 : 0);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw Invalid(expression, text);
    }

    private static int[] Values(bool[] allowed) => [.. Enumerable.Range(0, allowed.Length).Where(i => allowed[i])];

    private static FormatException Invalid(string expression, string part) =>
        new($"'{expression}' is not a valid NCRONTAB expression: cannot read '{part}'.");
}
