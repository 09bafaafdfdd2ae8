using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PoIntake.Core.Email;

/// <summary>
/// Pipeline options of the ACS Email client. <see cref="ClientOptions.Retry"/> governs the status GETs (Azure.Core's
/// retry) and the sender's own POST loop alike: MaxRetries, Delay/MaxDelay/Mode (backoff, the server's Retry-After
/// wins when longer) and NetworkTimeout (per try).
/// </summary>
internal sealed class AcsEmailClientOptions : ClientOptions
{
    public AcsEmailClientOptions()
    {
        Retry.MaxRetries = 3;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromSeconds(0.8);
        Retry.MaxDelay = TimeSpan.FromMinutes(1);
    }
}

/// <summary>
/// Azure Communication Services Email over REST (briefs/acs-email.md): POST /emails:send with the idempotency key as
/// Operation-Id, then poll /emails/operations/{id} until a terminal status. Authenticates with a TokenCredential
/// (the app's managed identity in Azure); the ACS access-key (HMAC) scheme is not supported, no deployment has a key.
/// </summary>
internal sealed partial class AcsEmailSender : IEmailSender
{
    public const string ApiVersion = "2025-09-01";

    // The literal the ACS SDKs pass, double slash included.
    public const string TokenScope = "https://communication.azure.com//.default";

    private readonly HttpPipeline _pipeline;
    private readonly RetryOptions _retry;
    private readonly DelayStrategy _delay;
    private readonly string _endpoint;
    private readonly string _senderAddress;
    private readonly EmailOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public AcsEmailSender(IOptions<EmailOptions> options, TimeProvider timeProvider, ILogger<AcsEmailSender> logger)
        : this(options.Value, CreateCredential(options.Value), timeProvider, logger, new AcsEmailClientOptions())
    {
    }

