using Microsoft.Extensions.Options;

namespace PoIntake.Core.Email;

public enum EmailMode
{
    /// <summary>Writes .eml files to <see cref="EmailOptions.OutboxDirectory"/>; nothing leaves the machine.</summary>
    Outbox,

    /// <summary>Sends through Azure Communication Services Email.</summary>
    Acs,
}

/// <summary>Configuration section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Unset: Acs when an endpoint is configured, else Outbox.</summary>
    public EmailMode? Mode { get; set; }

    public EmailMode EffectiveMode =>
        Mode ?? (string.IsNullOrWhiteSpace(Endpoint) ? EmailMode.Outbox : EmailMode.Acs);

    /// <summary>ACS resource endpoint (https://….communication.azure.com) for managed identity.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The MailFrom address on a domain linked to the ACS resource.</summary>
    public string? SenderAddress { get; set; }

    /// <summary>Client id of a user-assigned managed identity; without it the default credential is used.</summary>
    public string? ClientId { get; set; }

    /// <summary>Where the outbox writes .eml files (relative paths from the working directory).</summary>
    public string? OutboxDirectory { get; set; } = ".outbox";

    /// <summary>The least wait between two status polls (the service's retry-after wins when longer).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one send polls before it gives up for now (the mail stays pending).</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        switch (options.EffectiveMode)
        {
            case EmailMode.Outbox:
                if (string.IsNullOrWhiteSpace(options.OutboxDirectory))
                {
                    failures.Add("Email:OutboxDirectory is required when Email:Mode is Outbox.");
                }

                break;
            case EmailMode.Acs:
                if (string.IsNullOrWhiteSpace(options.SenderAddress) || !options.SenderAddress.Contains('@', StringComparison.Ordinal))
                {
                    failures.Add("Email:SenderAddress must be an e-mail address when Email:Mode is Acs.");
                }

                if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
                {
                    failures.Add("Email:Endpoint must be an https URL when Email:Mode is Acs.");
                }

                break;
            default:
                failures.Add($"Email:Mode '{options.EffectiveMode}' is not Acs or Outbox.");
                break;
        }

        if (options.PollInterval <= TimeSpan.Zero || options.PollTimeout <= TimeSpan.Zero)
        {
            failures.Add("Email:PollInterval and Email:PollTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
