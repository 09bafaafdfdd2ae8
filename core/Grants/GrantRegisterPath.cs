using System.Globalization;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Grants;

/// <summary>
/// Where grant registers are kept (docs/grants.md, docs/storage.md): a county board's drop at <c>grants/{year}/{countyCode}.xlsx</c>,
/// and every upload over HTTP as a blob of its own, <c>grants/{year}/{countyCode}/{uploaded}.xlsx</c>, so no original is replaced.
/// </summary>
public static class GrantRegisterPath
{
    /// <summary>The blob name inside the grants container, e.g. <c>2021/25.xlsx</c>.</summary>
    public static string BlobName(int year, string countyCode) => string.Create(CultureInfo.InvariantCulture, $"{year:0000}/{countyCode}.xlsx");

    /// <summary>The blob name of an upload over HTTP: <c>2021/25/20261207T231501123Z-1a2b3c4d.xlsx</c> (when, then the content's hash).</summary>
    public static string UploadName(int year, string countyCode, DateTimeOffset at, string sha256) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:0000}/{countyCode}/{at.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{sha256[..8]}.xlsx");

    /// <summary>The year and county a blob name (with or without the container) names, or a GRANTS_PATH_INVALID finding.</summary>
    public static (int Year, string CountyCode, Finding? Finding) Parse(string blobName, MunicipalityRegistry registry)
    {
        var name = blobName.StartsWith(Storage.ContainerNames.Grants + "/", StringComparison.Ordinal)
            ? blobName[(Storage.ContainerNames.Grants.Length + 1)..]
            : blobName;
        var parts = name.Split('/');
        if (parts.Length == 3 &&
            parts[0].Length == 4 && parts[0].All(char.IsAsciiDigit) &&
            parts[1].Length == 2 && parts[1].All(char.IsAsciiDigit) &&
            parts[2].Length > ".xlsx".Length && parts[2].EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) &&
            int.Parse(parts[0], CultureInfo.InvariantCulture) is >= ContractLimits.FirstYear and <= ContractLimits.LastYear &&
            registry.FindCountyByCode(parts[1]) is not null)
        {
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1], null);
        }

        if (parts.Length == 2 &&
            parts[0].Length == 4 && parts[0].All(char.IsAsciiDigit) &&
            parts[1].Length == 7 && parts[1].EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) &&
            char.IsAsciiDigit(parts[1][0]) && char.IsAsciiDigit(parts[1][1]) &&
            int.Parse(parts[0], CultureInfo.InvariantCulture) is >= ContractLimits.FirstYear and <= ContractLimits.LastYear &&
            registry.FindCountyByCode(parts[1][..2]) is not null)
        {
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1][..2], null);
        }

        return (0, string.Empty, GrantFindings.PathInvalid(name));
    }
}
