using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PoIntake.Core.Upload;

/// <summary>The verdict on the county key presented with an upload.</summary>
public enum CountyKeyVerdict
{
    /// <summary>The key is the county's own, or keys are not required (developer machine).</summary>
    Allowed,

    /// <summary>No key was sent.</summary>
    Missing,

    /// <summary>A key was sent but it is not this county's (another county's key, or no county's).</summary>
    WrongKey,

    /// <summary>The county has no key configured, so nobody may upload for it.</summary>
    CountyNotEnabled,
}

/// <summary>
/// Checks the county board's upload key (header <see cref="HeaderName"/>) against the configured hash of the county
/// the upload is for. Comparison is constant-time over the hashes.
/// </summary>
public sealed class CountyUploadKeys(IOptions<UploadOptions> options)
{
    public const string HeaderName = "x-pointake-county-key";

    private readonly bool required = options.Value.RequireCountyKey;

    // Parsed once; the validator has checked every value is 64 hex digits before the app starts.
    private readonly Dictionary<string, byte[]> hashes = options.Value.CountyKeyHashes
        .ToDictionary(pair => pair.Key, pair => Convert.FromHexString(pair.Value), StringComparer.Ordinal);

    public bool Required => required;

    public CountyKeyVerdict Check(string countyCode, string? presentedKey)
    {
        if (!required)
        {
            return CountyKeyVerdict.Allowed;
        }

        if (!hashes.TryGetValue(countyCode, out var expected))
        {
            return CountyKeyVerdict.CountyNotEnabled;
        }

        if (string.IsNullOrWhiteSpace(presentedKey))
        {
            return CountyKeyVerdict.Missing;
        }

        return CryptographicOperations.FixedTimeEquals(Digest(presentedKey), expected)
            ? CountyKeyVerdict.Allowed
            : CountyKeyVerdict.WrongKey;
    }

    /// <summary>
    /// The county whose key this is, if any: for the audit log when a key is refused ("county 01's key used for 25"
    /// is an incident; a typo is not).
    /// </summary>
    public string? CountyOwning(string? presentedKey)
    {
        if (string.IsNullOrWhiteSpace(presentedKey))
        {
            return null;
        }

        var presented = Digest(presentedKey);
        return hashes.Where(pair => CryptographicOperations.FixedTimeEquals(presented, pair.Value)).Select(pair => pair.Key).FirstOrDefault();
    }

    /// <summary>A new key: 32 random bytes, base64url (43 characters, safe in a header and a password field).</summary>
    public static string NewKey() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The value to configure as <c>Upload:CountyKeyHashes:{county}</c> for <paramref name="key"/>.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(Digest(key));

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim()));
}
