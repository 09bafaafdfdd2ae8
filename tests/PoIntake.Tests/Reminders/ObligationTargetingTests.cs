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

/// <summary>Reminders planned from the grant registers (docs/obligations.md); county 13 (Halland) throughout.</summary>
public sealed class ObligationTargetingTests
{
    private static readonly ReminderSchedule Schedule = new(Options.Create(new ReminderOptions()), new SwedishWorkingDayCalendar());

    [Fact]
    public async Task AnnualReport_Register_FirstTimeGrantedRemindedAtRegistersAddress_ReportedOneNot()
    {
        var reports = Reports(
            (2039, "PO Varberg", ["1383"]),
            (2040, "PO Varberg", ["1383"]));
        var registers = new InMemoryGrantRegisters().Add(2040, "13",
            Application(2040, "13", "PO Halmstad", ["1380"], contactEmail: "halmstad@po.test"),
            Application(2040, "13", "PO Varberg", ["1383"], contactEmail: "varberg@po.test"),
            Application(2040, "13", "PO Laholm", ["1381"], GrantDecision.Refused, contactEmail: "laholm@po.test"));
        var contacts = Contacts(
            new Contact("13", ContactRole.CountyBoard, null, "Länsstyrelsen Halland", "po@lst-n.test"),
            new Contact("13", ContactRole.Municipality, "1380", "Hanna Halmstad", "hanna@halmstad.test"));
        var targeting = new ReminderTargeting(reports, contacts, MunicipalityRegistry.Default, Renderer, registers);
        var slot = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2041)).First();

        var mails = await targeting.PlanAsync(slot, slot.SwedishDay, CancellationToken.None);

        Assert.Equal(["halmstad@po.test", "hanna@halmstad.test", "po@lst-n.test"], mails.Select(m => m.To).Order(StringComparer.Ordinal));
        var contact = mails.Single(m => m.To == "halmstad@po.test");
        Assert.Equal(ReminderAudience.ReportContact, contact.Audience);
        Assert.Contains("PO Halmstad (Halmstad)", contact.PlainText, StringComparison.Ordinal);
        var summary = mails.Single(m => m.Audience == ReminderAudience.CountyBoardSummary);
        Assert.Contains("beviljades statsbidrag för 2040 enligt länets bidragsregister", summary.PlainText, StringComparison.Ordinal);
        Assert.Contains("PO Halmstad", summary.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("PO Varberg", summary.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("PO Laholm", summary.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnnualReport_NoRegisterForTheYear_GuessFromLastYearAndSummarySaysSo()
    {
        var reports = Reports((2039, "PO Varberg", ["1383"]));
        // A register of another year does not count for 2040.
        var registers = new InMemoryGrantRegisters().Add(2039, "13", Application(2039, "13", "PO Halmstad", ["1380"], contactEmail: "halmstad@po.test"));
        var contacts = Contacts(new Contact("13", ContactRole.CountyBoard, null, "Länsstyrelsen Halland", "po@lst-n.test"));
        var targeting = new ReminderTargeting(reports, contacts, MunicipalityRegistry.Default, Renderer, registers);
        var slot = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2041)).First();

        var mails = await targeting.PlanAsync(slot, slot.SwedishDay, CancellationToken.None);

        Assert.Equal(["po-varberg@po.test", "po@lst-n.test"], mails.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Contains("Länet har inget bidragsregister för 2040", mails.Single(m => m.To == "po@lst-n.test").PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantApplication_MunicipalityThatHasApplied_NoReminder_GrantedLastYearNotAppliedIs()
    {
        var registers = new InMemoryGrantRegisters()
            .Add(2040, "13",
                Application(2040, "13", "PO Halmstad", ["1380"], contactEmail: "halmstad@po.test"),
                Application(2040, "13", "PO Falkenberg", ["1382"], contactEmail: "falkenberg@po.test"))
            .Add(2041, "13",
                Application(2041, "13", "PO Halmstad", ["1380"], GrantDecision.Pending, contactEmail: "halmstad@po.test"));
        var contacts = Contacts(
            new Contact("13", ContactRole.Municipality, "1380", "Hanna Halmstad", "hanna@halmstad.test"),
            new Contact("13", ContactRole.Municipality, "1382", "Frida Falkenberg", "frida@falkenberg.test"),
            new Contact("13", ContactRole.Municipality, "1383", "Vera Varberg", "vera@varberg.test"),
            new Contact("13", ContactRole.CountyBoard, null, "Länsstyrelsen Halland", "po@lst-n.test"));
        var targeting = new ReminderTargeting(Reports(), contacts, MunicipalityRegistry.Default, Renderer, registers);
        var slot = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.GrantApplication, 2041)).First();

        var mails = await targeting.PlanAsync(slot, slot.SwedishDay, CancellationToken.None);

        // Halmstad has applied for 2041: neither its municipality contact nor its verksamhet's address is reminded.
        // Varberg had no grant for 2040 and is not opted in: applying is a possibility for it, not a duty, so no mail.
        Assert.Equal(["falkenberg@po.test", "frida@falkenberg.test"], mails.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Equal(ReminderAudience.MunicipalityContact, m.Audience));
        var falkenberg = mails.Single(m => m.To == "falkenberg@po.test");
        Assert.Contains("fick statsbidrag för 2040 men har ännu ingen ansökan för 2041", falkenberg.PlainText, StringComparison.Ordinal);
        Assert.Contains("PO Falkenberg (Falkenberg)", falkenberg.PlainText, StringComparison.Ordinal);
        Assert.Contains("Du står som kontaktperson för: Falkenberg.", mails.Single(m => m.To == "frida@falkenberg.test").PlainText, StringComparison.Ordinal);
    }

    private static ReminderMailRenderer Renderer => new(Options.Create(new ReminderOptions()));

    private static IReportDirectory Reports(params (int Year, string Name, string[] Municipalities)[] reports)
    {
        var directory = new Mock<IReportDirectory>();
        directory.Setup(d => d.ListCurrentAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync((int year, CancellationToken _) =>
            reports.Where(r => r.Year == year)
                .Select(r => new AcceptedReport(year, "13", OperationKey.From(r.Name), r.Name, false, r.Municipalities, "Kontakt", OperationKey.From(r.Name) + "@po.test"))
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
