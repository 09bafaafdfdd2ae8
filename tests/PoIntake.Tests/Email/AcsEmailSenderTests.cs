using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using PoIntake.Core.Email;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Email;

public sealed class AcsEmailSenderTests : IAsyncLifetime
{
    private const string Token = "token-123";

    private FakeAcsServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAcsServer.StartWithBearerTokenAsync(Token);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Send_ServerAcceptsTokenAndMailSucceeds()
    {
        var message = Message();

        var result = await CreateSender().SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.All(_server.Requests, r => Assert.True(r.Authenticated, r.Method + " " + r.PathAndQuery));
        var send = Assert.Single(_server.Sends);
        Assert.Equal("/emails:send?api-version=2025-09-01", send.PathAndQuery);
        Assert.Equal(message.IdempotencyKey.ToString("D"), send.Headers["Operation-Id"]);
        Assert.StartsWith("application/json", send.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(send.Body);
        Assert.Equal("noreply@pointake.test", json.RootElement.GetProperty("senderAddress").GetString());
        var to = json.RootElement.GetProperty("recipients").GetProperty("to");
        Assert.Equal("anna@kommun.test", Assert.Single(to.EnumerateArray()).GetProperty("address").GetString());
        Assert.False(json.RootElement.GetProperty("recipients").TryGetProperty("cc", out _));
        Assert.Equal("Påminnelse: årsrapport", json.RootElement.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal("<p>Hej &amp; välkommen</p>", json.RootElement.GetProperty("content").GetProperty("html").GetString());
        var poll = Assert.Single(_server.Polls);
        Assert.Equal($"/emails/operations/{message.IdempotencyKey:D}?api-version=2025-09-01", poll.PathAndQuery);
    }

    [Fact]
    public async Task Send_WrongToken_PermanentFailureWithServiceCode()
    {
        var sender = CreateSender(token: "another-token");

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.Equal("Denied", result.ErrorCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Send_Throttled_WaitsRetryAfterThenRetriesSameOperationIdWithoutStatusCheck()
    {
        _server.TrackOperations = true;
        _server.ScriptSend(429, """{"error":{"code":"TooManyRequests"}}""", ("Retry-After", "1"));

        var result = await CreateSender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        var sends = _server.Sends.ToArray();
        Assert.Equal(2, sends.Length);
        Assert.True(sends[1].ReceivedAt - sends[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), "retried before Retry-After");
        Assert.Equal(sends[0].Headers["Operation-Id"], sends[1].Headers["Operation-Id"]);
        Assert.Equal(sends[0].Body, sends[1].Body);
        Assert.All(sends, send => Assert.True(send.Authenticated));
        Assert.All(sends, s => Assert.True(s.Authenticated));
        // A 429 is a clear refusal: re-POSTed directly; the only status request is the poll after acceptance.
        Assert.Equal(["POST", "POST", "GET"], _server.Requests.Select(r => r.Method));
        Assert.Single(_server.AcceptedMails);
    }

    [Fact]
    public async Task Send_ServerErrorsBeforeAcceptance_AsksStatusBeforeEachRepostThenSucceeds()
    {
        _server.TrackOperations = true;
        _server.DuplicatePosts = DuplicatePostAnswer.NewMail;
        _server.ScriptSend(500, """{"error":{"code":"InternalError"}}""");
        _server.ScriptSend(503);

        var result = await CreateSender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.Equal(["POST", "GET", "POST", "GET", "POST", "GET"], _server.Requests.Select(r => r.Method));
        Assert.Equal(3, _server.Sends.Count());
        Assert.Single(_server.AcceptedMails);
    }

    [Fact]
    public async Task Send_ServerErrorsOutlastRetries_TransientFailure()
    {
        _server.TrackOperations = true;
        for (var i = 0; i < 4; i++)
        {
            _server.ScriptSend(500, """{"error":{"code":"InternalError"}}""", ("x-ms-error-code", "InternalError"));
        }

        var result = await CreateSender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.Equal("InternalError", result.ErrorCode);
        Assert.Equal(4, _server.Sends.Count());
        // The last answer is checked as well: every 500 is followed by a status request (404 here).
        Assert.Equal(4, _server.Polls.Count());
        Assert.Empty(_server.AcceptedMails);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Send_AcceptedButAnsweredServerError_ServiceWithoutDeduplicationStillGetsOnePost(int status)
    {
        _server.TrackOperations = true;
        _server.DuplicatePosts = DuplicatePostAnswer.NewMail;
        var message = Message();
        _server.FailAfterAcceptingSendTo(message.To, status, """{"error":{"code":"InternalError"}}""");

        var result = await CreateSender().SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.Single(_server.Sends);
        Assert.Equal(message.IdempotencyKey.ToString("D"), Assert.Single(_server.AcceptedMails).OperationId);
        Assert.Equal(["POST", "GET"], _server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Send_AcceptedButAnswerLostToTimeout_ServiceWithoutDeduplicationStillGetsOnePost()
    {
        _server.TrackOperations = true;
        _server.DuplicatePosts = DuplicatePostAnswer.NewMail;
        var message = Message();
        _server.HangSendTo(message.To, times: 1, TimeSpan.FromSeconds(20), acceptFirst: true);

        var result = await CreateSender(networkTimeout: TimeSpan.FromSeconds(1)).SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.Single(_server.Sends);
        Assert.Single(_server.AcceptedMails);
    }

    [Fact]
    public async Task Send_AcceptedThenEveryPollTimesOut_TransientWithoutPostingAgain()
    {
        _server.TrackOperations = true;
        _server.DuplicatePosts = DuplicatePostAnswer.NewMail;
        var message = Message();
        _server.HangPollsOf(message.To, times: 4, TimeSpan.FromSeconds(20));

        // 2 s, not less: the POST itself must be answered inside the timeout even on a loaded 2-core machine (at 0.5 s a
        // slow POST timed out, so the sender rightly asked for the operation before re-posting and the premise broke).
        var result = await CreateSender(networkTimeout: TimeSpan.FromSeconds(2)).SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.Equal("Timeout", result.ErrorCode);
        Assert.Equal(["POST", "GET", "GET", "GET", "GET"], _server.Requests.Select(r => r.Method));
        Assert.Single(_server.AcceptedMails);
    }

    [Fact]
    public async Task Send_RepeatAfterServerErrorRefusedAsDuplicate_AsksStatusAndReportsSent()
    {
        // The status said 404 after the 500, yet the repeat is refused as a known id (accepted in between):
        // the service has the mail, so it is not a rejection.
        _server.ScriptSend(500);
        _server.ScriptPoll(404, """{"error":{"code":"NotFound"}}""");
        _server.ScriptSend(400, """{"error":{"code":"OperationIdAlreadyExists"}}""");

        var result = await CreateSender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.Equal(["POST", "GET", "POST", "GET"], _server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Send_ServiceUnreachableThroughAllRetries_TransientNotThrown()
    {
        // A port nobody listens on: every try is refused, and the retry policy throws all of them together.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await CreateSender(endpoint: $"https://127.0.0.1:{port}/").SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.Equal("TransportError", result.ErrorCode);
    }

    [Fact]
    public async Task Send_ConnectionRefused_RepostedWithoutStatusCheck()
    {
        // A refused connection cannot have delivered anything, so no status request is needed before the next POST.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var logs = new CapturingLoggerProvider();

        var result = await CreateSender(endpoint: $"https://127.0.0.1:{port}/", logger: logs.CreateLogger("acs"))
            .SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.Equal("TransportError", result.ErrorCode);
        var retries = logs.Entries.Where(e => e.Message.Contains("send try", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, retries.Length);
        Assert.All(retries, e => Assert.EndsWith("(status check first: False)", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_BadRequest_PermanentFailureNotRetried()
    {
        _server.ScriptSend(400, """{"error":{"code":"InvalidRecipientAddress","message":"bad"}}""");

        var result = await CreateSender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.Equal("InvalidRecipientAddress", result.ErrorCode);
        Assert.Single(_server.Sends);
        Assert.Empty(_server.Polls);
    }

    [Fact]
    public async Task Send_OperationRunsThenFails_PollsUntilTerminalAndReportsErrorCode()
    {
        var message = Message();
        _server.ScriptPoll(200, $$"""{"id":"{{message.IdempotencyKey}}","status":"NotStarted"}""", ("retry-after", "0"));
        _server.ScriptPoll(200, $$"""{"id":"{{message.IdempotencyKey}}","status":"Running"}""");
        _server.ScriptPoll(200, "{\"id\":\"" + message.IdempotencyKey + "\",\"status\":\"Failed\",\"error\":{\"code\":\"EmailDropped\",\"message\":\"dropped\"}}");

        var result = await CreateSender().SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.Equal("EmailDropped", result.ErrorCode);
        Assert.Equal(3, _server.Polls.Count());
    }

    [Fact]
    public async Task Send_OperationNeverFinishes_TransientAfterPollTimeout()
    {
        for (var i = 0; i < 50; i++)
        {
            _server.ScriptPoll(200, """{"id":"x","status":"Running"}""");
        }

        var result = await CreateSender(pollTimeout: TimeSpan.FromMilliseconds(300)).SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.Equal("PollTimeout", result.ErrorCode);
    }

    [Fact]
    public async Task Send_MayHaveBeenSentAndServiceHasIt_DoesNotPostAgain()
    {
        var message = Message() with { MayHaveBeenSent = true };

        var result = await CreateSender().SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.Empty(_server.Sends);
        Assert.Single(_server.Polls);
    }

    [Fact]
    public async Task Send_MayHaveBeenSentButServiceDoesNotKnowIt_Posts()
    {
        var message = Message() with { MayHaveBeenSent = true };
        _server.ScriptPoll(404, """{"error":{"code":"NotFound"}}""");

        var result = await CreateSender().SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.Single(_server.Sends);
    }

    [Fact]
    public async Task Send_TokenCredential_SendsBearerTokenForAcsScope()
    {
        await using var server = await FakeAcsServer.StartWithBearerTokenAsync(Token);
        var credential = new FixedTokenCredential(Token);
        var options = new EmailOptions
        {
            Mode = EmailMode.Acs,
            Endpoint = server.Endpoint.ToString(),
            SenderAddress = "noreply@pointake.test",
            PollInterval = TimeSpan.FromMilliseconds(20),
        };
        var sender = new AcsEmailSender(options, credential, TimeProvider.System, NullLogger.Instance, ClientOptions(server));

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.All(server.Requests, r => Assert.True(r.Authenticated));
        Assert.Contains("https://communication.azure.com//.default", credential.Scopes);
        Assert.All(server.Requests, r => Assert.False(r.Headers.ContainsKey("x-ms-date")));
    }

    private static EmailMessage Message() => new(
        "anna@kommun.test",
        "Påminnelse: årsrapport",
        "Hej & välkommen",
        "<p>Hej &amp; välkommen</p>",
        Guid.NewGuid());

    private AcsEmailSender CreateSender(
        string? endpoint = null, string token = Token, TimeSpan? pollTimeout = null, TimeSpan? networkTimeout = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var options = new EmailOptions
        {
            Mode = EmailMode.Acs,
            Endpoint = endpoint ?? _server.Endpoint.ToString(),
            SenderAddress = "noreply@pointake.test",
            PollInterval = TimeSpan.FromMilliseconds(20),
            PollTimeout = pollTimeout ?? TimeSpan.FromSeconds(30),
        };
        var clientOptions = ClientOptions(_server);
        if (networkTimeout is { } timeout)
        {
            clientOptions.Retry.NetworkTimeout = timeout;
        }

        return new AcsEmailSender(options, new FixedTokenCredential(token), TimeProvider.System, logger ?? NullLogger.Instance, clientOptions);
    }

    private static AcsEmailClientOptions ClientOptions(FakeAcsServer server)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == server.Certificate.Thumbprint,
        };
        var options = new AcsEmailClientOptions { Transport = new HttpClientTransport(handler) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        return options;
    }
}
