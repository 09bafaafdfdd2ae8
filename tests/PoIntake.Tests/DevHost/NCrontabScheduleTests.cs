using PoIntake.DevHost.Timers;

namespace PoIntake.Tests.DevHost;

/// <summary>devhost reads schedules with NCrontab as the Functions host does; these pin the host's reading devhost relies on.</summary>
public sealed class NCrontabScheduleTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void GetNextOccurrence_EveryFiveMinutes_ReturnsNextMultipleOfFive()
    {
        var schedule = NCrontabSchedule.Parse("0 */5 * * * *");

        Assert.Equal(Utc(2026, 3, 1, 10, 5), schedule.GetNextOccurrence(Utc(2026, 3, 1, 10, 2, 30)));
    }

    [Fact]
    public void GetNextOccurrence_ExactlyOnAnOccurrence_ReturnsTheFollowingOne()
    {
        var schedule = NCrontabSchedule.Parse("0 */5 * * * *");

        Assert.Equal(Utc(2026, 3, 1, 10, 10), schedule.GetNextOccurrence(Utc(2026, 3, 1, 10, 5)));
    }

    [Fact]
    public void GetNextOccurrence_DailyAtSixUtc_AfterSixRollsToNextDay()
    {
        var schedule = NCrontabSchedule.Parse("0 0 6 * * *");

        Assert.Equal(Utc(2026, 1, 16, 6), schedule.GetNextOccurrence(Utc(2026, 1, 15, 6, 0, 1)));
    }

    [Fact]
    public void GetNextOccurrence_WeekdaysByName_SkipsTheWeekend()
    {
        var schedule = NCrontabSchedule.Parse("0 30 7 * * Mon-Fri");

        // 2026-01-16 is a Friday.
        Assert.Equal(Utc(2026, 1, 19, 7, 30), schedule.GetNextOccurrence(Utc(2026, 1, 16, 8)));
    }

    [Fact]
    public void GetNextOccurrence_DayOfMonthAndMonthName_FindsNextYear()
    {
        var schedule = NCrontabSchedule.Parse("0 0 8 15 Mar *");

        Assert.Equal(Utc(2027, 3, 15, 8), schedule.GetNextOccurrence(Utc(2026, 3, 15, 9)));
    }

    [Fact]
    public void GetNextOccurrence_DayOfMonthAndDayOfWeek_BothMustMatch()
    {
        // The 13th that is a Friday: 2026-02-13, then 2026-03-13.
        var schedule = NCrontabSchedule.Parse("0 0 0 13 * 5");

        Assert.Equal(Utc(2026, 2, 13), schedule.GetNextOccurrence(Utc(2026, 1, 1)));
        Assert.Equal(Utc(2026, 3, 13), schedule.GetNextOccurrence(Utc(2026, 2, 14)));
    }

    [Fact]
    public void GetNextOccurrence_ListsAndRanges_CombineInOneField()
    {
        var schedule = NCrontabSchedule.Parse("15,45 0 9-10 * * *");

        Assert.Equal(Utc(2026, 5, 4, 9, 0, 45), schedule.GetNextOccurrence(Utc(2026, 5, 4, 9, 0, 15)));
        Assert.Equal(Utc(2026, 5, 4, 10, 0, 15), schedule.GetNextOccurrence(Utc(2026, 5, 4, 9, 0, 45)));
        Assert.Equal(Utc(2026, 5, 5, 9, 0, 15), schedule.GetNextOccurrence(Utc(2026, 5, 4, 10, 0, 45)));
    }

    [Fact]
    public void GetNextOccurrence_ZeroMeansSunday()
    {
        var schedule = NCrontabSchedule.Parse("0 0 12 * * 0");

        // 2026-01-18 is a Sunday.
        Assert.Equal(Utc(2026, 1, 18, 12), schedule.GetNextOccurrence(Utc(2026, 1, 15)));
    }

    [Fact]
    public void GetNextOccurrence_LeapDay_WaitsForALeapYear()
    {
        var schedule = NCrontabSchedule.Parse("0 0 0 29 2 *");

        Assert.Equal(Utc(2028, 2, 29), schedule.GetNextOccurrence(Utc(2026, 3, 1)));
    }

    [Fact]
    public void GetNextOccurrence_InputWithOffset_IsEvaluatedInUtc()
    {
        var schedule = NCrontabSchedule.Parse("0 0 6 * * *");
        var stockholmMorning = new DateTimeOffset(2026, 1, 15, 6, 30, 0, TimeSpan.FromHours(1)); // 05:30 UTC

        Assert.Equal(Utc(2026, 1, 15, 6), schedule.GetNextOccurrence(stockholmMorning));
    }

    [Fact]
    public void Parse_FiveFields_MeansSecondZero()
    {
        var schedule = NCrontabSchedule.Parse("30 6 * * *");

        Assert.Equal(Utc(2026, 1, 15, 6, 30), schedule.GetNextOccurrence(Utc(2026, 1, 15)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("* * * *")]
    [InlineData("0 60 * * * *")]
    [InlineData("0 0 24 * * *")]
    [InlineData("0 0 0 0 * *")]
    [InlineData("0 0 0 * 13 *")]
    [InlineData("0 0 0 * * 8")]
    [InlineData("0 0 12 * * 7")] // NCrontab, and so the Functions host, has no day 7
    [InlineData("0 0 0 * * Funday")]
    [InlineData("00:05:00")]
    public void Parse_InvalidExpression_Throws(string expression)
    {
        Assert.Throws<FormatException>(() => NCrontabSchedule.Parse(expression));
    }
}
