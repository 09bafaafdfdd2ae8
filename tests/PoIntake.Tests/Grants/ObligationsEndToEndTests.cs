using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PoIntake.Core.Pipeline;
using PoIntake.Core;
using PoIntake.Core.Contacts;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reminders;
using PoIntake.Core.Status;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;
using PoIntake.Tests.Storage;
using static PoIntake.Tests.Grants.InMemoryGrantRegisters;

namespace PoIntake.Tests.Grants;

/// <summary>
/// The grant cycle's obligations end to end on Azurite: reports ingested by the real blob intake, status read by the
/// real status service, reminders planned and written to the outbox by the real pass, and the grant registers sent in as
/// county boards send them: a workbook in <c>grants/{year}/{county}.xlsx</c> through the register's intake into Table
/// Storage, read back by the app's own store (<see cref="ComposeAsync"/>). Reporting year 2018 and county 20 (Dalarna)
/// are these tests' own.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ObligationsEndToEndTests(AzuriteFixture storage) : IDisposable
{
    private const int Year = 2018;
    private const string County = "20";

    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "pointake-obligations-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [Fact]
    public async Task FirstTimeGranted_RemindedBefore15January_MissingUntilItsReportArrives_CrossCheckWarningsAtIntake()
    {
        var registers = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Falun", ["2080"], grantedSek: 809_060m, appliedFullTimeEquivalents: 2m, contactEmail: "falun@po.test"),
            Application(Year, County, "PO Borlänge", ["2081"], grantedSek: 404_530m, contactEmail: "borlange@po.test"));
        await using var app = await ComposeAsync(registers);
        await app.ReplaceContactsAsync(new Contact(County, ContactRole.CountyBoard, null, "Länsstyrelsen Dalarna", "po@lst-w.test"));
        // PO Falun reported the year before; PO Borlänge is granted for the first time.
        await app.IngestAsync(Report(Year - 1, "PO Falun", "2080", "falun@po.test"));
        var falun = await app.IngestAsync(Report(Year, "PO Falun", "2080", "falun@po.test"));

        var before = (await app.Get<StatusService>().GetCountyAsync(Year, County, CancellationToken.None)).County.Obligations!;
        var deadline = app.Get<ReminderSchedule>().DeadlineOf(DeadlineKind.AnnualReport, Year + 1);
        var slots = app.Get<ReminderSchedule>().SlotsOf(deadline).ToArray();
        await app.Get<ReminderPass>().RunAtAsync(slots.Single(s => s.Offset == -14).Moment.AddMinutes(5), DeadlineKind.AnnualReport, CancellationToken.None);
        var remindedBeforeReport = await app.MailsToAsync("borlange@po.test");
        await app.IngestAsync(Report(Year, "PO Borlänge", "2081", "borlange@po.test"));
        var after = (await app.Get<StatusService>().GetCountyAsync(Year, County, CancellationToken.None)).County.Obligations!;
        await app.Get<ReminderPass>().RunAtAsync(slots.Single(s => s.Offset == -1).Moment.AddMinutes(5), DeadlineKind.AnnualReport, CancellationToken.None);

        Assert.Equal("grantRegister", before.Rule);
        Assert.Contains("bidragsregister för 2018", before.RuleText, StringComparison.Ordinal);
        Assert.Equal((2, 1, 1), (before.Owed, before.Received, before.Missing));
        var borlange = before.Reports.Single(r => r.OperationName == "PO Borlänge");
        Assert.False(borlange.Received);
        Assert.Equal(404_530m, borlange.GrantedSek);
        Assert.Equal("Borlänge", Assert.Single(borlange.Municipalities).Name);
        Assert.Equal((2, 2, 0), (after.Owed, after.Received, after.Missing));

        var reminder = Assert.Single(remindedBeforeReport);
        Assert.Contains("PO Borlänge (Borlänge)", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains(SwedishDates.Long(deadline.Date), reminder.Subject, StringComparison.Ordinal);
        // Reminded once, not again after its report arrived; PO Falun, which reported, never.
        Assert.Single(await app.MailsToAsync("borlange@po.test"));
        Assert.Empty(await app.MailsToAsync("falun@po.test"));
        var summary = Assert.Single(await app.MailsToAsync("po@lst-w.test"));
        Assert.Contains("beviljades statsbidrag för 2018 enligt länets bidragsregister", summary.TextBody, StringComparison.Ordinal);

        // PO Falun reports 1 250 001,50 kr granted and 3,5 årsarbetare against 809 060 kr = 2 årsarbetare at 404 530 kr.
        Assert.Equal(IntakeOutcome.Accepted, falun.Outcome);
        Assert.Equal(
            [FindingCodes.FullTimeEquivalentsAboveGranted, FindingCodes.GrantAmountDiffers],
            falun.Findings.Where(f => f.Code is FindingCodes.GrantAmountDiffers or FindingCodes.FullTimeEquivalentsAboveGranted or FindingCodes.OperationNotInGrantRegister)
                .Select(f => f.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReportForVerksamhetTheRegisterDoesNotKnow_WarnedAndListedAsNotOwed()
    {
        var registers = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Ludvika", ["2085"], contactEmail: "ludvika@po.test"));
        await using var app = await ComposeAsync(registers);

        var mora = await app.IngestAsync(Report(Year, "PO Mora", "2062", "mora@po.test"));
        var status = (await app.Get<StatusService>().GetCountyAsync(Year, County, CancellationToken.None)).County.Obligations!;

        Assert.Equal(IntakeOutcome.Accepted, mora.Outcome);
        var warning = Assert.Single(mora.Findings, f => f.Code == FindingCodes.OperationNotInGrantRegister);
        Assert.Equal("Verksamhet", warning.Sheet);
        Assert.Contains("\"PO Mora\" finns inte i länets bidragsregister för 2018", warning.Message, StringComparison.Ordinal);
        Assert.Contains(status.ReceivedNotOwed, r => r.OperationName == "PO Mora");
        Assert.Contains(status.Reports, r => r.OperationName == "PO Ludvika");
    }

    [Fact]
    public async Task MunicipalityThatHasApplied_GetsNo1MarchReminder_OneWithoutGrantNeither()
    {
        var registers = new InMemoryGrantRegisters()
            .Add(Year, County,
                Application(Year, County, "PO Falun", ["2080"], contactEmail: "falun.ansokan@po.test"),
                Application(Year, County, "PO Avesta", ["2084"], contactEmail: "avesta.ansokan@po.test"))
            .Add(Year + 1, County,
                Application(Year + 1, County, "PO Falun", ["2080"], GrantDecision.Pending, contactEmail: "falun.ansokan@po.test"));
        await using var app = await ComposeAsync(registers);
        await app.ReplaceContactsAsync(
            new Contact(County, ContactRole.Municipality, "2080", "Frida Falun", "frida@falun.test"),
            new Contact(County, ContactRole.Municipality, "2084", "Anna Avesta", "anna@avesta.test"),
            new Contact(County, ContactRole.Municipality, "2085", "Lars Ludvika", "lars@ludvika.test", GrantInformation: true),
            new Contact(County, ContactRole.CountyBoard, null, "Länsstyrelsen Dalarna", "po@lst-w.test"));
        var schedule = app.Get<ReminderSchedule>();
        var slot = schedule.SlotsOf(schedule.DeadlineOf(DeadlineKind.GrantApplication, Year + 1)).Single(s => s.Offset == -14);

        await app.Get<ReminderPass>().RunAtAsync(slot.Moment.AddMinutes(5), DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Empty(await app.MailsToAsync("frida@falun.test"));
        Assert.Empty(await app.MailsToAsync("falun.ansokan@po.test"));
        Assert.Contains("Avesta", Assert.Single(await app.MailsToAsync("anna@avesta.test")).TextBody, StringComparison.Ordinal);
        // Ludvika had no grant: opted in, it is informed once, in the deadline's first reminder (30 days before), not now.
        Assert.Empty(await app.MailsToAsync("lars@ludvika.test"));
        Assert.Contains("PO Avesta (Avesta)", Assert.Single(await app.MailsToAsync("avesta.ansokan@po.test")).TextBody, StringComparison.Ordinal);
        Assert.Empty(await app.MailsToAsync("po@lst-w.test"));
    }

    private static AnnualReport Report(int year, string name, string municipality, string email)
    {
        var report = TestReports.Create(year, County, name, seed: 1);
        return report with { Operation = report.Operation with { MunicipalityCodes = [municipality], ContactEmail = email } };
    }

    private async Task<App> ComposeAsync(InMemoryGrantRegisters registers)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ConnectionNames.Storage] = storage.ConnectionString,
            ["Email:Mode"] = "Outbox",
            ["Email:OutboxDirectory"] = _outbox,
            ["Appropriation:Years:2018:AmountPerFullTimeEquivalentSek"] = "404530",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPoIntakeCore(configuration);
        services.AddPoIntakeScreening(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        Assert.IsType<GrantRegisterStore>(provider.GetRequiredService<IGrantRegisterReader>());
        foreach (var register in registers.All)
        {
            // Upload times have one-second resolution: each register in its own second, so it supersedes an earlier test's.
            await Task.Delay(TimeSpan.FromMilliseconds(1000 - DateTimeOffset.UtcNow.Millisecond + 20));
            var blobName = GrantRegisterPath.BlobName(register.Year, register.CountyCode);
            await provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Grants).GetBlobClient(blobName)
                .UploadAsync(BinaryData.FromBytes(GrantRegisterTemplate.Write(register.Year, register.Applications)), overwrite: true);
            var intake = await provider.GetRequiredService<GrantIntakeService>().IngestAsync(blobName, CancellationToken.None);
            Assert.Equal((IntakeOutcome.Accepted, Dispositions.Current), (intake.Outcome, intake.Disposition));
        }

        return new App(provider, _outbox);
    }

    private sealed class App(ServiceProvider provider, string outbox) : IAsyncDisposable
    {
        public T Get<T>()
            where T : notnull => provider.GetRequiredService<T>();

        public Task ReplaceContactsAsync(params Contact[] contacts) =>
            new ContactStore(Get<TableServiceClient>()).ReplaceCountyAsync(County, contacts, CancellationToken.None);

        public async Task<IntakeRecord> IngestAsync(AnnualReport report)
        {
            var blobName = $"{report.Operation.Year}/{County}/{OperationKey.From(report.Operation.Name)}-{Guid.NewGuid():N}.xlsx";
            await Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Reports).GetBlobClient(blobName)
                .UploadAsync(BinaryData.FromBytes(ReportWorkbookWriter.Write(report)));
            return await Get<IReportIntake>().IngestAsync(blobName, CancellationToken.None);
        }

        public async Task<MimeMessage[]> MailsToAsync(string address)
        {
            if (!Directory.Exists(outbox))
            {
                return [];
            }

            var mails = await Task.WhenAll(Directory.GetFiles(outbox, "*.eml").Select(f => MimeMessage.LoadAsync(f)));
            return mails.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToArray();
        }

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
