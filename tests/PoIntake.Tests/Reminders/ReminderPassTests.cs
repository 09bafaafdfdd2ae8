using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using PoIntake.Core.Contacts;
using PoIntake.Core.Diagnostics;
using PoIntake.Core.Email;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;

using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Reminders;

[Collection(AzuriteCollection.Name)]
public sealed class ReminderPassTests(AzuriteFixture storage)
{
    private static readonly IOptions<ReminderOptions> Settings = Options.Create(new ReminderOptions());
    private static readonly ReminderSchedule Schedule = new(Settings, new SwedishWorkingDayCalendar());

    private static readonly Contact[] Municipalities =
    [
        new("01", ContactRole.Municipality, "0114", "A", "a@kommun.test"),
        new("01", ContactRole.Municipality, "0115", "B", "b@kommun.test"),
        new("01", ContactRole.Municipality, "0117", "C", "c@kommun.test"),
    ];

    [Fact]
    public async Task TwoPassesAtOnce_SendEachMailOnce()
    {
        var sender = new RecordingSender(delay: TimeSpan.FromMilliseconds(30));
        var now = FirstSlot(2031).Moment;

        var results = await Task.WhenAll(
            Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(now, DeadlineKind.GrantApplication, CancellationToken.None),
            Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(now, DeadlineKind.GrantApplication, CancellationToken.None),
            Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(now, DeadlineKind.GrantApplication, CancellationToken.None));

        Assert.Equal(["a@kommun.test", "b@kommun.test", "c@kommun.test"], sender.Sent.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Equal(3, results.Sum(r => r.Sent));
        Assert.Equal(6, results.Sum(r => r.AlreadyHandled));

        var again = await Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(now.AddHours(3), DeadlineKind.GrantApplication, CancellationToken.None);
        Assert.Equal(0, again.Sent);
        Assert.Equal(3, sender.Sent.Count);
    }

    [Fact]
    public async Task FailedSend_StaysPendingThenRetriedWithSameOperationIdAndRecorded()
    {
        var sender = new RecordingSender(failFirstAttempts: 1);
        var slot = FirstSlot(2032);

        var first = await Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);
        Assert.Equal((0, 3), (first.Sent, first.Failed));
        var entry = await Ledger(new TableServiceClient(storage.ConnectionString)).FindAsync(Mail(slot, "a@kommun.test"), CancellationToken.None);
        Assert.Equal(nameof(LedgerStatus.Pending), entry!.Status);
        Assert.Equal("ServiceUnavailable", entry.LastError);

        var second = await Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(slot.Moment.AddHours(1), DeadlineKind.GrantApplication, CancellationToken.None);
        Assert.Equal((3, 0), (second.Sent, second.Failed));
        var attempts = sender.Attempts.Where(m => m.To == "a@kommun.test").ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        Assert.False(attempts[0].MayHaveBeenSent);
        Assert.True(attempts[1].MayHaveBeenSent);
        entry = await Ledger(new TableServiceClient(storage.ConnectionString)).FindAsync(Mail(slot, "a@kommun.test"), CancellationToken.None);
        Assert.Equal(nameof(LedgerStatus.Sent), entry!.Status);
        Assert.Equal(2, entry.Attempts);
        Assert.DoesNotContain("a@kommun.test", entry.RowKey, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(attempts[0].IdempotencyKey.ToString("D"), entry.OperationId);
    }

    [Fact]
    public async Task FailedSend_NotRetriedAfterItsMomentPassed()
    {
        var sender = new RecordingSender(failFirstAttempts: 1);
        var slots = Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.GrantApplication, 2033));

        await Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(slots[0].Moment, DeadlineKind.GrantApplication, CancellationToken.None);
        var later = await Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(slots[1].Moment, DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Equal(3, later.Sent);
        Assert.All(sender.Sent, m => Assert.Contains("14 dagar kvar", m.PlainText, StringComparison.Ordinal));
        var stale = await Ledger(new TableServiceClient(storage.ConnectionString)).FindAsync(Mail(slots[0], "a@kommun.test"), CancellationToken.None);
        Assert.Equal((nameof(LedgerStatus.Pending), 1), (stale!.Status, stale.Attempts));
    }

