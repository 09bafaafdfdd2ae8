using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Totals;
using PoIntake.Core.Upload;

namespace PoIntake.Functions.Http;

/// <summary>JSON and problem answers shared by the HTTP functions; bodies serialised with <see cref="TotalsJson.Options"/>.</summary>
internal static class HttpResults
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Says on an exact answer (totals JSON and csv) that it is not for publication: person counts 1–3 are in it as they
    /// are; the xlsx tables and the draft lägesrapport are the suppressed ones to publish. ASCII, as HTTP header values are.
    /// </summary>
    public const string PublicationHeader = "X-PoIntake-Publication";

    public const string NotForPublication = "exact figures, not for publication; publish the xlsx tables or the draft report, where counts 1-3 are hidden";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    public static ContentResult Json(object value, int statusCode = StatusCodes.Status200OK) => new()
    {
        StatusCode = statusCode,
        ContentType = JsonContentType,
        Content = JsonSerializer.Serialize(value, value.GetType(), TotalsJson.Options),
    };

    /// <summary>
    /// The last line of defence around one HTTP function invocation, applied by <see cref="ProblemMiddleware"/> in the
    /// worker (in Azure and behind devhost alike): null when <paramref name="invoke"/> completed, else the 500 problem that stands
    /// in for its result. An unexpected exception (storage down, a bug) never reaches the caller, so no exception type or
    /// stack trace can leak; it goes to the log only. A cancelled request stays cancelled (never a 500).
    /// </summary>
    public static async Task<ContentResult?> CatchUnexpectedAsync(Func<Task> invoke, ILogger logger, string function, CancellationToken cancellationToken)
    {
        try
        {
            await invoke();
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The last line of defence of an HTTP function: every other failure is a 500 problem.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, ex, function);
            return Problem(
                StatusCodes.Status500InternalServerError,
                "Internt fel",
                "Ett oväntat fel inträffade. Försök igen om en stund; kvarstår felet, kontakta förvaltningen av tjänsten.");
        }
    }

    /// <summary>An RFC 9457 problem body; never carries exception text or stack traces.</summary>
    public static ContentResult Problem(int statusCode, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = $"https://httpstatuses.io/{statusCode}",
            ["title"] = title,
            ["status"] = statusCode,
            ["detail"] = detail,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        return new ContentResult
        {
            StatusCode = statusCode,
            ContentType = ProblemContentType,
            Content = JsonSerializer.Serialize(body, TotalsJson.Options),
        };
    }

    /// <summary>A refusal from core as a problem.</summary>
    public static ContentResult Problem(int statusCode, UploadRefusal refusal) => Problem(statusCode, refusal.Title, refusal.Detail);

    /// <summary>
    /// The request body, or null when it is longer than <paramref name="maxBytes"/>. The limit is enforced on the stream
    /// (a declared Content-Length over it is refused before reading; a chunked body is cut off one byte past it), so
    /// a caller cannot make the function buffer more than the limit by leaving Content-Length out or lying in it.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>
    /// The body of a workbook upload, or the answer that refuses it: 413 over <paramref name="maxBodyBytes"/> (counted on
    /// the stream), 400 when empty. The report and the grant register uploads share it.
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte> Body, ContentResult? Refusal)> ReadUploadAsync(HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (await ReadBodyAsync(request, maxBodyBytes, cancellationToken) is not { } buffer)
        {
            return (default, Problem(StatusCodes.Status413PayloadTooLarge, ReportUploadService.TooLarge(maxBodyBytes)));
        }

        return buffer.Length == 0 ? (default, Problem(StatusCodes.Status400BadRequest, ReportUploadService.NoFile)) : (buffer, null);
    }

    /// <summary>Findings as an upload answer lists them (severity as its name).</summary>
    public static IEnumerable<object> Findings(IEnumerable<Finding> findings) => findings.Select(f => new
    {
        f.Code,
        Severity = f.Severity.ToString(),
        f.Sheet,
        f.Cell,
        f.Field,
        f.Message,
        f.Fix,
    });

    /// <summary>The 404 of a national route for a year without accepted reports.</summary>
    public static ContentResult NoAcceptedReports(int year, string? consequence = null) => Problem(
        StatusCodes.Status404NotFound,
        "Inga uppgifter för året",
        $"Det finns inga godkända redovisningar för {year}{consequence}.");

    /// <summary>The <c>?format=</c> a caller asked for, trimmed and lower-case; empty when none (each route's default).</summary>
    public static string FormatOf(HttpRequest request) => request.Query["format"].ToString().Trim().ToLowerInvariant();

    /// <summary>The 400 for a <c>format</c> the route does not serve; <paramref name="formats"/> names those it does.</summary>
    public static ContentResult UnknownFormat(string formats) => Problem(
        StatusCodes.Status400BadRequest,
        "Okänt format",
        $"Parametern format kan vara {formats}.");


    private static readonly Action<ILogger, string, Exception?> UnexpectedFailure =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(5001, "HttpUnexpected"), "HTTP function {Function} failed unexpectedly");

    private static void LogUnexpected(ILogger logger, Exception exception, string function) => UnexpectedFailure(logger, function, exception);
}
