namespace PoIntake.Core.Email;

/// <summary>
/// One mail to one recipient. <see cref="IdempotencyKey"/> is stable across retries of the same mail (it becomes the ACS
/// Operation-Id); <see cref="MayHaveBeenSent"/> says an earlier attempt may have reached the service, so the sender
/// checks before sending again.
/// </summary>
public sealed record EmailMessage(
    string To,
    string Subject,
    string PlainText,
    string Html,
    Guid IdempotencyKey,
    bool MayHaveBeenSent = false);

public enum EmailSendStatus
{
    /// <summary>Accepted by the service (or written to the outbox).</summary>
    Sent,

    /// <summary>Failed for now (throttled, service error, timed out): try again later.</summary>
    TransientFailure,

    /// <summary>Refused for good (bad address, bad request, not permitted): trying again will not help.</summary>
    PermanentFailure,
}

/// <summary>What became of one send; <see cref="ErrorCode"/> is the service's code (never contains the address).</summary>
public sealed record EmailSendResult(EmailSendStatus Status, string? ErrorCode = null, string? OperationId = null)
{
    public static EmailSendResult Sent(string? operationId = null) => new(EmailSendStatus.Sent, null, operationId);

    public static EmailSendResult Transient(string errorCode) => new(EmailSendStatus.TransientFailure, errorCode);

    public static EmailSendResult Permanent(string errorCode) => new(EmailSendStatus.PermanentFailure, errorCode);
}

/// <summary>Sends one mail. Returns failures as values; throws only for cancellation and bugs.</summary>
public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
