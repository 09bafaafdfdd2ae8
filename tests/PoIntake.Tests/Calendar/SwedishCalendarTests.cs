using PoIntake.Core.Calendar;

namespace PoIntake.Tests.Calendar;

public sealed class SwedishCalendarTests
{
    [Theory]
    [InlineData(2019, 4, 21)]
    [InlineData(2020, 4, 12)]
    [InlineData(2021, 4, 4)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_KnownYears_MatchesAlmanac(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), SwedishCalendar.EasterSunday(year));
    }

    [Fact]
    public void NextWorkingDay_15January2028Saturday_MovesToMonday17WithReasonLördag()
    {
        var result = SwedishCalendar.NextWorkingDayOnOrAfter(new DateOnly(2028, 1, 15));

        Assert.Equal(new DateOnly(2028, 1, 17), result.Date);
        Assert.Equal(DayOfWeek.Monday, result.Date.DayOfWeek);
        Assert.True(result.Moved);
        Assert.Equal("lördag", result.Reason);
    }

    [Fact]
    public void NextWorkingDay_WorkingDay_StaysWithoutReason()
    {
        var result = SwedishCalendar.NextWorkingDayOnOrAfter(new DateOnly(2026, 1, 15));

        Assert.Equal(new DateOnly(2026, 1, 15), result.Date);
        Assert.False(result.Moved);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void NextWorkingDay_15January2023Sunday_MovesToMonday16()
    {
        var result = SwedishCalendar.NextWorkingDayOnOrAfter(new DateOnly(2023, 1, 15));

        Assert.Equal(new DateOnly(2023, 1, 16), result.Date);
        Assert.Equal("söndag", result.Reason);
    }

    [Fact]
    public void NextWorkingDay_Julafton2025Wednesday_SkipsJulChristmasAndWeekendToMonday29()
    {
        // 24 Dec 2025 is a Wednesday: julafton, juldagen, annandag jul, then Saturday and Sunday.
        var result = SwedishCalendar.NextWorkingDayOnOrAfter(new DateOnly(2025, 12, 24));

        Assert.Equal(new DateOnly(2025, 12, 29), result.Date);
        Assert.Equal("julafton", result.Reason);
    }

    [Fact]
    public void NextWorkingDay_Långfredagen2024_SkipsEasterToTuesday()
    {
        var result = SwedishCalendar.NextWorkingDayOnOrAfter(new DateOnly(2024, 3, 29));

        Assert.Equal(new DateOnly(2024, 4, 2), result.Date);
        Assert.Equal("långfredagen", result.Reason);
    }

    [Fact]
    public void PreviousWorkingDay_Sunday15January2023_MovesToFriday13WithReasonSöndag()
    {
        var result = SwedishCalendar.PreviousWorkingDayOnOrBefore(new DateOnly(2023, 1, 15));

        Assert.Equal(new DateOnly(2023, 1, 13), result.Date);
        Assert.Equal("söndag", result.Reason);
    }

    [Fact]
    public void PreviousWorkingDay_AnnandagPåsk2024_SkipsEasterAndLångfredagenToSkärtorsdagen()
    {
        var result = SwedishCalendar.PreviousWorkingDayOnOrBefore(new DateOnly(2024, 4, 1));

        Assert.Equal(new DateOnly(2024, 3, 28), result.Date);
        Assert.Equal("annandag påsk", result.Reason);
    }

    [Fact]
    public void PreviousWorkingDay_WorkingDay_StaysWithoutReason()
    {
        var result = SwedishCalendar.PreviousWorkingDayOnOrBefore(new DateOnly(2026, 1, 15));

        Assert.False(result.Moved);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void IsWorkingDay_EveryDay2000To2100_AgreesWithPublicHolidayPackage()
    {
        var disagreements = PublicHolidayOracle.Days(2000, 2100)
            .Where(day => SwedishCalendar.IsWorkingDay(day) != PublicHolidayOracle.IsWorkingDay(day))
            .ToList();

        Assert.Empty(disagreements);
    }

    [Fact]
    public void NextAndPreviousWorkingDay_EveryDay2000To2100_AgreeWithPublicHolidayPackage()
    {
        foreach (var day in PublicHolidayOracle.Days(2000, 2100))
        {
            Assert.Equal(PublicHolidayOracle.NextWorkingDayOnOrAfter(day), SwedishCalendar.NextWorkingDayOnOrAfter(day).Date);
            Assert.Equal(PublicHolidayOracle.PreviousWorkingDayOnOrBefore(day), SwedishCalendar.PreviousWorkingDayOnOrBefore(day).Date);
        }
    }

    [Theory]
    [InlineData(2024, 6, 21, "midsommarafton")]
    [InlineData(2024, 6, 22, "midsommardagen")]
    [InlineData(2025, 6, 20, "midsommarafton")]
    [InlineData(2025, 6, 21, "midsommardagen")]
    [InlineData(2026, 6, 19, "midsommarafton")]
    [InlineData(2026, 6, 20, "midsommardagen")]
    [InlineData(2025, 5, 29, "Kristi himmelsfärds dag")]
    [InlineData(2025, 4, 21, "annandag påsk")]
    [InlineData(2025, 11, 1, "alla helgons dag")]
    [InlineData(2026, 10, 31, "alla helgons dag")]
    [InlineData(2025, 6, 6, "nationaldagen")]
    [InlineData(2025, 1, 6, "trettondedag jul")]
    [InlineData(2025, 5, 1, "första maj")]
    [InlineData(2025, 12, 31, "nyårsafton")]
    [InlineData(2025, 12, 26, "annandag jul")]
    public void HolidayName_KnownDates_NamesTheDay(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, SwedishCalendar.HolidayName(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData(2024, 6, 20)] // Thursday before midsommarafton
    [InlineData(2024, 6, 28)] // Friday a week after midsommarafton
    [InlineData(2025, 11, 3)] // Monday after alla helgons dag
    [InlineData(2025, 4, 17)] // skärtorsdagen is a working day
    public void IsWorkingDay_OrdinaryWeekdays_True(int year, int month, int day)
    {
        Assert.True(SwedishCalendar.IsWorkingDay(new DateOnly(year, month, day)));
    }

    [Fact]
    public void EndOfDay_WinterDate_IsMidnightStockholmWhichIs23Utc()
    {
        var end = SwedishCalendar.EndOfDay(new DateOnly(2026, 1, 15));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 23, 0, 0, TimeSpan.Zero), end.ToUniversalTime());
    }

    [Fact]
    public void EndOfDay_SummerDate_IsMidnightStockholmWhichIs22Utc()
    {
        var end = SwedishCalendar.EndOfDay(new DateOnly(2026, 6, 15));

        Assert.Equal(new DateTimeOffset(2026, 6, 15, 22, 0, 0, TimeSpan.Zero), end.ToUniversalTime());
    }
}