    [Fact]
    public async Task PermanentFailure_RecordedAndNotRetried()
    {
        var sender = new RecordingSender(permanent: true);
        var slot = FirstSlot(2034);

        await Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);
        var second = await Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(slot.Moment.AddHours(1), DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Equal(3, sender.Attempts.Count);
        Assert.Equal(3, second.AlreadyHandled);
        var entry = await Ledger(new TableServiceClient(storage.ConnectionString)).FindAsync(Mail(slot, "b@kommun.test"), CancellationToken.None);
        Assert.Equal((nameof(LedgerStatus.Rejected), "InvalidRecipient"), (entry!.Status, entry.LastError));
    }

    [Fact]
    public async Task CrashedClaim_TakenOverOnlyAfterLease()
    {
        var slot = FirstSlot(2035);
        var ledger = Ledger(new TableServiceClient(storage.ConnectionString));
        var crashed = await ledger.TryClaimAsync(Mail(slot, "a@kommun.test"), slot.Moment, CancellationToken.None);
        Assert.NotNull(crashed);
        var sender = new RecordingSender();

        await Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(slot.Moment.AddMinutes(1), DeadlineKind.GrantApplication, CancellationToken.None);
        Assert.DoesNotContain(sender.Attempts, m => m.To == "a@kommun.test");

        await Pass(sender, new TableServiceClient(storage.ConnectionString)).RunAtAsync(slot.Moment + Settings.Value.ClaimLease + TimeSpan.FromMinutes(1), DeadlineKind.GrantApplication, CancellationToken.None);
        var attempt = Assert.Single(sender.Attempts, m => m.To == "a@kommun.test");
        Assert.True(attempt.MayHaveBeenSent);
        Assert.Equal(crashed!.OperationId, attempt.IdempotencyKey);
    }

    [Fact]
    public void OperationIdOf_StablePerKeyAndDistinctAcrossKeys()
    {
        var a = ReminderLedger.OperationIdOf("grantApplication-2031", "b30-municipality-abc");
        Assert.Equal(a, ReminderLedger.OperationIdOf("grantApplication-2031", "b30-municipality-abc"));
        Assert.NotEqual(a, ReminderLedger.OperationIdOf("grantApplication-2031", "b14-municipality-abc"));
        Assert.Equal(8, a.Version);
    }

    [Fact]
    public async Task Preview_ListsRecipientsAndSubjectsWithoutSending()
    {
        var sender = new RecordingSender();
        var slot = FirstSlot(2036);

        var preview = await Pass(sender, new TableServiceClient(storage.ConnectionString)).PreviewAsync(slot.SwedishDay, CancellationToken.None);

        var grant = preview.Where(p => p.Deadline == "grantApplication").ToArray();
        Assert.Equal(3, grant.Length);
        Assert.All(grant, p => Assert.Equal(-30, p.Offset));
        Assert.All(grant, p => Assert.Null(p.LedgerStatus));
        Assert.Empty(sender.Attempts);
    }

    [Fact]
    public async Task ReminderMovedOffSunday_PreviewLedgerAndMailAgreeOnTheFridayAndNameTheDeadline()
    {
        // grantApplication 2038: Monday 1 March; 1 day before is Sunday 28 February, so the reminder goes out Friday 26 February.
        var sender = new RecordingSender();
        var deadline = Schedule.DeadlineOf(DeadlineKind.GrantApplication, 2038);
        var slot = Schedule.SlotsOf(deadline).Single(s => s.Offset == -1);
        var pass = Pass(sender, new TableServiceClient(storage.ConnectionString));
        Assert.Equal(new DateOnly(2038, 2, 26), slot.SwedishDay);

        var onSunday = await pass.PreviewAsync(new DateOnly(2038, 2, 28), CancellationToken.None);
        var before = await pass.PreviewAsync(slot.SwedishDay, CancellationToken.None);
        var result = await pass.RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);
        var after = await pass.PreviewAsync(slot.SwedishDay, CancellationToken.None);
        var sundayPass = await pass.RunAtAsync(ReminderSchedule.AtSwedishTime(new DateOnly(2038, 2, 28), Settings.Value.SendAt), DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.DoesNotContain(onSunday, p => p.Deadline == "grantApplication");
        Assert.Equal(3, before.Count(p => p.Deadline == "grantApplication" && p.Offset == -1 && p.LedgerStatus is null));
        Assert.Equal(3, result.Sent);
        Assert.Equal(
            before.Select(p => (p.Recipient, p.Subject)).Order(),
            after.Where(p => p.LedgerStatus == nameof(LedgerStatus.Sent)).Select(p => (p.Recipient, p.Subject)).Order());
        Assert.Equal((0, 3), (sundayPass.Sent, sundayPass.AlreadyHandled));
        Assert.All(sender.Sent, m =>
        {
            Assert.Contains("senast måndag 1 mars 2038", m.Subject, StringComparison.Ordinal);
            Assert.Contains("senast måndag 1 mars 2038", m.PlainText, StringComparison.Ordinal);
            Assert.Contains("Det är 3 dagar kvar.", m.PlainText, StringComparison.Ordinal);
        });
    }

