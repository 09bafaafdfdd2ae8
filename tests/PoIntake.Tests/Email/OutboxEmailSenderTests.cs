using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using PoIntake.Core.Email;

namespace PoIntake.Tests.Email;

public sealed class OutboxEmailSenderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pointake-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Send_WritesMultipartAlternativeUtf8EmlToOneRecipient()
    {
        var message = new EmailMessage(
            "anna.ödman@kommun.test",
            "Påminnelse: årsrapporten ska in måndag 17 januari 2028",
            "Hej!\nRapporten för år 2027 saknas.",
            "<p>Hej! Rapporten för år 2027 saknas &amp; behövs.</p>",
            Guid.NewGuid());
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 12, 18, 7, 0, 0, TimeSpan.Zero));

        var result = await Sender(clock).SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        var file = Assert.Single(Directory.GetFiles(_directory));
        var raw = await File.ReadAllTextAsync(file);
        Assert.DoesNotContain("årsrapporten", raw.Split("\n\n")[0], StringComparison.Ordinal); // headers are MIME-encoded
        var parsed = await MimeMessage.LoadAsync(file);
        Assert.Equal(message.Subject, parsed.Subject);
        Assert.Equal("anna.ödman@kommun.test", Assert.Single(parsed.To.Mailboxes).Address);
        Assert.Empty(parsed.Cc);
        Assert.Empty(parsed.Bcc);
        var alternative = Assert.IsType<MultipartAlternative>(parsed.Body);
        Assert.Equal("Hej!\nRapporten för år 2027 saknas.", parsed.TextBody?.ReplaceLineEndings("\n").TrimEnd());
        Assert.Contains("&amp; behövs", parsed.HtmlBody, StringComparison.Ordinal);
        Assert.All(alternative.OfType<TextPart>(), part => Assert.Equal("utf-8", part.ContentType.Charset ?? string.Empty, ignoreCase: true));
        Assert.Equal(clock.GetUtcNow(), parsed.Date);
    }

    [Fact]
    public async Task Send_SameIdempotencyKeyTwice_OneFile()
    {
        var message = new EmailMessage("a@b.test", "Ämne", "text", "<p>text</p>", Guid.NewGuid());
        var sender = Sender(new FakeTimeProvider());

        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message, CancellationToken.None);

        Assert.Single(Directory.GetFiles(_directory));
    }

    private OutboxEmailSender Sender(TimeProvider clock) => new(
        Options.Create(new EmailOptions { OutboxDirectory = _directory }),
        clock,
        NullLogger<OutboxEmailSender>.Instance);
}
