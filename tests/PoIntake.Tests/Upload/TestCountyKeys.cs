using Microsoft.Extensions.Options;
using PoIntake.Core.Reference;
using PoIntake.Core.Upload;

namespace PoIntake.Tests.Upload;

/// <summary>Upload keys for every county, configured the way Azure is (keys required, only hashes in the settings).</summary>
internal static class TestCountyKeys
{
    public static string KeyOf(string countyCode) => $"testnyckel-{countyCode}-hemlig";

    /// <summary>Configuration entries as app settings would give them (section Upload).</summary>
    public static Dictionary<string, string?> Settings() =>
        Hashes()
            .Select(pair => new KeyValuePair<string, string?>($"Upload:CountyKeyHashes:{pair.Key}", pair.Value))
            .Append(new KeyValuePair<string, string?>("Upload:RequireCountyKey", "true"))
            .ToDictionary();

    public static CountyUploadKeys Required() =>
        new(Options.Create(new UploadOptions { RequireCountyKey = true, CountyKeyHashes = Hashes() }));

    private static Dictionary<string, string> Hashes() =>
        MunicipalityRegistry.Default.Counties.ToDictionary(c => c.Code, c => CountyUploadKeys.HashOf(KeyOf(c.Code)));
}
