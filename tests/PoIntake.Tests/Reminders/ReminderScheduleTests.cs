using Microsoft.Extensions.Options;
using PoIntake.Core.Reminders;
using PoIntake.Tests.Calendar;

namespace PoIntake.Tests.Reminders;

public sealed class ReminderScheduleTests
{
    private static readonly ReminderSchedule Schedule = new(Options.Create(new ReminderOptions()), new SwedishWorkingDayCalendar());

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void DeadlineOf_AnnualReport2028OnSaturday_MovesToMondayWithReason()
    {
        var deadline = Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2028);

        Assert.Equal(new DateOnly(2028, 1, 17), deadline.Date);
        Assert.Equal(new DateOnly(2028, 1, 15), deadline.Nominal);
        Assert.Equal("lördag", deadline.MovedBecause);
        Assert.Equal(2027, deadline.ReportedYear);
    }

    [Fact]
    public void DeadlineOf_WorkingDay_NotMoved()
    {
        var deadline = Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2026); // Thursday

        Assert.False(deadline.Moved);
        Assert.Null(deadline.MovedBecause);
    }

    [Fact]
    public void DeadlineOf_StatusReportOnAscensionDay_MovesToNextDay()
    {
        // Kristi himmelsfärds dag 2042 is Thursday 15 May.
        var deadline = Schedule.DeadlineOf(DeadlineKind.StatusReport, 2042);

        Assert.Equal(new DateOnly(2042, 5, 16), deadline.Date);
        Assert.Equal("Kristi himmelsfärds dag", deadline.MovedBecause);
    }

    [Fact]
    public void DeadlineOf_GrantApplication2026OnSunday_MovesToMonday2March()
    {
        var deadline = Schedule.DeadlineOf(DeadlineKind.GrantApplication, 2026);

        Assert.Equal(new DateOnly(2026, 3, 2), deadline.Date);
        Assert.Equal("söndag", deadline.MovedBecause);
    }

    [Fact]
    public void DeadlineOf_2025To2035_AlwaysWorkingDayOnOrAfterNominal()
    {
        foreach (var year in Enumerable.Range(2025, 11))
        {
            foreach (var kind in Deadline.Statutory)
            {
                var deadline = Schedule.DeadlineOf(kind, year);
                Assert.True(deadline.Date >= deadline.Nominal);
                Assert.True(PoIntake.Core.Calendar.SwedishCalendar.IsWorkingDay(deadline.Date), $"{kind} {year}");
                Assert.Equal(deadline.Moved, deadline.MovedBecause is not null);
            }
        }
    }

    [Fact]
    public void SlotsOf_AnnualReport_OffsetsCountFromMovedDateAtSevenSwedishTime()
    {
        var slots = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2028));

        Assert.Equal([-30, -14, -7, -1, 7], slots.Select(s => s.Offset));
        // 17 Jan 2028 − 30 days = Saturday 18 Dec 2027, so Friday 17 Dec, 07:00 CET = 06:00 UTC.
        Assert.Equal(Utc(2027, 12, 17, 6), slots[0].Moment);
        Assert.Equal(Utc(2028, 1, 24, 6), slots[^1].Moment);
    }

    [Fact]
    public void SlotsOf_SummerDeadline_MorningInDaylightSavingTime()
    {
        // statusReport 2026: Friday 15 May; 30 days before is 15 April, CEST (UTC+2).
        var slots = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.StatusReport, 2026));

        Assert.Equal(Utc(2026, 4, 15, 5), slots[0].Moment);
        Assert.DoesNotContain(slots, s => s.Offset > 0);
    }

    [Fact]
    public void SlotsOf_OffsetAcrossSpringForward_StillSevenLocal()
    {
        // grantApplication 2027: Monday 1 March; DST starts 28 March 2027, so use statusReport 2027 (Mon 17 May) − 30 = Saturday
        // 17 April → Friday 16 April (CEST) and grantApplication − 1 = Sunday 28 Feb → Friday 26 Feb (CET): both 07:00 Swedish time.
        var status = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.StatusReport, 2027));
        var grant = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.GrantApplication, 2027));

        Assert.Equal(TimeSpan.FromHours(2), TimeZoneInfo.ConvertTime(status[0].Moment, ReminderSchedule.Stockholm).Offset);
        Assert.Equal(7, TimeZoneInfo.ConvertTime(status[0].Moment, ReminderSchedule.Stockholm).Hour);
        Assert.Equal(Utc(2027, 2, 26, 6), grant[^1].Moment);
    }

    [Fact]
    public void DueAt_JustBeforeAndAtMoment()
    {
        Assert.DoesNotContain(Schedule.DueAt(Utc(2027, 12, 17, 5, 59)), s => s.Deadline.Kind == DeadlineKind.AnnualReport);
        var due = Assert.Single(Schedule.DueAt(Utc(2027, 12, 17, 6)), s => s.Deadline.Kind == DeadlineKind.AnnualReport);
        Assert.Equal(-30, due.Offset);
        Assert.Equal(2028, due.Deadline.Year);
    }

    [Fact]
    public void DueAt_MissedRun_CatchesUpUntilNextReminder()
    {
        var caughtUp = Assert.Single(Schedule.DueAt(Utc(2027, 12, 27, 12)), s => s.Deadline.Kind == DeadlineKind.AnnualReport);
        Assert.Equal(-30, caughtUp.Offset);

        var next = Assert.Single(Schedule.DueAt(Utc(2028, 1, 3, 6)), s => s.Deadline.Kind == DeadlineKind.AnnualReport);
        Assert.Equal(-14, next.Offset);
    }

    [Fact]
    public void DueAt_OnDeadlineDay_NoDaysBeforeReminder()
    {
        // The 1-day-before reminder (Sunday 16 Jan 2028 → Friday 14 Jan) was missed; on the deadline day it must not go out.
        Assert.DoesNotContain(Schedule.DueAt(Utc(2028, 1, 16, 23, 30)), s => s.Deadline.Kind == DeadlineKind.AnnualReport);
        Assert.DoesNotContain(Schedule.DueAt(Utc(2028, 1, 20, 9)), s => s.Deadline.Kind == DeadlineKind.AnnualReport);
    }

    [Fact]
    public void DueAt_SevenDaysAfter_DueThenExpires()
    {
        Assert.Contains(Schedule.DueAt(Utc(2028, 1, 24, 6)), s => s.Deadline.Kind == DeadlineKind.AnnualReport && s.Offset == 7);
        Assert.DoesNotContain(Schedule.DueAt(Utc(2028, 2, 1, 6)), s => s.Deadline.Kind == DeadlineKind.AnnualReport);
    }

    [Fact]
    public void OnDay_ListsSlotsOfThatSwedishDay()
    {
        var slots = Schedule.OnDay(new DateOnly(2027, 12, 17));

        var slot = Assert.Single(slots);
        Assert.Equal((DeadlineKind.AnnualReport, -30), (slot.Deadline.Kind, slot.Offset));
        Assert.Empty(Schedule.OnDay(new DateOnly(2027, 12, 18))); // the Saturday it moved from
    }

    [Fact]
    public void SlotsOf_OneDayBeforeDeadlineAfterWeekend_GoesOutTheFridayBefore()
    {
        // 15 Jan 2023 is a Sunday: the deadline moves to Monday 16; 1 day before is Sunday 15 → Saturday 14 → Friday 13.
        var deadline = Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2023);

        var slot = Schedule.SlotsOf(deadline).Single(s => s.Offset == -1);

        Assert.Equal(new DateOnly(2023, 1, 16), deadline.Date);
        Assert.Equal(new DateOnly(2023, 1, 13), slot.SwedishDay);
        Assert.Equal(Utc(2023, 1, 13, 6), slot.Moment);
        Assert.Equal(Utc(2023, 1, 15, 23), slot.Expires); // still due until the deadline day starts
    }

    [Fact]
    public void SlotsOf_MoveOffNonWorkingDaysOff_KeepsTheCalendarDay()
    {
        var schedule = new ReminderSchedule(
            Options.Create(new ReminderOptions { MoveOffNonWorkingDays = false }),
            new SwedishWorkingDayCalendar());

        var slot = schedule.SlotsOf(schedule.DeadlineOf(DeadlineKind.AnnualReport, 2023)).Single(s => s.Offset == -1);

        Assert.Equal(new DateOnly(2023, 1, 15), slot.SwedishDay);
    }

    [Fact]
    public void SlotsOf_TwoRemindersMovedOntoOneDay_GoOutOnceAsTheLaterOne()
    {
        // 2 days before Monday 16 Jan 2023 is Saturday 14, 1 day before Sunday 15: both move to Friday 13.
        var schedule = new ReminderSchedule(
            Options.Create(new ReminderOptions { DaysBefore = [2, 1], AnnualReportDaysAfter = [] }),
            new SwedishWorkingDayCalendar());

        var slot = Assert.Single(schedule.SlotsOf(schedule.DeadlineOf(DeadlineKind.AnnualReport, 2023)));

        Assert.Equal((-1, new DateOnly(2023, 1, 13)), (slot.Offset, slot.SwedishDay));
    }

    [Fact]
    public void SlotsOf_EveryDeadline2000To2100_DaysBeforeGoOutOnTheWorkingDayBeforePerPublicHolidayPackage()
    {
        var schedule = new ReminderSchedule(
            Options.Create(new ReminderOptions { DaysBefore = [.. Enumerable.Range(1, 30)], AnnualReportDaysAfter = [] }),
            new SwedishWorkingDayCalendar());
        foreach (var year in Enumerable.Range(2000, 101))
        {
            foreach (var kind in Deadline.Statutory)
            {
                var deadline = schedule.DeadlineOf(kind, year);
                var date = PublicHolidayOracle.NextWorkingDayOnOrAfter(Deadline.NominalDate(kind, year));
                // Expected: each offset's day moved back to a working day; where several land on one day the nearest offset stays.
                var expected = Enumerable.Range(1, 30)
                    .Select(n => (Offset: -n, Day: PublicHolidayOracle.PreviousWorkingDayOnOrBefore(date.AddDays(-n))))
                    .GroupBy(s => s.Day)
                    .Select(g => g.MaxBy(s => s.Offset))
                    .OrderBy(s => s.Day)
                    .ToArray();

                var actual = schedule.SlotsOf(deadline).Select(s => (s.Offset, Day: s.SwedishDay)).ToArray();

                Assert.Equal(date, deadline.Date);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void SlotsOf_ConfiguredOffsets_Used()
    {
        var schedule = new ReminderSchedule(
            Options.Create(new ReminderOptions { DaysBefore = [10, 3], AnnualReportDaysAfter = [] }),
            new SwedishWorkingDayCalendar());

        var slots = schedule.SlotsOf(schedule.DeadlineOf(DeadlineKind.AnnualReport, 2026));

        Assert.Equal([-10, -3], slots.Select(s => s.Offset));
    }
}
