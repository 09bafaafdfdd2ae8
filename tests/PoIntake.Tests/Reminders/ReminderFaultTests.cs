using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using PoIntake.Core.Contacts;
using PoIntake.Core.Email;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;
using PoIntake.Tests.Email;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Reminders;

/// <summary>
/// Faults during a reminder pass, with the real pieces: <see cref="ReminderPass"/>, the ledger on Azurite, and the real
/// <see cref="AcsEmailSender"/> (HMAC access key) against <see cref="FakeAcsServer"/>, which remembers the operations it
/// accepted and, unless a test says otherwise, takes a repeated Operation-Id as a new mail (no de-duplication, the worst
/// case). "Exactly once" is counted where it matters: the mails the server took on.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReminderFaultTests(AzuriteFixture storage) : IAsyncLifetime
{
    // Made-up key: base64 of bytes 00..1F.
    private const string Token = "token-123";

    private static readonly IOptions<ReminderOptions> Settings = Options.Create(new ReminderOptions());
    private static readonly ReminderSchedule Schedule = new(Settings, new SwedishWorkingDayCalendar());
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ShortNetworkTimeout = TimeSpan.FromSeconds(1.5);

    private static readonly Contact[] Municipalities =
    [
        new("01", ContactRole.Municipality, "0114", "A", "a@kommun.test"),
        new("01", ContactRole.Municipality, "0115", "B", "b@kommun.test"),
        new("01", ContactRole.Municipality, "0117", "C", "c@kommun.test"),
        new("01", ContactRole.Municipality, "0120", "D", "d@kommun.test"),
    ];

    private static readonly string[] Recipients = Municipalities.Select(m => m.Email!).ToArray();

    private FakeAcsServer _acs = null!;

    public async Task InitializeAsync()
    {
        await storage.StartAsync(); // no-op when running; recovers from an outage test that failed half-way
        _acs = await FakeAcsServer.StartWithBearerTokenAsync(Token);
        _acs.TrackOperations = true;
        _acs.DuplicatePosts = DuplicatePostAnswer.NewMail;
    }

    public async Task DisposeAsync()
    {
        await _acs.DisposeAsync();
        await storage.StartAsync();
    }

    [Fact]
    public async Task StorageDownAfterSomeSends_LaterPassesSendEveryMailExactlyOnce()
    {
        var slot = FirstSlot(2061);
        var outage = new StorageOutageSender(CreateSender(), storage, stopAfterSends: 2);

        // The outcome of the second mail cannot be recorded: the pass fails (the timer's next run retries).
        await Assert.ThrowsAnyAsync<Exception>(() => Pass(outage).RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None));
        Assert.False(storage.IsRunning);
        Assert.Equal(2, _acs.AcceptedMails.Count);
        await storage.StartAsync();

        var interrupted = outage.Interrupted!;
        var before = await LedgerStatesAsync(slot);
        Assert.Equal(nameof(LedgerStatus.Sending), before[interrupted]!.Status);
        Assert.Equal(1, before.Values.Count(e => e?.Status == nameof(LedgerStatus.Sent)));
        Assert.Equal(2, before.Values.Count(e => e is null));

        // Within the claim lease the interrupted mail is left alone; the two never tried go out.
        var soon = await Pass(CreateSender()).RunAtAsync(slot.Moment.AddMinutes(5), DeadlineKind.GrantApplication, CancellationToken.None);
        Assert.Equal((2, 2, 0), (soon.Sent, soon.AlreadyHandled, soon.Failed));
        Assert.Equal(nameof(LedgerStatus.Sending), (await EntryAsync(slot, interrupted))!.Status);

        // After the lease the pass takes it over, asks the service about the operation and finds it sent: no new POST.
        var later = await Pass(CreateSender()).RunAtAsync(slot.Moment + Settings.Value.ClaimLease + TimeSpan.FromMinutes(1), DeadlineKind.GrantApplication, CancellationToken.None);
        Assert.Equal((1, 3, 0), (later.Sent, later.AlreadyHandled, later.Failed));
        Assert.Single(_acs.Sends, s => s.Headers["Operation-Id"] == OperationId(slot, interrupted).ToString("D"));
        Assert.Contains(_acs.Polls, p => p.PathAndQuery.Contains(OperationId(slot, interrupted).ToString("D"), StringComparison.Ordinal));

        var requests = _acs.Requests.Count;
        var again = await Pass(CreateSender()).RunAtAsync(slot.Moment.AddHours(2), DeadlineKind.GrantApplication, CancellationToken.None);
        Assert.Equal((0, 4), (again.Sent, again.AlreadyHandled));
        Assert.Equal(requests, _acs.Requests.Count);

        AssertOneMailPerRecipient(slot);
        var after = await LedgerStatesAsync(slot);
        Assert.All(after.Values, e => Assert.Equal(nameof(LedgerStatus.Sent), e!.Status));
        Assert.All(after.Values, e => Assert.NotNull(e!.SentAt));
        Assert.Equal(2, after[interrupted]!.Attempts);
        Assert.All(after.Where(e => e.Key != interrupted), e => Assert.Equal(1, e.Value!.Attempts));
    }

    [Fact]
    public async Task Throttled_WaitsRetryAfterAndSendsOnceInTheSamePass()
    {
        var slot = FirstSlot(2062);
        _acs.ScriptSendTo("b@kommun.test", 429, """{"error":{"code":"TooManyRequests"}}""", ("Retry-After", "1"), ("x-ms-error-code", "TooManyRequests"));

        var pass = await Pass(CreateSender()).RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Equal((4, 0), (pass.Sent, pass.Failed));
        var posts = SendsOf(slot, "b@kommun.test");
        Assert.Equal(2, posts.Length);
        Assert.True(posts[1].ReceivedAt - posts[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), "retried before Retry-After");
        Assert.Equal(posts[0].Body, posts[1].Body);
        // A 429 is a clear refusal: re-POSTed without a status request (the GET is the poll after acceptance).
        Assert.Equal(["POST", "POST", "GET"], RequestsOf(slot, "b@kommun.test").Select(r => r.Method));
        AssertOneMailPerRecipient(slot);
        var entry = await EntryAsync(slot, "b@kommun.test");
        Assert.Equal((nameof(LedgerStatus.Sent), 1, null), (entry!.Status, entry.Attempts, entry.LastError));
    }

    [Fact]
    public async Task ServerErrorsOutlastClientRetries_PendingThenSentByNextPassWithSameOperationId()
    {
        var slot = FirstSlot(2063);
        for (var i = 0; i < 4; i++)
        {
            _acs.ScriptSendTo("c@kommun.test", 500, """{"error":{"code":"InternalError"}}""", ("x-ms-error-code", "InternalError"));
        }

        var first = await Pass(CreateSender()).RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Equal((3, 1), (first.Sent, first.Failed));
        Assert.Equal(4, SendsOf(slot, "c@kommun.test").Length);
        // Each 500 may have hidden an acceptance: the status (404) is asked before every re-POST and after the last.
        Assert.Equal(["POST", "GET", "POST", "GET", "POST", "GET", "POST", "GET"], RequestsOf(slot, "c@kommun.test").Select(r => r.Method));
        var pending = await EntryAsync(slot, "c@kommun.test");
        Assert.Equal((nameof(LedgerStatus.Pending), 1, "InternalError"), (pending!.Status, pending.Attempts, pending.LastError));
        Assert.DoesNotContain(_acs.AcceptedMails, m => m.Recipient == "c@kommun.test");

        var second = await Pass(CreateSender()).RunAtAsync(slot.Moment.AddHours(1), DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Equal((1, 3, 0), (second.Sent, second.AlreadyHandled, second.Failed));
        var operationId = OperationId(slot, "c@kommun.test").ToString("D");
        Assert.Equal(operationId, pending.OperationId);
        var posts = SendsOf(slot, "c@kommun.test");
        Assert.Equal(5, posts.Length);
        // Before posting again the second pass asked whether an earlier attempt had gone through (it had not: 404).
        Assert.Equal(["GET", "POST", "GET"], RequestsOf(slot, "c@kommun.test").Skip(8).Select(r => r.Method));
        AssertOneMailPerRecipient(slot);
        var sent = await EntryAsync(slot, "c@kommun.test");
        Assert.Equal((nameof(LedgerStatus.Sent), 2), (sent!.Status, sent.Attempts));
    }

    [Fact]
    public async Task PermanentRefusal_RecordedRejectedAndNeverRetried()
    {
        var slot = FirstSlot(2064);
        _acs.ScriptSendTo("d@kommun.test", 400, """{"error":{"code":"InvalidRecipientAddress","message":"bad"}}""");

        var first = await Pass(CreateSender()).RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);
        var second = await Pass(CreateSender()).RunAtAsync(slot.Moment.AddHours(1), DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Equal((3, 1, 0), (first.Sent, first.Rejected, first.Failed));
        Assert.Equal((0, 4), (second.Sent, second.AlreadyHandled));
        var operationId = OperationId(slot, "d@kommun.test").ToString("D");
        Assert.Single(SendsOf(slot, "d@kommun.test"));
        Assert.DoesNotContain(_acs.Polls, p => p.PathAndQuery.Contains(operationId, StringComparison.Ordinal));
        Assert.DoesNotContain(_acs.AcceptedMails, m => m.Recipient == "d@kommun.test");
        var entry = await EntryAsync(slot, "d@kommun.test");
        Assert.Equal((nameof(LedgerStatus.Rejected), "InvalidRecipientAddress", 1), (entry!.Status, entry.LastError, entry.Attempts));
        Assert.Null(entry.SentAt);
    }

    [Theory]
    [InlineData(nameof(DuplicatePostAnswer.Recognised), 2065)]
    [InlineData(nameof(DuplicatePostAnswer.BadRequest), 2066)]
    [InlineData(nameof(DuplicatePostAnswer.NewMail), 2068)]
    public async Task ResponseLostToTimeout_StatusFoundSoNotPostedAgainAndLedgerSaysSent(string duplicatePosts, int year)
    {
        var slot = FirstSlot(year);
        _acs.DuplicatePosts = Enum.Parse<DuplicatePostAnswer>(duplicatePosts);
        _acs.HangSendTo("a@kommun.test", times: 1, Hang, acceptFirst: true);

        var pass = await Pass(CreateSender(ShortNetworkTimeout)).RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Equal((4, 0, 0), (pass.Sent, pass.Failed, pass.Rejected));
        // After the timeout the status is asked first; it is known, so no second POST.
        Assert.Equal(["POST", "GET"], RequestsOf(slot, "a@kommun.test").Select(r => r.Method));
        AssertOneMailPerRecipient(slot);
        var entry = await EntryAsync(slot, "a@kommun.test");
        Assert.Equal((nameof(LedgerStatus.Sent), 1), (entry!.Status, entry.Attempts));
    }

    [Fact]
    public async Task AcceptedButAnsweredServerError_StatusFoundSoNotPostedAgainAndLedgerSaysSent()
    {
        var slot = FirstSlot(2069);
        _acs.FailAfterAcceptingSendTo("c@kommun.test", 500, """{"error":{"code":"InternalError"}}""", ("x-ms-error-code", "InternalError"));

        var pass = await Pass(CreateSender()).RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Equal((4, 0, 0), (pass.Sent, pass.Failed, pass.Rejected));
        Assert.Equal(["POST", "GET"], RequestsOf(slot, "c@kommun.test").Select(r => r.Method));
        AssertOneMailPerRecipient(slot);
        var entry = await EntryAsync(slot, "c@kommun.test");
        Assert.Equal((nameof(LedgerStatus.Sent), 1, null), (entry!.Status, entry.Attempts, entry.LastError));
    }

    [Fact]
    public async Task ResponseAndStatusLost_PendingWithoutPostingAgainAndNextPassFindsTheMailSent()
    {
        var slot = FirstSlot(2067);
        _acs.HangSendTo("b@kommun.test", times: 1, Hang, acceptFirst: true);
        _acs.HangPollsOf("b@kommun.test", times: 2, Hang);

        var first = await Pass(CreateSender(ShortNetworkTimeout, maxRetries: 1)).RunAtAsync(slot.Moment, DeadlineKind.GrantApplication, CancellationToken.None);

        // The POST timed out and the status request (both of its tries) too: with nothing known the mail is not
        // POSTed again; the pass carries on with the others.
        Assert.Equal((3, 1), (first.Sent, first.Failed));
        Assert.Equal(["POST", "GET", "GET"], RequestsOf(slot, "b@kommun.test").Select(r => r.Method));
        var pending = await EntryAsync(slot, "b@kommun.test");
        Assert.Equal((nameof(LedgerStatus.Pending), "Timeout"), (pending!.Status, pending.LastError));

        var second = await Pass(CreateSender()).RunAtAsync(slot.Moment.AddHours(1), DeadlineKind.GrantApplication, CancellationToken.None);

        Assert.Equal((1, 3), (second.Sent, second.AlreadyHandled));
        Assert.Single(SendsOf(slot, "b@kommun.test"));
        AssertOneMailPerRecipient(slot);
        var sent = await EntryAsync(slot, "b@kommun.test");
        Assert.Equal((nameof(LedgerStatus.Sent), 2), (sent!.Status, sent.Attempts));
    }

    private void AssertOneMailPerRecipient(ReminderSlot slot)
    {
        var accepted = _acs.AcceptedMails.ToArray();
        Assert.Equal(Recipients.Order(StringComparer.Ordinal), accepted.Select(m => m.Recipient).Order(StringComparer.Ordinal));
        Assert.All(accepted, m => Assert.Equal(OperationId(slot, m.Recipient).ToString("D"), m.OperationId));
        Assert.All(_acs.Requests, r => Assert.True(r.Authenticated, r.Method + " " + r.PathAndQuery));
    }

    /// <summary>The POSTs and status requests of one mail's operation, in the order they arrived.</summary>
    private RecordedRequest[] RequestsOf(ReminderSlot slot, string recipient)
    {
        var operationId = OperationId(slot, recipient).ToString("D");
        return _acs.Requests
            .Where(r => r.Headers.GetValueOrDefault("Operation-Id") == operationId || r.PathAndQuery.Contains(operationId, StringComparison.Ordinal))
            .ToArray();
    }

    private RecordedRequest[] SendsOf(ReminderSlot slot, string recipient)
    {
        var operationId = OperationId(slot, recipient).ToString("D");
        return _acs.Sends.Where(s => s.Headers.GetValueOrDefault("Operation-Id") == operationId).OrderBy(s => s.ReceivedAt).ToArray();
    }

    private async Task<Dictionary<string, ReminderLedgerEntity?>> LedgerStatesAsync(ReminderSlot slot)
    {
        var states = new Dictionary<string, ReminderLedgerEntity?>(StringComparer.Ordinal);
        foreach (var recipient in Recipients)
        {
            states[recipient] = await EntryAsync(slot, recipient);
        }

        return states;
    }

    private Task<ReminderLedgerEntity?> EntryAsync(ReminderSlot slot, string recipient) =>
        new ReminderLedger(Tables(), Settings).FindAsync(Mail(slot, recipient), CancellationToken.None);

    private static Guid OperationId(ReminderSlot slot, string recipient)
    {
        var (partitionKey, rowKey) = ReminderLedger.KeyOf(Mail(slot, recipient));
        return ReminderLedger.OperationIdOf(partitionKey, rowKey);
    }

    private static ReminderSlot FirstSlot(int year) => Schedule.SlotsOf(Schedule.DeadlineOf(DeadlineKind.GrantApplication, year))[0];

    private static ReminderMail Mail(ReminderSlot slot, string to) => new(slot, ReminderAudience.MunicipalityContact, to, "", "", "");

    /// <summary>Storage clients that give up within a second when Azurite is down (the defaults take about 6 s).</summary>
    private TableServiceClient Tables()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        return new TableServiceClient(storage.ConnectionString, options);
    }

    private ReminderPass Pass(IEmailSender sender)
    {
        var contacts = new Mock<IContactDirectory>();
        contacts.Setup(c => c.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Municipalities);
        var targeting = new ReminderTargeting(
            ReminderPassTests.LastYearsReportsOf(Municipalities).Object,
            contacts.Object,
            MunicipalityRegistry.Default,
            new ReminderMailRenderer(Settings));
        return new ReminderPass(Schedule, targeting, new ReminderLedger(Tables(), Settings), sender, TimeProvider.System, NullLogger<ReminderPass>.Instance);
    }

    private AcsEmailSender CreateSender(TimeSpan? networkTimeout = null, int maxRetries = 3)
    {
        var options = new EmailOptions
        {
            Mode = EmailMode.Acs,
            Endpoint = _acs.Endpoint.ToString(),
            SenderAddress = "noreply@pointake.test",
            PollInterval = TimeSpan.FromMilliseconds(20),
            PollTimeout = TimeSpan.FromSeconds(10),
        };
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _acs.Certificate.Thumbprint,
        };
        var clientOptions = new AcsEmailClientOptions { Transport = new HttpClientTransport(handler) };
        clientOptions.Retry.MaxRetries = maxRetries;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(20);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        if (networkTimeout is { } timeout)
        {
            clientOptions.Retry.NetworkTimeout = timeout;
        }

        return new AcsEmailSender(options, new FixedTokenCredential(Token), TimeProvider.System, NullLogger.Instance, clientOptions);
    }

    /// <summary>Passes mails on, and stops Azurite right after the n-th accepted one, before the pass can record it.</summary>
    private sealed class StorageOutageSender(IEmailSender inner, AzuriteFixture storage, int stopAfterSends) : IEmailSender
    {
        private int _sent;

        public string? Interrupted { get; private set; }

        public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            var result = await inner.SendAsync(message, cancellationToken);
            if (result.Status == EmailSendStatus.Sent && Interlocked.Increment(ref _sent) == stopAfterSends)
            {
                Interrupted = message.To;
                await storage.StopAsync();
            }

            return result;
        }
    }
}
