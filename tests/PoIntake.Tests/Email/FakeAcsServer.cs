using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PoIntake.Tests.Email;

/// <summary>
/// A local stand-in for ACS Email on https://127.0.0.1:{random port}: checks every request's bearer token, and answers from scripted send/poll responses. With
/// <see cref="TrackOperations"/> it also remembers the operations it accepted, as the service does: a status request
/// for an unknown id is 404, and a POST repeating a known Operation-Id is answered per <see cref="DuplicatePosts"/>
/// (the worst case, <see cref="DuplicatePostAnswer.NewMail"/>, sends a second mail).
/// </summary>
internal sealed class FakeAcsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _bearerToken;
    private readonly ConcurrentQueue<Scripted> _sendScript = new();
    private readonly ConcurrentQueue<Scripted> _pollScript = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Scripted>> _sendScriptByRecipient = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Scripted>> _pollScriptByRecipient = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _operations = new(StringComparer.OrdinalIgnoreCase);

    private FakeAcsServer(WebApplication app, string bearerToken)
    {
        _app = app;
        _bearerToken = bearerToken;
    }

    public X509Certificate2 Certificate { get; private init; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IEnumerable<RecordedRequest> Sends => Requests.Where(r => r.Method == "POST");

    public IEnumerable<RecordedRequest> Polls => Requests.Where(r => r.Method == "GET");

    /// <summary>Remember accepted operations (404 for unknown ones, duplicate POSTs recognised); off by default.</summary>
    public bool TrackOperations { get; set; }

    /// <summary>How a POST repeating an accepted Operation-Id is answered when <see cref="TrackOperations"/> is on.</summary>
    public DuplicatePostAnswer DuplicatePosts { get; set; } = DuplicatePostAnswer.Recognised;

    /// <summary>Every mail the server took on (one per accepted operation): what actually leaves for the recipient.</summary>
    public ConcurrentQueue<AcceptedMail> AcceptedMails { get; } = new();

    public static Task<FakeAcsServer> StartWithBearerTokenAsync(string token) => StartAsync(token);

    public void ScriptSend(int status, string? body = null, params (string Name, string Value)[] headers) =>
        _sendScript.Enqueue(new Scripted(status, body, headers));

    /// <summary>The next POST to <paramref name="recipient"/> gets this answer (before the global script).</summary>
    public void ScriptSendTo(string recipient, int status, string? body = null, params (string Name, string Value)[] headers) =>
        SendScriptOf(recipient).Enqueue(new Scripted(status, body, headers));

    /// <summary>
    /// The next <paramref name="times"/> POSTs to <paramref name="recipient"/> get no answer for <paramref name="hang"/>
    /// (the client times out first); with <paramref name="acceptFirst"/> the first of them is accepted, so the mail goes
    /// out and only the response is lost.
    /// </summary>
    public void HangSendTo(string recipient, int times, TimeSpan hang, bool acceptFirst)
    {
        for (var i = 0; i < times; i++)
        {
            SendScriptOf(recipient).Enqueue(new Scripted(503, null, [], hang, Accept: acceptFirst && i == 0));
        }
    }

    /// <summary>The next POST to <paramref name="recipient"/> is accepted (the mail goes out) but answered <paramref name="status"/>.</summary>
    public void FailAfterAcceptingSendTo(string recipient, int status, string? body = null, params (string Name, string Value)[] headers) =>
        SendScriptOf(recipient).Enqueue(new Scripted(status, body, headers, Accept: true));

    /// <summary>The next <paramref name="times"/> status requests for an accepted mail to <paramref name="recipient"/> get no answer for <paramref name="hang"/>.</summary>
    public void HangPollsOf(string recipient, int times, TimeSpan hang)
    {
        var script = _pollScriptByRecipient.GetOrAdd(recipient, _ => new ConcurrentQueue<Scripted>());
        for (var i = 0; i < times; i++)
        {
            script.Enqueue(new Scripted(503, null, [], hang));
        }
    }

    public void ScriptPoll(int status, string? body = null, params (string Name, string Value)[] headers) =>
        _pollScript.Enqueue(new Scripted(status, body, headers));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private static async Task<FakeAcsServer> StartAsync(string bearerToken)
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new FakeAcsServer(app, bearerToken) { Certificate = certificate };
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var authenticated = headers.GetValueOrDefault("Authorization") == "Bearer " + _bearerToken;
        Requests.Enqueue(new RecordedRequest(context.Request.Method, rawTarget, headers, body, DateTimeOffset.UtcNow, authenticated));

        if (!authenticated)
        {
            await Respond(context, new Scripted(401, """{"error":{"code":"Denied","message":"Denied by the fake."}}""", [("x-ms-error-code", "Denied")]));
            return;
        }

        if (context.Request.Method == "POST" && context.Request.Path == "/emails:send")
        {
            var operationId = headers.GetValueOrDefault("Operation-Id") ?? Guid.NewGuid().ToString();
            var recipient = RecipientOf(body);
            if ((_sendScriptByRecipient.TryGetValue(recipient, out var own) && own.TryDequeue(out var scripted)) ||
                _sendScript.TryDequeue(out scripted))
            {
                if (scripted.Accept || scripted.Status == 202)
                {
                    Accept(operationId, recipient);
                }

                await RespondAfterDelay(context, scripted);
                return;
            }

            var running = new Scripted(202, $$"""{"id":"{{operationId}}","status":"Running"}""", [("Operation-Location", Endpoint + "emails/operations/" + operationId)]);
            var firstOfItsId = Accept(operationId, recipient);
            if (!TrackOperations || firstOfItsId || DuplicatePosts == DuplicatePostAnswer.Recognised)
            {
                await Respond(context, running);
                return;
            }

            await Respond(context, new Scripted(400, """{"error":{"code":"OperationIdAlreadyExists","message":"An operation with this id exists."}}""", []));
            return;
        }

        if (context.Request.Method == "GET" && context.Request.Path.StartsWithSegments("/emails/operations", out var rest))
        {
            var operationId = rest.Value!.TrimStart('/');
            var known = _operations.TryGetValue(operationId, out var recipient);
            await RespondAfterDelay(context, (known && _pollScriptByRecipient.TryGetValue(recipient!, out var own) && own.TryDequeue(out var scripted)) ||
                                             _pollScript.TryDequeue(out scripted)
                ? scripted
                : TrackOperations && !known
                    ? new Scripted(404, """{"error":{"code":"NotFound"}}""", [("x-ms-error-code", "NotFound")])
                    : new Scripted(200, $$"""{"id":"{{operationId}}","status":"Succeeded"}""", []));
            return;
        }

        await Respond(context, new Scripted(404, """{"error":{"code":"NotFound"}}""", []));
    }

    private ConcurrentQueue<Scripted> SendScriptOf(string recipient) => _sendScriptByRecipient.GetOrAdd(recipient, _ => new ConcurrentQueue<Scripted>());

    /// <summary>Takes the mail on; false when this Operation-Id was accepted before and is recognised (no second mail).</summary>
    private bool Accept(string operationId, string recipient)
    {
        if (!_operations.TryAdd(operationId, recipient) && !(TrackOperations && DuplicatePosts == DuplicatePostAnswer.NewMail))
        {
            return false;
        }

        AcceptedMails.Enqueue(new AcceptedMail(operationId, recipient));
        return true;
    }

    private static string RecipientOf(byte[] body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.GetProperty("recipients").GetProperty("to")[0].GetProperty("address").GetString() ?? string.Empty;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return string.Empty;
        }
    }

    private static async Task RespondAfterDelay(HttpContext context, Scripted scripted)
    {
        if (scripted.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(scripted.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up waiting: the answer is lost, as on a real network.
                return;
            }
        }

        await Respond(context, scripted);
    }

    private static async Task Respond(HttpContext context, Scripted scripted)
    {
        context.Response.StatusCode = scripted.Status;
        foreach (var (name, value) in scripted.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (scripted.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(scripted.Body);
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private sealed record Scripted(int Status, string? Body, (string Name, string Value)[] Headers, TimeSpan Delay = default, bool Accept = false);
}

internal enum DuplicatePostAnswer
{
    /// <summary>202 with the existing operation (the Azure API guidelines' rule for an identical retry).</summary>
    Recognised,

    /// <summary>400, as reported for ACS in azure-sdk-for-net#50889 (the mail was accepted the first time).</summary>
    BadRequest,

    /// <summary>No de-duplication and no 400: the repeat is accepted as a new mail, which goes out a second time.</summary>
    NewMail,
}

internal sealed record AcceptedMail(string OperationId, string Recipient);

internal sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt,
    bool Authenticated);

/// <summary>A TokenCredential that hands out one fixed token and records the scopes asked for.</summary>
internal sealed class FixedTokenCredential(string token) : Azure.Core.TokenCredential
{
    public List<string> Scopes { get; } = [];

    public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (Scopes)
        {
            Scopes.AddRange(requestContext.Scopes);
        }

        return new Azure.Core.AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
