using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PoIntake.Core.Access;

/// <summary>What a route gives away, and so which role key it needs.</summary>
public enum AccessScope
{
    /// <summary>Filing a report for one county: that county board's key only.</summary>
    CountyUpload,

    /// <summary>One county's status, uploads and findings: that county board's key, or a national key.</summary>
    CountyRead,

    /// <summary>Every county's data (totals, national status, reminder recipients): a national key only.</summary>
    National,

    /// <summary>
    /// Operating the service (replaying a year, switching and cleaning up a replay): an administration key only. County
    /// and national keys never open it, and an administration key opens no county or national data route.
    /// </summary>
    Administration,
}

/// <summary>The verdict on the role key a caller presented.</summary>
public enum AccessVerdict
{
    /// <summary>The key is the right one, or keys are not required (developer machine).</summary>
    Allowed,

    /// <summary>No key for the scope was sent.</summary>
    Missing,

    /// <summary>A key was sent but it is not one that opens the scope (another county's key, or nobody's).</summary>
    WrongKey,

    /// <summary>No key is configured for the county (or no national key at all), so nobody may call.</summary>
    NotEnabled,
}

/// <summary>The keys sent in the role headers (any may be absent).</summary>
public readonly record struct PresentedKeys(string? County, string? National, string? Administration = null);

/// <summary>
/// A decision on one call. <see cref="Reason"/> is the problem body's machine-readable <c>reason</c>;
/// <see cref="KeyHolder"/> names whose key was presented ("county 23", "national socialstyrelsen", "none") for the
/// audit log, never the key itself.
/// </summary>
public sealed record AccessDecision(AccessScope Scope, AccessVerdict Verdict, string KeyHolder)
{
    public bool IsAllowed => Verdict == AccessVerdict.Allowed;

    public string Reason => Verdict switch
    {
        AccessVerdict.Allowed => "allowed",
        AccessVerdict.Missing => Role + "KeyMissing",
        AccessVerdict.WrongKey => Role + "KeyWrong",
        _ => Role + "NotEnabled",
    };

    private string Role => Scope switch
    {
        AccessScope.National => "national",
        AccessScope.Administration => "administration",
        _ => "county",
    };
}

/// <summary>
/// The one place that decides who may call what: checks the county board's key (header <see cref="CountyHeader"/>),
/// Socialstyrelsen's national key (header <see cref="NationalHeader"/>) and the service administration's key (header
/// <see cref="AdministrationHeader"/>) against the configured SHA-256 hashes, in constant time, failing closed. Each
/// scope reads only its own header(s), so no key of one role opens another's routes. The HTTP functions only map the
/// decision to a response.
/// </summary>
public sealed class AccessKeys(IOptions<AccessOptions> options)
{
    public const string CountyHeader = "x-pointake-county-key";
    public const string NationalHeader = "x-pointake-national-key";
    public const string AdministrationHeader = "x-pointake-admin-key";

    /// <summary>The actor of an administration call on a developer machine, where no key is required (or checked).</summary>
    public const string UncheckedAdministrator = "administration (developer machine, keys not required)";

    private readonly bool required = options.Value.RequireRoleKeys;

    // Parsed once; the validator has checked every value is 64 hex digits before the app starts.
    private readonly Dictionary<string, byte[]> countyHashes = Parse(options.Value.CountyKeyHashes);
    private readonly Dictionary<string, byte[]> nationalHashes = Parse(options.Value.NationalKeyHashes);
    private readonly Dictionary<string, byte[]> administrationHashes = Parse(options.Value.AdministrationKeyHashes);

    public bool Required => required;

