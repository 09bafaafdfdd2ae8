using Microsoft.Extensions.Options;
using PoIntake.Core.Reminders;

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
            foreach (var kind in Enum.GetValues<DeadlineKind>())
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
        // 17 Jan 2028 − 30 days = 18 Dec 2027, 07:00 CET = 06:00 UTC.
        Assert.Equal(Utc(2027, 12, 18, 6), slots[0].Moment);
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
        // grantApplication 2027: Monday 1 March; DST starts 28 March 2027, so use statusReport 2027 (Mon 17 May) − 30 = 17 April (CEST)
        // and grantApplication − 1 = 28 Feb (CET): both are 07:00 Swedish time.
        var status = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.StatusReport, 2027));
        var grant = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.GrantApplication, 2027));

        Assert.Equal(TimeSpan.FromHours(2), TimeZoneInfo.ConvertTime(status[0].Moment, ReminderSchedule.Stockholm).Offset);
        Assert.Equal(7, TimeZoneInfo.ConvertTime(status[0].Moment, ReminderSchedule.Stockholm).Hour);
        Assert.Equal(Utc(2027, 2, 28, 6), grant[^1].Moment);
    }

    [Fact]
    public void DueAt_JustBeforeAndAtMoment()
    {
        Assert.DoesNotContain(Schedule.DueAt(Utc(2027, 12, 18, 5, 59)), s => s.Deadline.Kind == DeadlineKind.AnnualReport);
        var due = Assert.Single(Schedule.DueAt(Utc(2027, 12, 18, 6)), s => s.Deadline.Kind == DeadlineKind.AnnualReport);
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
        // The 1-day-before reminder (Sunday 16 Jan 2028) was missed; on the deadline day it must not go out.
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
        var slots = Schedule.OnDay(new DateOnly(2027, 12, 18));

        var slot = Assert.Single(slots);
        Assert.Equal((DeadlineKind.AnnualReport, -30), (slot.Deadline.Kind, slot.Offset));
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