    private static ReminderSlot FirstSlot(int year) => Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.GrantApplication, year))[0];

    private static ReminderMail Mail(ReminderSlot slot, string to) => new(slot, ReminderAudience.MunicipalityContact, to, "", "", "");

    private static ReminderLedger Ledger(TableServiceClient tables) => new(tables, Settings);

    [Fact]
    public async Task PermanentFailure_LoggedAsReminderRejectedForTheAlert()
    {
        var logs = new CapturingLoggerProvider();
        var slot = FirstSlot(2037);

        await Pass(new RecordingSender(permanent: true), new TableServiceClient(storage.ConnectionString), Logger(logs))
            .RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);

        var rejected = logs.Entries.Where(e => e.EventId.Id == LogEventIds.ReminderRejected).ToList();
        Assert.Equal(3, rejected.Count);
        Assert.All(rejected, e => Assert.Equal((LogLevel.Error, nameof(LogEventIds.ReminderRejected)), (e.Level, e.EventId.Name)));
        Assert.All(rejected, e => Assert.Contains("InvalidRecipient", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void JustPassedAt_TheDayAfterTheAnnualReportDeadlineOnly()
    {
        var deadline = Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2032);
        var passed = ReminderSchedule.PassedAt(deadline);

        Assert.Equal(new DateTimeOffset(2032, 1, 16, 0, 0, 0, TimeSpan.FromHours(1)), passed);
        Assert.Empty(Schedule.JustPassedAt(passed.AddMinutes(-1)));
        Assert.Equal([deadline], Schedule.JustPassedAt(passed));
        Assert.Equal([deadline], Schedule.JustPassedAt(passed + ReminderSchedule.PassedDeadlineWatch - TimeSpan.FromMinutes(1)));
        Assert.Empty(Schedule.JustPassedAt(passed + ReminderSchedule.PassedDeadlineWatch));
        Assert.Empty(Schedule.JustPassedAt(ReminderSchedule.PassedAt(Schedule.DeadlineOf(DeadlineKind.GrantApplication, 2032)).AddHours(1)));
    }

    [Fact]
    public async Task DeadlinePassed_ReportsMissing_EachPassOfTheDayAfterLogsTheCountForTheAlert()
    {
        var logs = new CapturingLoggerProvider();
        var reports = new Mock<IReportDirectory>();
        reports.Setup(r => r.ListCurrentAsync(2030, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new AcceptedReport(2030, "01", "po-a", "PO A", false, ["0114"], "A", "a@po.test"),
            new AcceptedReport(2030, "14", "po-b", "PO B", false, ["1480"], "B", "b@po.test"),
            new AcceptedReport(2030, "14", "po-c", "PO C", false, ["1401"], "C", "c@po.test"),
        ]);
        reports.Setup(r => r.ListCurrentAsync(2031, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new AcceptedReport(2031, "01", "po-a", "PO A", false, ["0114"], "A", "a@po.test"),
        ]);
        var pass = Pass(new RecordingSender(), new TableServiceClient(storage.ConnectionString), Logger(logs), reports.Object);
        var passed = ReminderSchedule.PassedAt(Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2032));

        await pass.RunAtAsync(passed.AddHours(-1), DeadlineKind.AnnualReport, CancellationToken.None);
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == LogEventIds.DeadlinePassedWithReportsMissing);

        await pass.RunAtAsync(passed.AddHours(7), DeadlineKind.AnnualReport, CancellationToken.None);
        await pass.RunAtAsync(passed.AddHours(8), DeadlineKind.AnnualReport, CancellationToken.None);
        var missing = logs.Entries.Where(e => e.EventId.Id == LogEventIds.DeadlinePassedWithReportsMissing).ToList();
        Assert.Equal(2, missing.Count);
        Assert.All(missing, e => Assert.Equal((LogLevel.Warning, nameof(LogEventIds.DeadlinePassedWithReportsMissing)), (e.Level, e.EventId.Name)));
        Assert.Contains("annualReport 2032 (2032-01-15) has passed with 2 reports missing, counties 14", missing[0].Message, StringComparison.Ordinal);

        await pass.RunAtAsync(passed + ReminderSchedule.PassedDeadlineWatch, DeadlineKind.AnnualReport, CancellationToken.None);
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Id == LogEventIds.DeadlinePassedWithReportsMissing));
    }

    [Fact]
    public async Task DeadlinePassed_NothingMissing_NoEvent()
    {
        var logs = new CapturingLoggerProvider();
        var reports = new Mock<IReportDirectory>();
        AcceptedReport[] both = [new AcceptedReport(2030, "01", "po-a", "PO A", false, ["0114"], "A", "a@po.test")];
        reports.Setup(r => r.ListCurrentAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(both);
        var passed = ReminderSchedule.PassedAt(Schedule.DeadlineOf(DeadlineKind.AnnualReport, 2032));

        await Pass(new RecordingSender(), new TableServiceClient(storage.ConnectionString), Logger(logs), reports.Object)
            .RunAtAsync(passed.AddHours(7), DeadlineKind.AnnualReport, CancellationToken.None);

        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == LogEventIds.DeadlinePassedWithReportsMissing);
    }

    /// <summary>
    /// A report for every year covering the contacts' municipalities: each had personligt ombud the year before a 1 March,
    /// so each owes the 1 March reminder (no register: the guess from the reports).
    /// </summary>
    internal static Mock<IReportDirectory> LastYearsReportsOf(IReadOnlyList<Contact> contacts)
    {
        var reports = new Mock<IReportDirectory>();
        reports.Setup(r => r.ListCurrentAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync((int year, CancellationToken _) =>
            [new AcceptedReport(year, "01", "po-abc", "PO ABC", false, [.. contacts.Select(c => c.MunicipalityCode).OfType<string>()], "A", "po@abc.test")]);
        return reports;
    }

    private static ILogger<ReminderPass> Logger(CapturingLoggerProvider logs) => new LoggerFactory([logs]).CreateLogger<ReminderPass>();

    private static ReminderPass Pass(IEmailSender sender, TableServiceClient tables, ILogger<ReminderPass>? logger = null, IReportDirectory? reports = null)
    {
        var contacts = new Mock<IContactDirectory>();
        contacts.Setup(c => c.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Municipalities);
        var targeting = new ReminderTargeting(
            reports ?? LastYearsReportsOf(Municipalities).Object,
            contacts.Object,
            MunicipalityRegistry.Default,
            new ReminderMailRenderer(Settings));
        return new ReminderPass(Schedule, targeting, Ledger(tables), sender, TimeProvider.System, logger ?? NullLogger<ReminderPass>.Instance);
    }

    private sealed class RecordingSender(TimeSpan? delay = null, int failFirstAttempts = 0, bool permanent = false) : IEmailSender
    {
        private readonly ConcurrentDictionary<string, int> _attemptsByRecipient = new();

        public ConcurrentQueue<EmailMessage> Attempts { get; } = new();

        public List<EmailMessage> Sent => Attempts.Where(m => m.Subject != "failed").ToList();

        public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var attempt = _attemptsByRecipient.AddOrUpdate(message.To, 1, (_, n) => n + 1);
            if (permanent)
            {
                Attempts.Enqueue(message with { Subject = "failed" });
                return EmailSendResult.Permanent("InvalidRecipient");
            }

            if (attempt <= failFirstAttempts)
            {
                Attempts.Enqueue(message with { Subject = "failed" });
                return EmailSendResult.Transient("ServiceUnavailable");
            }

            Attempts.Enqueue(message);
            return EmailSendResult.Sent(message.IdempotencyKey.ToString());
        }
    }
}