    /// <summary>May a caller presenting <paramref name="keys"/> do what <paramref name="scope"/> covers for <paramref name="countyCode"/>?</summary>
    public AccessDecision Check(AccessScope scope, string? countyCode, PresentedKeys keys)
    {
        var holder = KeyHolder(keys);
        if (!required)
        {
            return new AccessDecision(scope, AccessVerdict.Allowed, holder);
        }

        var national = Verify(nationalHashes, keys.National);
        var verdict = scope switch
        {
            AccessScope.Administration => administrationHashes.Count == 0 ? AccessVerdict.NotEnabled : Verify(administrationHashes, keys.Administration),
            AccessScope.National => nationalHashes.Count == 0 ? AccessVerdict.NotEnabled : national,
            AccessScope.CountyRead when national == AccessVerdict.Allowed => AccessVerdict.Allowed,
            AccessScope.CountyRead when national == AccessVerdict.WrongKey && IsBlank(keys.County) => AccessVerdict.WrongKey,
            _ => countyCode is not null && countyHashes.TryGetValue(countyCode, out var expected)
                ? Verify(expected, keys.County)
                : AccessVerdict.NotEnabled,
        };
        return new AccessDecision(scope, verdict, holder);
    }

    /// <summary>
    /// Whose key this is: "county 01" when it is county 01's key, "national {holder}", "administration {holder}",
    /// "unknown" for no configured key, "none" when nothing was sent. For the audit log ("county 01's key used for 25" is
    /// an incident; a typo is not).
    /// </summary>
    public string KeyHolder(PresentedKeys keys)
    {
        var owners = new List<string>();
        if (!IsBlank(keys.County))
        {
            owners.Add(Owner(countyHashes, keys.County!) is { } county ? $"county {county}" : "unknown county key");
        }

        if (!IsBlank(keys.National))
        {
            owners.Add(Owner(nationalHashes, keys.National!) is { } holder ? $"national {holder}" : "unknown national key");
        }

        if (!IsBlank(keys.Administration))
        {
            owners.Add(AdministrationOwner(keys) is { } holder ? $"administration {holder}" : "unknown administration key");
        }

        return owners.Count == 0 ? "none" : string.Join(" and ", owners);
    }

    /// <summary>
    /// Who does an administration call the caller was allowed to make, for the replay log and the audit: "administration
    /// {holder}" (e.g. "administration ops-socialstyrelsen"), or <see cref="UncheckedAdministrator"/> on a developer
    /// machine without a configured key. Never the key.
    /// </summary>
    public string AdministrationActor(PresentedKeys keys) =>
        !IsBlank(keys.Administration) && AdministrationOwner(keys) is { } holder ? $"administration {holder}" : UncheckedAdministrator;

    /// <summary>A holder name for <see cref="AccessOptions.NationalKeyHashes"/> and <see cref="AccessOptions.AdministrationKeyHashes"/>: 1–40 of a–z, 0–9 and '-'.</summary>
    public static bool IsHolderName(string? name) =>
        name is { Length: > 0 and <= 40 } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>A new key: 32 random bytes, base64url (43 characters, safe in a header and a password field).</summary>
    public static string NewKey() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The value to configure as <c>Access:CountyKeyHashes:{county}</c>, <c>Access:NationalKeyHashes:{holder}</c> or <c>Access:AdministrationKeyHashes:{holder}</c>.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(Digest(key));

    private static AccessVerdict Verify(byte[] expected, string? presented) =>
        IsBlank(presented) ? AccessVerdict.Missing
        : CryptographicOperations.FixedTimeEquals(Digest(presented!), expected) ? AccessVerdict.Allowed
        : AccessVerdict.WrongKey;

    private static AccessVerdict Verify(Dictionary<string, byte[]> hashes, string? presented) =>
        IsBlank(presented) ? AccessVerdict.Missing
        : Owner(hashes, presented!) is not null ? AccessVerdict.Allowed
        : AccessVerdict.WrongKey;

    private static string? Owner(Dictionary<string, byte[]> hashes, string presentedKey)
    {
        var presented = Digest(presentedKey);
        // Every entry is compared (no early exit), so the time does not tell which holder's key it was.
        string? owner = null;
        foreach (var (name, hash) in hashes)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                owner ??= name;
            }
        }

        return owner;
    }

    private string? AdministrationOwner(PresentedKeys keys) => Owner(administrationHashes, keys.Administration!);

    private static bool IsBlank(string? key) => string.IsNullOrWhiteSpace(key);

    private static Dictionary<string, byte[]> Parse(Dictionary<string, string> hashes) =>
        hashes.ToDictionary(pair => pair.Key, pair => Convert.FromHexString(pair.Value), StringComparer.Ordinal);

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim()));
}
