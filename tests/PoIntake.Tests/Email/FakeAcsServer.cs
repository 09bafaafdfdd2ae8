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
/// A local stand-in for ACS Email on https://127.0.0.1:{random port}: verifies every request's HMAC signature the way
/// the service does (or the bearer token), and answers from scripted send/poll responses.
/// </summary>
internal sealed class FakeAcsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[]? _accessKey;
    private readonly string? _bearerToken;
    private readonly ConcurrentQueue<Scripted> _sendScript = new();
    private readonly ConcurrentQueue<Scripted> _pollScript = new();

    private FakeAcsServer(WebApplication app, byte[]? accessKey, string? bearerToken)
    {
        _app = app;
        _accessKey = accessKey;
        _bearerToken = bearerToken;
    }

    public X509Certificate2 Certificate { get; private init; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IEnumerable<RecordedRequest> Sends => Requests.Where(r => r.Method == "POST");

    public IEnumerable<RecordedRequest> Polls => Requests.Where(r => r.Method == "GET");

    public static Task<FakeAcsServer> StartWithAccessKeyAsync(byte[] accessKey) => StartAsync(accessKey, null);

    public static Task<FakeAcsServer> StartWithBearerTokenAsync(string token) => StartAsync(null, token);

    public void ScriptSend(int status, string? body = null, params (string Name, string Value)[] headers) =>
        _sendScript.Enqueue(new Scripted(status, body, headers));

    public void ScriptPoll(int status, string? body = null, params (string Name, string Value)[] headers) =>
        _pollScript.Enqueue(new Scripted(status, body, headers));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private static async Task<FakeAcsServer> StartAsync(byte[]? accessKey, string? bearerToken)
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new FakeAcsServer(app, accessKey, bearerToken) { Certificate = certificate };
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
        var authenticated = _accessKey is not null
            ? VerifyHmac(context.Request.Method, rawTarget, context.Request.Host.Value ?? string.Empty, headers, body, _accessKey)
            : headers.GetValueOrDefault("Authorization") == "Bearer " + _bearerToken && !headers.ContainsKey("x-ms-content-sha256");
        Requests.Enqueue(new RecordedRequest(context.Request.Method, rawTarget, headers, body, DateTimeOffset.UtcNow, authenticated));

        if (!authenticated)
        {
            await Respond(context, new Scripted(401, """{"error":{"code":"Denied","message":"Denied by the fake."}}""", [("x-ms-error-code", "Denied")]));
            return;
        }

        if (context.Request.Method == "POST" && context.Request.Path == "/emails:send")
        {
            var operationId = headers.GetValueOrDefault("Operation-Id") ?? Guid.NewGuid().ToString();
            await Respond(context, _sendScript.TryDequeue(out var scripted)
                ? scripted
                : new Scripted(202, $$"""{"id":"{{operationId}}","status":"Running"}""", [("Operation-Location", Endpoint + "emails/operations/" + operationId)]));
            return;
        }

        if (context.Request.Method == "GET" && context.Request.Path.StartsWithSegments("/emails/operations", out var rest))
        {
            var operationId = rest.Value!.TrimStart('/');
            await Respond(context, _pollScript.TryDequeue(out var scripted)
                ? scripted
                : new Scripted(200, $$"""{"id":"{{operationId}}","status":"Succeeded"}""", []));
            return;
        }

        await Respond(context, new Scripted(404, """{"error":{"code":"NotFound"}}""", []));
    }

    /// <summary>Recomputes the signature independently of the client code, as the service does.</summary>
    private static bool VerifyHmac(string method, string pathAndQuery, string host, Dictionary<string, string> headers, byte[] body, byte[] key)
    {
        if (!headers.TryGetValue("x-ms-date", out var date) ||
            !headers.TryGetValue("x-ms-content-sha256", out var contentHash) ||
            !headers.TryGetValue("Authorization", out var authorization))
        {
            return false;
        }

        using var sha = SHA256.Create();
        if (contentHash != Convert.ToBase64String(sha.ComputeHash(body)))
        {
            return false;
        }

        var toSign = $"{method}\n{pathAndQuery}\n{date};{host};{contentHash}";
        using var hmac = new HMACSHA256(key);
        var expected = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" +
                       Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(toSign)));
        return authorization == expected;
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

    private sealed record Scripted(int Status, string? Body, (string Name, string Value)[] Headers);
}

internal sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt,
    bool Authenticated);