    internal AcsEmailSender(
        EmailOptions options,
        TokenCredential credential,
        TimeProvider timeProvider,
        ILogger logger,
        AcsEmailClientOptions clientOptions)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _senderAddress = options.SenderAddress ?? throw new InvalidOperationException("Email:SenderAddress is not set.");
        var endpoint = new Uri(options.Endpoint ?? throw new InvalidOperationException("Email:Endpoint is not set."));
        _endpoint = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _pipeline = HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, TokenScope));
        _retry = clientOptions.Retry;
        _delay = clientOptions.Retry.Mode == RetryMode.Exponential
            ? DelayStrategy.CreateExponentialDelayStrategy(clientOptions.Retry.Delay, clientOptions.Retry.MaxDelay)
            : DelayStrategy.CreateFixedDelayStrategy(clientOptions.Retry.Delay);
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var operationId = message.IdempotencyKey.ToString("D");
        try
        {
            return await SendWithRetriesAsync(message, operationId, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            LogTransportFailure(_logger, operationId, e.Status);
            return EmailSendResult.Transient("TransportError");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTransportFailure(_logger, operationId, 0);
            return EmailSendResult.Transient("Timeout");
        }
        catch (AggregateException e) when (!cancellationToken.IsCancellationRequested &&
                                           e.InnerExceptions.All(i => i is RequestFailedException or OperationCanceledException))
        {
            // A status GET whose every try failed (network timeouts, refused connections): Azure.Core's retry policy
            // throws them together.
            LogTransportFailure(_logger, operationId, 0);
            return EmailSendResult.Transient(e.InnerExceptions.Any(i => i is OperationCanceledException) ? "Timeout" : "TransportError");
        }
    }

    /// <summary>
    /// POSTs with the sender's own bounded retries (the pipeline never repeats a POST). The service is not known to
    /// de-duplicate a repeated Operation-Id (briefs/acs-email.md §5), so once a try may have been accepted (timeout,
    /// 408, 5xx, a connection lost after sending) every further POST, and the final answer, waits for the operation's
    /// status: known means accepted, never POSTed again; only 404 allows another POST. A 429 or a connection that was
    /// never made is re-POSTed directly.
    /// </summary>
    private async Task<EmailSendResult> SendWithRetriesAsync(EmailMessage message, string operationId, CancellationToken cancellationToken)
    {
        var body = Body(message);
        var mayHaveBeenAccepted = message.MayHaveBeenSent;
        for (var tries = 1; ; tries++)
        {
            if (mayHaveBeenAccepted && await EarlierOutcomeAsync(operationId, cancellationToken) is { } earlier)
            {
                // Accepted before (or its status is unknown for now): not sent again.
                return earlier;
            }

            using var request = CreateSendRequest(operationId, body);
            EmailSendResult failure;
            if (await PostOnceAsync(request, operationId, cancellationToken) is { } lost)
            {
                failure = lost.Result;
                mayHaveBeenAccepted |= lost.MayHaveArrived;
            }
            else
            {
                var response = request.Response;
                if (response.Status == 202)
                {
                    var status = ReadStatus(response);
                    var id = status.Id is { Length: > 0 } accepted ? accepted : operationId;
                    return status.Terminal ? status.Result : await PollAsync(id, RetryAfter(response), cancellationToken);
                }

                // A refused repeat of an Operation-Id (azure-sdk-for-net#50889) may mean an earlier try went through.
                if (response.Status is 400 or 409 && mayHaveBeenAccepted &&
                    await EarlierOutcomeAsync(operationId, cancellationToken) is { } known)
                {
                    return known;
                }

                failure = Failure(response, "send");
                if (failure.Status == EmailSendStatus.PermanentFailure)
                {
                    return failure;
                }

                mayHaveBeenAccepted |= response.Status != 429;
            }

            if (tries > _retry.MaxRetries)
            {
                return mayHaveBeenAccepted && await EarlierOutcomeAsync(operationId, cancellationToken) is { } late
                    ? late
                    : failure;
            }

            var wait = _delay.GetNextDelay(request.HasResponse ? request.Response : null, tries);
            LogSendRetry(_logger, operationId, tries, wait, mayHaveBeenAccepted);
            await Task.Delay(wait, _timeProvider, cancellationToken);
        }
    }

    /// <summary>One try of the POST; null when an answer came, else how it failed and whether it may have arrived.</summary>
    private async Task<LostPost?> PostOnceAsync(HttpMessage request, string operationId, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(request, cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTransportFailure(_logger, operationId, 0);
            return new LostPost(EmailSendResult.Transient("Timeout"), MayHaveArrived: true);
        }
        catch (RequestFailedException e) when (e.Status == 0)
        {
            LogTransportFailure(_logger, operationId, 0);
            return new LostPost(EmailSendResult.Transient("TransportError"), MayHaveArrived: !NeverSent(e));
        }
    }

    private HttpMessage CreateSendRequest(string operationId, byte[] body)
    {
        var request = _pipeline.CreateMessage();
        request.ResponseClassifier = NoRetryClassifier.Instance;
        request.Request.Method = RequestMethod.Post;
        request.Request.Uri.Reset(new Uri(_endpoint + "/emails:send?api-version=" + ApiVersion));
        request.Request.Headers.SetValue("Content-Type", "application/json");
        request.Request.Headers.SetValue("Accept", "application/json");
        request.Request.Headers.SetValue("Operation-Id", operationId);
        request.Request.Content = RequestContent.Create(body);
        return request;
    }

    /// <summary>The connection was never made (refused, no DNS, failed TLS), so the request cannot have arrived.</summary>
    private static bool NeverSent(RequestFailedException e) =>
        e.InnerException is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
        };

    /// <summary>
    /// The result of an operation the service already has under this id; null when it does not know it (404). A failed
    /// status request is returned as a transient result: without an answer the mail is not sent again.
    /// </summary>
    private async Task<EmailSendResult?> EarlierOutcomeAsync(string operationId, CancellationToken cancellationToken)
    {
        var earlier = await GetStatusAsync(operationId, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.Value.Terminal
            ? earlier.Value.Result
            : await PollAsync(operationId, earlier.Value.RetryAfter, cancellationToken);
    }

    private async Task<EmailSendResult> PollAsync(string operationId, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var giveUpAt = _timeProvider.GetUtcNow() + _options.PollTimeout;
        while (true)
        {
            var wait = retryAfter is { } serverWait && serverWait > _options.PollInterval ? serverWait : _options.PollInterval;
            if (_timeProvider.GetUtcNow() + wait > giveUpAt)
            {
                LogPollTimedOut(_logger, operationId);
                return EmailSendResult.Transient("PollTimeout") with { OperationId = operationId };
            }

            await Task.Delay(wait, _timeProvider, cancellationToken);
            var status = await GetStatusAsync(operationId, cancellationToken);
            if (status is null)
            {
                return EmailSendResult.Transient("OperationNotFound") with { OperationId = operationId };
            }

            if (status.Value.Terminal)
            {
                return status.Value.Result;
            }

            retryAfter = status.Value.RetryAfter;
        }
    }

    /// <summary>The operation's status, or null when the service does not know it (404).</summary>
    private async Task<OperationStatus?> GetStatusAsync(string operationId, CancellationToken cancellationToken)
    {
        using var request = _pipeline.CreateMessage();
        request.Request.Method = RequestMethod.Get;
        request.Request.Uri.Reset(new Uri(
            _endpoint + "/emails/operations/" + Uri.EscapeDataString(operationId) + "?api-version=" + ApiVersion));
        request.Request.Headers.SetValue("Accept", "application/json");
        await _pipeline.SendAsync(request, cancellationToken);
        var response = request.Response;
        if (response.Status == 404)
        {
            return null;
        }

        if (response.Status != 200)
        {
            // A failed status call says nothing about the mail: keep it pending.
            var failure = Failure(response, "poll");
            return new OperationStatus(operationId, true, EmailSendResult.Transient(failure.ErrorCode ?? "PollFailed"), null);
        }

        return ReadStatus(response) with { RetryAfter = RetryAfter(response) };
    }

    private OperationStatus ReadStatus(Response response)
    {
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var root = json.RootElement;
        var id = root.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;
        var status = root.TryGetProperty("status", out var statusElement) ? statusElement.GetString() : null;
        var errorCode = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object &&
                        error.TryGetProperty("code", out var code)
            ? code.GetString()
            : null;
        return status switch
        {
            "Succeeded" => new OperationStatus(id, true, EmailSendResult.Sent(id), null),
            "Failed" or "Canceled" => LogAndReturn(new OperationStatus(id, true, EmailSendResult.Permanent(errorCode ?? status) with { OperationId = id }, null)),
            _ => new OperationStatus(id, false, EmailSendResult.Transient(status ?? "Unknown"), null),
        };

        OperationStatus LogAndReturn(OperationStatus failed)
        {
            LogOperationFailed(_logger, id, status, errorCode);
            return failed;
        }
    }

    private EmailSendResult Failure(Response response, string step)
    {
        var code = ErrorCode(response) ?? "Http" + response.Status;
        LogHttpFailure(_logger, step, response.Status, code);
        return response.Status is 408 or 429 or >= 500
            ? EmailSendResult.Transient(code)
            : EmailSendResult.Permanent(code);
    }

    private static string? ErrorCode(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header;
        }

        try
        {
            using var json = JsonDocument.Parse(response.Content.ToMemory());
            return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code)
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("retry-after", out var value) &&
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private byte[] Body(EmailMessage message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("senderAddress", _senderAddress);
            writer.WriteStartObject("recipients");
            writer.WriteStartArray("to");
            writer.WriteStartObject();
            writer.WriteString("address", message.To);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject("content");
            writer.WriteString("subject", message.Subject);
            writer.WriteString("plainText", message.PlainText);
            writer.WriteString("html", message.Html);
            writer.WriteEndObject();
            writer.WriteBoolean("userEngagementTrackingDisabled", true);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static TokenCredential CreateCredential(EmailOptions options) =>
        !string.IsNullOrWhiteSpace(options.ClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId))
            : new DefaultAzureCredential();

    /// <summary>Keeps Azure.Core's retry policy off a POST: the sender decides about every repeat itself.</summary>
    private sealed class NoRetryClassifier : ResponseClassifier
    {
        public static readonly NoRetryClassifier Instance = new();

        public override bool IsRetriableResponse(HttpMessage message) => false;

        public override bool IsRetriableException(Exception exception) => false;

        public override bool IsRetriable(HttpMessage message, Exception exception) => false;
    }

    private sealed record LostPost(EmailSendResult Result, bool MayHaveArrived);

    private readonly record struct OperationStatus(string? Id, bool Terminal, EmailSendResult Result, TimeSpan? RetryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACS e-mail {Step} failed with HTTP {Status} ({ErrorCode})")]
    private static partial void LogHttpFailure(ILogger logger, string step, int status, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACS e-mail operation {OperationId} ended {Status} ({ErrorCode})")]
    private static partial void LogOperationFailed(ILogger logger, string? operationId, string? status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACS e-mail operation {OperationId} still running after the poll timeout; left pending")]
    private static partial void LogPollTimedOut(ILogger logger, string operationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ACS e-mail operation {OperationId}: send try {Try} failed; next in {Wait} (status check first: {CheckStatus})")]
    private static partial void LogSendRetry(ILogger logger, string operationId, int @try, TimeSpan wait, bool checkStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACS e-mail operation {OperationId} could not reach the service (status {Status})")]
    private static partial void LogTransportFailure(ILogger logger, string operationId, int status);
}
