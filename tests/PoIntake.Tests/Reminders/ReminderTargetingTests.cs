using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Moq;
using PoIntake.Core.Contacts;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;

using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Reminders;

[Collection(AzuriteCollection.Name)]
public sealed class ReminderTargetingTests(AzuriteFixture storage)
{
    private static readonly ReminderSchedule Schedule = new(Options.Create(new ReminderOptions()), new SwedishWorkingDayCalendar());

    private static ReminderMailRenderer Renderer => new(Options.Create(new ReminderOptions()));

    [Fact]
    public async Task AnnualReport_StoredReports_OnlyMissingVerksamhetContactsAndCountyBoard()
    {
        var tables = new TableServiceClient(storage.ConnectionString);
        // Reported year 2040 (deadline 2041); baseline 2039. County 12 (Skåne) is this test's.
        await StoredReports.AddAsync(tables, 2039, "12", "PO Nordost", ["1290", "1293"], "nordost@po.test");
        await StoredReports.AddAsync(tables, 2039, "12", "PO Malmö", ["1280"], "malmo@po.test");
        await StoredReports.AddAsync(tables, 2039, "12", "PO Lund", ["1281"], "lund@po.test");
        await StoredReports.AddAsync(tables, 2040, "12", "PO Malmö", ["1280"], "malmo@po.test");
        await StoredReports.AddAsync(tables, 2040, "12", "PO Lund", ["1281"], "lund@po.test", nilReturn: true);
        var store = new ContactStore(tables);
        await store.ReplaceCountyAsync("12",
        [
            new Contact("12", ContactRole.CountyBoard, null, "Lena Län", "lansstyrelsen@lst.test"),
            new Contact("12", ContactRole.Municipality, "1290", "Kim Kristianstad", "kim@kristianstad.test"),
            new Contact("12", ContactRole.Municipality, "1280", "Mia Malmö", "mia@malmo.test"),
            new Contact("12", ContactRole.Municipality, "1293", "Nils Utanadress", null),
        ], CancellationToken.None);
        var targeting = new ReminderTargeting(StoredReports.Directory(tables), store, MunicipalityRegistry.Default, Renderer);
        var slot = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2041)).First();

        var mails = await targeting.PlanAsync(slot, slot.SwedishDay, CancellationToken.None);

        var county12 = mails.Where(m => m.To.EndsWith(".test", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            ["kim@kristianstad.test", "lansstyrelsen@lst.test", "nordost@po.test"],
            county12.Select(m => m.To).Order(StringComparer.Ordinal));
        var contact = county12.Single(m => m.To == "nordost@po.test");
        Assert.Equal(ReminderAudience.ReportContact, contact.Audience);
        Assert.Contains("PO Nordost (Kristianstad, Hässleholm)", contact.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("PO Malmö", contact.PlainText, StringComparison.Ordinal);
        var summary = county12.Single(m => m.Audience == ReminderAudience.CountyBoardSummary);
        Assert.Contains("Nils Utanadress", summary.PlainText, StringComparison.Ordinal);
        Assert.Contains("PO Nordost", summary.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("PO Lund", summary.PlainText, StringComparison.Ordinal);
        foreach (var mail in county12)
        {
            var others = county12.Select(m => m.To).Where(a => a != mail.To).Append("malmo@po.test").Append("mia@malmo.test");
            Assert.All(others, other =>
            {
                Assert.DoesNotContain(other, mail.PlainText, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(other, mail.Html, StringComparison.OrdinalIgnoreCase);
            });
        }
    }

    [Fact]
    public async Task AnnualReport_RenamedVerksamhetCoveringSameMunicipalities_NotMissing()
    {
        var tables = new TableServiceClient(storage.ConnectionString);
        await StoredReports.AddAsync(tables, 2042, "14", "PO Väst", ["1480"], "vast@po.test");
        await StoredReports.AddAsync(tables, 2043, "14", "Personligt ombud Göteborg", ["1480"], "vast@po.test");
        var targeting = new ReminderTargeting(StoredReports.Directory(tables), Contacts(), MunicipalityRegistry.Default, Renderer);

        var missing = await targeting.MissingAsync(2043, CancellationToken.None);

        Assert.DoesNotContain(missing, r => r.CountyCode == "14");
    }

    [Fact]
    public async Task GrantApplication_OnlyMunicipalitiesWithPoLastYear_OptedInWithoutPoInformedOnceInTheFirstSlot()
    {
        var contacts = Contacts(
            new Contact("01", ContactRole.Municipality, "0114", "A", "a@kommun.test"),
            new Contact("01", ContactRole.Municipality, "0115", "A igen", "A@kommun.test"),
            new Contact("01", ContactRole.Municipality, "0117", "Utan", null),
            new Contact("01", ContactRole.Municipality, "0120", "Värmdö", "info@varmdo.test", GrantInformation: true),
            new Contact("01", ContactRole.Municipality, "0125", "Ekerö", "ekero@kommun.test"),
            new Contact("01", ContactRole.CountyBoard, null, "Län", "lan@lst.test"));
        // No register for 2026 in Stockholm: its accepted reports for 2026 say who had personligt ombud (0114, 0115, 0117).
        var reports = new Mock<IReportDirectory>(MockBehavior.Strict);
        reports.Setup(r => r.ListCurrentAsync(2026, It.IsAny<CancellationToken>())).ReturnsAsync(
            [new AcceptedReport(2026, "01", "po-a", "PO A", false, ["0114", "0115", "0117"], "A", "po@a.test")]);
        var targeting = new ReminderTargeting(reports.Object, contacts, MunicipalityRegistry.Default, Renderer);
        var slots = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.GrantApplication, 2027));

        var first = await targeting.PlanAsync(slots[0], slots[0].SwedishDay, CancellationToken.None);
        var later = await targeting.PlanAsync(slots[1], slots[1].SwedishDay, CancellationToken.None);

        Assert.Equal(["a@kommun.test", "info@varmdo.test"], first.Select(m => m.To));
        var duty = first[0];
        Assert.Equal(ReminderAudience.MunicipalityContact, duty.Audience);
        Assert.Contains("Upplands Väsby, Vallentuna", duty.PlainText, StringComparison.Ordinal);
        Assert.Contains("måndag 1 mars 2027", duty.Subject, StringComparison.Ordinal);
        var information = first[1];
        Assert.Equal(ReminderAudience.GrantInformation, information.Audience);
        Assert.StartsWith("Information: möjlighet att söka statsbidrag", information.Subject, StringComparison.Ordinal);
        Assert.Contains("kommunen behöver inte göra något", information.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("Påminnelse", information.Subject, StringComparison.Ordinal);

        // Ekerö had no PO and is not opted in; the county board owes nothing on 1 March; the information goes out once.
        Assert.Equal(["a@kommun.test"], later.Select(m => m.To));
    }

    [Fact]
    public async Task StatusReport_OnlySocialstyrelsenGetsCompleteness()
    {
        var reports = new Mock<IReportDirectory>();
        reports.Setup(r => r.ListCurrentAsync(2025, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new AcceptedReport(2025, "01", "po-a", "PO A", false, ["0114"], "A", "a@po.test"),
            new AcceptedReport(2025, "01", "po-b", "PO B", false, ["0115"], "B", "b@po.test"),
        ]);
        reports.Setup(r => r.ListCurrentAsync(2026, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new AcceptedReport(2026, "01", "po-a", "PO A", true, ["0114"], "A", "a@po.test"),
        ]);
        var contacts = Contacts(
            new Contact("01", ContactRole.NationalBoard, null, "Sos", "sos@socialstyrelsen.test"),
            new Contact("01", ContactRole.CountyBoard, null, "Län", "lan@lst.test"),
            new Contact("01", ContactRole.Municipality, "0114", "K", "k@kommun.test"));
        var targeting = new ReminderTargeting(reports.Object, contacts, MunicipalityRegistry.Default, Renderer);
        var slot = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.StatusReport, 2027)).First();

        var mails = await targeting.PlanAsync(slot, slot.SwedishDay, CancellationToken.None);

        // 15 May is Socialstyrelsen's deadline: the county board and the municipality owe nothing on it.
        Assert.Equal(["sos@socialstyrelsen.test"], mails.Select(m => m.To));
        Assert.Contains("Stockholm | förra årets rapporter | 2 | 1 | 1 | 1 | Vallentuna", mails[0].PlainText, StringComparison.Ordinal);
    }

    private static IContactDirectory Contacts(params Contact[] contacts)
    {
        var directory = new Mock<IContactDirectory>();
        directory.Setup(d => d.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync(contacts);
        return directory.Object;
    }
}
