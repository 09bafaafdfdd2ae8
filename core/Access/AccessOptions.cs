using System.Globalization;
using Microsoft.Extensions.Options;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Access;

/// <summary>
/// Who may call the HTTP routes (section <c>Access</c>). The function key only says "a caller of this app"; on top of
/// it every county board has its own key (its county's uploads and status) and Socialstyrelsen has national keys
/// (totals, every county's status, the reminder preview). Only SHA-256 hashes of the keys are configured: the settings
/// are not secrets, a leaked app configuration does not leak a key, and a key is rotated by replacing its hash.
/// Before the role keys the county settings were <c>Upload:RequireCountyKey</c> and <c>Upload:CountyKeyHashes</c>; those
/// names are still read (see <see cref="AccessServiceCollectionExtensions"/>), <c>Access</c> wins when both are set.
/// </summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>The section the county settings lived in before they became <c>Access</c>; still honoured.</summary>
    public const string LegacySectionName = "Upload";

    /// <summary>
    /// True (the default, and Azure's setting): a call without the right role key is refused, and so is every call for
    /// a county (or the nation) without a configured hash. False only on a developer machine (local.settings.sample.json).
    /// </summary>
    public bool RequireRoleKeys { get; set; } = true;

    /// <summary>County code ("01"–"25") → lowercase hex SHA-256 of the UTF-8 bytes of that county board's key.</summary>
    public Dictionary<string, string> CountyKeyHashes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Holder name (e.g. "socialstyrelsen", "socialstyrelsen-2027") → hash of one of Socialstyrelsen's national keys.
    /// Named, so one holder's key is revoked alone by removing its entry.
    /// </summary>
    public Dictionary<string, string> NationalKeyHashes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Holder name (e.g. "ops-socialstyrelsen") → hash of one of the service administration's keys (replaying a year,
    /// switching and cleaning up a replay; docs/replay.md). Named like the national keys, so one holder is revoked alone
    /// and the replay log says who did it. None configured: the administration routes are closed.
    /// </summary>
    public Dictionary<string, string> AdministrationKeyHashes { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Refuses to start with a hash that is not 64 hex digits, an unknown county code or an odd holder name.</summary>
internal sealed class AccessOptionsValidator(MunicipalityRegistry registry) : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var failures = new List<string>();
        foreach (var (county, hash) in options.CountyKeyHashes)
        {
            if (registry.FindCountyByCode(county) is null)
            {
                failures.Add($"Access:CountyKeyHashes:{county}: unknown county code (expected 01–25 as in the municipality register).");
            }

            CheckHash($"Access:CountyKeyHashes:{county}", hash, failures);
        }

        CheckHolders(nameof(AccessOptions.NationalKeyHashes), options.NationalKeyHashes, failures);
        CheckHolders(nameof(AccessOptions.AdministrationKeyHashes), options.AdministrationKeyHashes, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckHolders(string setting, Dictionary<string, string> hashes, List<string> failures)
    {
        foreach (var (holder, hash) in hashes)
        {
            if (!AccessKeys.IsHolderName(holder))
            {
                failures.Add($"Access:{setting}:{holder}: a holder name is 1–40 lowercase letters, digits or '-'.");
            }

            CheckHash($"Access:{setting}:{holder}", hash, failures);
        }
    }

    private static void CheckHash(string setting, string? hash, List<string> failures)
    {
        if (hash is not { Length: 64 } || !hash.All(char.IsAsciiHexDigit))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{setting}: expected the 64 hex digits of a SHA-256 hash, got {hash?.Length ?? 0} characters."));
        }
    }
}
