using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PoIntake.Core.Email;

/// <summary>
/// ACS access-key signing: per attempt, HMAC-SHA256 over "METHOD\npathAndQuery\ndate;host;contentHash" with the
/// base64-decoded key, sent as x-ms-date, x-ms-content-sha256 and Authorization (briefs/acs-email.md §4a).
/// </summary>
internal sealed class AcsHmacPolicy(byte[] accessKey, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var contentHash = ContentHash(message.Request.Content, message.CancellationToken);
        var uri = message.Request.Uri.ToUri();
        var date = timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var signature = Sign(accessKey, message.Request.Method.Method, uri.PathAndQuery, date, uri.Authority, contentHash);
        message.Request.Headers.SetValue("x-ms-date", date);
        message.Request.Headers.SetValue("Date", date);
        message.Request.Headers.SetValue("x-ms-content-sha256", contentHash);
        message.Request.Headers.SetValue(
            "Authorization",
            "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
    }

    public static string Sign(byte[] key, string method, string pathAndQuery, string date, string host, string contentHash)
    {
        var stringToSign = method.ToUpperInvariant() + "\n" + pathAndQuery + "\n" + date + ";" + host + ";" + contentHash;
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static string ContentHash(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    private static string ContentHash(RequestContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return ContentHash([]);
        }

        using var buffer = new MemoryStream();
        content.WriteTo(buffer, cancellationToken);
        return ContentHash(buffer.ToArray());
    }
}
