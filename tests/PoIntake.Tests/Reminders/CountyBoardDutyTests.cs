using Microsoft.Extensions.Options;
using Moq;
using PoIntake.Core.Contacts;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;
using PoIntake.Tests.Grants;
using static PoIntake.Tests.Grants.InMemoryGrantRegisters;

namespace PoIntake.Tests.Reminders;

/// <summary>
/// The county boards' own reminders on configured days (ReminderOptions.CountyRegisterCompleteOn / CountyReportsInOn):
/// each board hears only of its own county, only when something is missing, on a working day.
/// </summary>
public sealed class CountyBoardDutyTests
{
    private static readonly Contact[] Boards =
    [
        new("13", ContactRole.CountyBoard, null, "Länsstyrelsen Halland", "po@lst-n.test"),
        new("20", ContactRole.CountyBoard, null, "Länsstyrelsen Dalarna", "po@lst-w.test"),
        new("13", ContactRole.Municipality, "1380", "Hanna Halmstad", "hanna@halmstad.test"),
        new("00", ContactRole.NationalBoard, null, "Socialstyrelsen", "po@socialstyrelsen.test"),
    ];

    [Theory]
    [InlineData("02-15", 2041, 2, 15)] // Friday 15 February 2041
    [InlineData("02-16", 2041, 2, 18)] // Saturday → Monday 18
    [InlineData("12-24", 2041, 12, 27)] // julafton (Tuesday) → juldagen, annandag → Friday 27
    public void ConfiguredDay_MovesToTheNextWorkingDay_OneSlot(string monthDay, int year, int month, int day)
    {
        var schedule = Schedule(reportsIn: monthDay);

        var duty = schedule.CountyDutyOf(DeadlineKind.CountyReportsIn, year)!;
        var slot = Assert.Single(schedule.SlotsOf(duty));

        Assert.Equal(new DateOnly(year, month, day), slot.SwedishDay);
        Assert.Equal(0, slot.Offset);
        Assert.Single(schedule.OnDay(new DateOnly(year, month, day)), s => s.Deadline.Kind == DeadlineKind.CountyReportsIn);
    }

    [Fact]
    public void Empty_TurnsTheReminderOff()
    {
        var schedule = Schedule(reportsIn: "", registerComplete: "");

        Assert.Null(schedule.CountyDutyOf(DeadlineKind.CountyReportsIn, 2041));
        Assert.DoesNotContain(schedule.OnDay(new DateOnly(2041, 2, 15)), s => Deadline.IsCountyDuty(s.Deadline.Kind));
    }

    [Fact]
    public async Task ReportsIn_EachBoardGetsItsOwnCountysMissingReports_ACountyWithNothingMissingNothing()
    {
        // 2040: Halland's register grants Halmstad and Varberg; Varberg reported. Dalarna reported everything it owed.
        var reports = Reports(
            (2039, "20", "PO Falun", ["2080"]),
            (2040, "20", "PO Falun", ["2080"]),
            (2040, "13", "PO Varberg", ["1383"]));
        var registers = new InMemoryGrantRegisters().Add(2040, "13",
            Application(2040, "13", "PO Halmstad", ["1380"]),
            Application(2040, "13", "PO Varberg", ["1383"]));
        var schedule = Schedule();
        var slot = Assert.Single(schedule.SlotsOf(schedule.CountyDutyOf(DeadlineKind.CountyReportsIn, 2041)!));

        var mails = await Targeting(reports, registers).PlanAsync(slot, slot.SwedishDay, CancellationToken.None);

        var mail = Assert.Single(mails);
        Assert.Equal(("po@lst-n.test", ReminderAudience.CountyBoardDuty), (mail.To, mail.Audience));
        Assert.Contains("PO Halmstad (Halmstad)", mail.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("PO Varberg", mail.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("Falun", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("1 årsrapporter för 2040 saknas i Halland", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterComplete_MissingRegisterOrUndecidedApplications_OnlyThatCountysBoard()
    {
        // 2041: Halland had grants in 2040 and has sent no register; Dalarna (reports in 2040) sent one with an undecided
        // application; Stockholm sent a complete register (no board contact either way).
        var reports = Reports((2040, "20", "PO Falun", ["2080"]), (2040, "01", "PO Solna", ["0184"]));
        var registers = new InMemoryGrantRegisters()
            .Add(2040, "13", Application(2040, "13", "PO Halmstad", ["1380"]))
            .Add(2041, "20", Application(2041, "20", "PO Falun", ["2080"]), Application(2041, "20", "PO Mora", ["2062"], GrantDecision.Pending, row: 3))
            .Add(2041, "01", Application(2041, "01", "PO Solna", ["0184"]));
        var schedule = Schedule();
        var slot = Assert.Single(schedule.SlotsOf(schedule.CountyDutyOf(DeadlineKind.CountyRegisterComplete, 2041)!));

        var mails = await Targeting(reports, registers).PlanAsync(slot, slot.SwedishDay, CancellationToken.None);

        Assert.Equal(["po@lst-n.test", "po@lst-w.test"], mails.Select(m => m.To).Order(StringComparer.Ordinal));
        var halland = mails.Single(m => m.To == "po@lst-n.test");
        Assert.Contains("bidragsregistret för 2041 saknas för Halland", halland.Subject, StringComparison.Ordinal);
        var dalarna = mails.Single(m => m.To == "po@lst-w.test");
        Assert.Contains("PO Mora (Mora)", dalarna.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("PO Falun", dalarna.PlainText, StringComparison.Ordinal);
        Assert.All(mails, m => Assert.Equal(ReminderAudience.CountyBoardDuty, m.Audience));
    }

    private static ReminderSchedule Schedule(string reportsIn = "02-15", string registerComplete = "04-15") =>
        new(Options.Create(new ReminderOptions { CountyReportsInOn = reportsIn, CountyRegisterCompleteOn = registerComplete }), new SwedishWorkingDayCalendar());

    private static ReminderTargeting Targeting(IReportDirectory reports, InMemoryGrantRegisters registers) =>
        new(reports, Contacts(Boards), MunicipalityRegistry.Default, new ReminderMailRenderer(Options.Create(new ReminderOptions())), registers);

    private static IReportDirectory Reports(params (int Year, string County, string Name, string[] Municipalities)[] reports)
    {
        var directory = new Mock<IReportDirectory>();
        directory.Setup(d => d.ListCurrentAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync((int year, CancellationToken _) =>
            reports.Where(r => r.Year == year)
                .Select(r => new AcceptedReport(year, r.County, OperationKey.From(r.Name), r.Name, false, r.Municipalities, "Kontakt", OperationKey.From(r.Name) + "@po.test"))
                .ToArray());
        return directory.Object;
    }

    private static IContactDirectory Contacts(params Contact[] contacts)
    {
        var directory = new Mock<IContactDirectory>();
        directory.Setup(d => d.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync(contacts);
        return directory.Object;
    }
}
