using System.Globalization;
using Microsoft.Extensions.Options;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Upload;

/// <summary>
/// Who may upload over HTTP (section <c>Upload</c>). The function key only says "a caller of this app"; on top of it
/// every county board has its own upload key, so one county board cannot file reports in another county's name.
/// Only SHA-256 hashes of the keys are configured: the settings are not secrets, a leaked app configuration does
/// not leak a key, and a key is rotated by replacing its hash.
/// </summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>
    /// True (the default, and Azure's setting): an upload without the county's key is refused, and so is every upload
    /// for a county without a configured hash. False only on a developer machine (local.settings.sample.json).
    /// </summary>
    public bool RequireCountyKey { get; set; } = true;

    /// <summary>County code ("01"–"25") → lowercase hex SHA-256 of the UTF-8 bytes of that county board's key.</summary>
    public Dictionary<string, string> CountyKeyHashes { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Refuses to start with a hash that is not 64 hex digits or a county code the registry does not know.</summary>
internal sealed class UploadOptionsValidator(MunicipalityRegistry registry) : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        var failures = new List<string>();
        foreach (var (county, hash) in options.CountyKeyHashes)
        {
            if (registry.FindCountyByCode(county) is null)
            {
                failures.Add($"Upload:CountyKeyHashes:{county}: unknown county code (expected 01–25 as in the municipality register).");
            }

            if (hash is not { Length: 64 } || !hash.All(char.IsAsciiHexDigit))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Upload:CountyKeyHashes:{county}: expected the 64 hex digits of a SHA-256 hash, got {hash?.Length ?? 0} characters."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
