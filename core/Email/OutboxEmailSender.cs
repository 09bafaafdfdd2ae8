using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PoIntake.Core.Email;

/// <summary>
/// Writes each mail as <c>{OutboxDirectory}/{idempotencyKey}.eml</c> (multipart/alternative, UTF-8). The same key writes
/// the same file, so a repeated send is visible as one file. The devhost default: nothing leaves the machine.
/// </summary>
internal sealed partial class OutboxEmailSender(
    IOptions<EmailOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public const string DefaultSender = "noreply@pointake.invalid";

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var directory = options.Value.OutboxDirectory ?? throw new InvalidOperationException("Email:OutboxDirectory is not set.");
        Directory.CreateDirectory(directory);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = timeProvider.GetUtcNow(),
            MessageId = message.IdempotencyKey.ToString("N") + "@pointake.invalid",
        };
        mime.From.Add(MailboxAddress.Parse(options.Value.SenderAddress ?? DefaultSender));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Body = new BodyBuilder { TextBody = message.PlainText, HtmlBody = message.Html }.ToMessageBody();

        var path = Path.Combine(directory, message.IdempotencyKey.ToString("D") + ".eml");
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await mime.WriteToAsync(FormatOptions.Default, stream, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
        LogWritten(logger, message.IdempotencyKey);
        return EmailSendResult.Sent(message.IdempotencyKey.ToString("D"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {IdempotencyKey} written to the outbox")]
    private static partial void LogWritten(ILogger logger, Guid idempotencyKey);
}
