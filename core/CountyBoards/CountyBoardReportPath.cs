using System.Globalization;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Core.CountyBoards;

/// <summary>
/// Where a county board's own report is kept (docs/storage.md): a drop at <c>countyboard/{year}/{countyCode}.xlsx</c>, and
/// every upload over HTTP as a blob of its own, <c>countyboard/{year}/{countyCode}/{uploaded}.xlsx</c>, so no original is
/// replaced. The latest accepted one of a county and year counts.
/// </summary>
public static class CountyBoardReportPath
{
    /// <summary>The blob container (also in <c>ContainerNames</c>, which the storage layer reads).</summary>
    public const string Container = "countyboard";

    /// <summary>The blob name inside the container, e.g. <c>2021/14.xlsx</c>.</summary>
    public static string BlobName(int year, string countyCode) => string.Create(CultureInfo.InvariantCulture, $"{year:0000}/{countyCode}.xlsx");

    /// <summary>The blob name of an upload over HTTP: <c>2021/14/20261207T231501123Z-1a2b3c4d.xlsx</c> (when, then the content's hash).</summary>
    public static string UploadName(int year, string countyCode, DateTimeOffset at, string sha256) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:0000}/{countyCode}/{at.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{sha256[..8]}.xlsx");

    /// <summary>The blob name without the container's name in front, if it has one.</summary>
    public static string WithoutContainer(string blobName) =>
        blobName.StartsWith(Container + "/", StringComparison.Ordinal) ? blobName[(Container.Length + 1)..] : blobName;

    /// <summary>The year and county a blob name names, or a COUNTY_BOARD_PATH_INVALID finding.</summary>
    public static (int Year, string CountyCode, Finding? Finding) Parse(string blobName, MunicipalityRegistry registry)
    {
        var name = WithoutContainer(blobName);
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

        return (0, string.Empty, CountyBoardFindings.PathInvalid(name));
    }
}
