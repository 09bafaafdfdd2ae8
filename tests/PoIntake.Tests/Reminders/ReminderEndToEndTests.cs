using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PoIntake.Core;
using PoIntake.Core.Contacts;
using PoIntake.Core.Reminders;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Reminders;

[Collection(AzuriteCollection.Name)]
public sealed class ReminderEndToEndTests(AzuriteFixture storage) : IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "pointake-e2e-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [Fact]
    public async Task Pass_ComposedApp_WritesOneSwedishEmlPerRecipientOnce()
    {
        var tables = new TableServiceClient(storage.ConnectionString);
        // Deadline 2052 (reported year 2051, baseline 2050); county 22 (Västernorrland) is this test's.
        await StoredReports.AddAsync(tables, 2050, "22", "PO Höga Kusten", ["2280", "2282"], "hoga.kusten@po.test");
        await new ContactStore(tables).ReplaceCountyAsync("22",
        [
            new Contact("22", ContactRole.CountyBoard, null, "Länsstyrelsen Västernorrland", "po@lst-y.test"),
        ], CancellationToken.None);
        using var provider = Compose();
        var pass = provider.GetRequiredService<ReminderPass>();
        var schedule = provider.GetRequiredService<ReminderSchedule>();
        var deadline = schedule.DeadlineOf(DeadlineKind.AnnualReport, 2052);
        var now = schedule.SlotsOf(deadline).Single(s => s.Offset == -14).Moment.AddMinutes(5);

        var first = await pass.RunAtAsync(now, DeadlineKind.AnnualReport, CancellationToken.None);
        var second = await pass.RunAtAsync(now.AddHours(1), DeadlineKind.AnnualReport, CancellationToken.None);

        var files = Directory.GetFiles(_outbox, "*.eml");
        var mails = await Task.WhenAll(files.Select(f => MimeMessage.LoadAsync(f)));
        var recipients = mails.Select(m => Assert.Single(m.To.Mailboxes).Address).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["hoga.kusten@po.test", "po@lst-y.test"], recipients);
        Assert.Equal(2, first.Sent);
        Assert.Equal(0, second.Sent);
        var contactMail = mails.Single(m => m.To.Mailboxes.Single().Address == "hoga.kusten@po.test");
        Assert.Contains(SwedishDates.Long(deadline.Date), contactMail.Subject, StringComparison.Ordinal);
        Assert.Contains("PO Höga Kusten (Härnösand, Kramfors)", contactMail.TextBody, StringComparison.Ordinal);
        // 14 days before Monday 15 January 2052 is nyårsdagen; after nyårsafton and the weekend it goes out Friday 29 December.
        Assert.Contains("Det är 17 dagar kvar.", contactMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("po@lst-y.test", contactMail.HtmlBody, StringComparison.Ordinal);
    }

    private ServiceProvider Compose()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PoIntakeStorage"] = storage.ConnectionString,
            ["Email:Mode"] = "Outbox",
            ["Email:OutboxDirectory"] = _outbox,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPoIntakeCore(configuration);
        return services.BuildServiceProvider();
    }
}
