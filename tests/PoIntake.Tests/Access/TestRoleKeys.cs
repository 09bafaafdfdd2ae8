using Microsoft.Extensions.Options;
using PoIntake.Core.Access;
using PoIntake.Core.Reference;

namespace PoIntake.Tests.Access;

/// <summary>
/// Role keys for every county board, one national holder and one administration holder, configured the way Azure is (keys required, only hashes
/// in the settings).
/// </summary>
internal static class TestRoleKeys
{
    public const string NationalHolder = "socialstyrelsen";

    public static string KeyOf(string countyCode) => $"testnyckel-{countyCode}-hemlig";

    public static string NationalKey => "riksnyckel-socialstyrelsen-hemlig";

    public const string AdministrationHolder = "ops-socialstyrelsen";

    public static string AdministrationKey => "forvaltningsnyckel-ops-hemlig";

    /// <summary>Configuration entries as app settings would give them (section Access).</summary>
    public static Dictionary<string, string?> Settings() =>
        CountyHashes()
            .Select(pair => new KeyValuePair<string, string?>($"Access:CountyKeyHashes:{pair.Key}", pair.Value))
            .Append(new KeyValuePair<string, string?>($"Access:NationalKeyHashes:{NationalHolder}", AccessKeys.HashOf(NationalKey)))
            .Append(new KeyValuePair<string, string?>($"Access:AdministrationKeyHashes:{AdministrationHolder}", AccessKeys.HashOf(AdministrationKey)))
            .Append(new KeyValuePair<string, string?>("Access:RequireRoleKeys", "true"))
            .ToDictionary();

    public static AccessKeys Required() =>
        new(Options.Create(new AccessOptions
        {
            RequireRoleKeys = true,
            CountyKeyHashes = CountyHashes(),
            NationalKeyHashes = { [NationalHolder] = AccessKeys.HashOf(NationalKey) },
            AdministrationKeyHashes = { [AdministrationHolder] = AccessKeys.HashOf(AdministrationKey) },
        }));

    private static Dictionary<string, string> CountyHashes() =>
        MunicipalityRegistry.Default.Counties.ToDictionary(c => c.Code, c => AccessKeys.HashOf(KeyOf(c.Code)));
}
