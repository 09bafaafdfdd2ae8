using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

/// <summary>Identifiers and keys of docs/storage.md, in one place so writers and readers agree.</summary>
public static class StorageKeys
{
    /// <summary>IntakeLog partition for uploads whose path is not <c>{year}/{county}/{name}.xlsx</c>.</summary>
    public const string InvalidPartition = "_invalid";

    /// <summary>IntakeLog row-key suffix for a failure before the content could be read (no SHA-256 yet).</summary>
    public const string UnknownContent = "unknown";

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string VersionId(int year, string countyCode, string sha256) => $"{Year(year)}-{countyCode}-{sha256[..32]}";

    /// <summary>The SHA-256 prefix (32 hex digits) a <see cref="VersionId"/> ends with; enough for <see cref="LogRowKey"/>.</summary>
    public static string Sha256OfVersion(string versionId) => versionId[(versionId.LastIndexOf('-') + 1)..];

    /// <summary><c>{year}-{county}</c>: partition of IntakeLog and ReportVersions.</summary>
    public static string YearCounty(int year, string countyCode) => $"{Year(year)}-{countyCode}";

    /// <summary>
    /// The year a blob name starts with (<c>2025/…</c>), or null. The rows of an upload whose path is otherwise invalid
    /// still belong to that year (YearScope's <c>_invalid</c> rows), so the year's lock covers them too.
    /// </summary>
    public static int? YearOfBlob(string blobName) =>
        blobName.Length > 4 && blobName[4] == '/' && blobName.AsSpan(0, 4).ContainsAnyExcept("0123456789") is false
            ? int.Parse(blobName.AsSpan(0, 4), CultureInfo.InvariantCulture)
            : null;

    public static string Year(int year) => year.ToString("0000", CultureInfo.InvariantCulture);

    public static string LogRowKey(string blobName, string? sha256) =>
        LogRowKeyPrefix(blobName) + (sha256 is null ? UnknownContent : sha256[..16]);

    /// <summary><c>{sha256 of the blob path}-</c>: what every IntakeLog RowKey of one blob path starts with.</summary>
    public static string LogRowKeyPrefix(string blobName) => Sha256Hex(Encoding.UTF8.GetBytes(blobName)) + "-";

    public static string CurrentRowKey(string countyCode, string operationKey) => $"{countyCode}-{operationKey}";

    /// <summary>The county and operation key of a <c>CurrentReports</c> RowKey (<see cref="CurrentRowKey"/>); false when it has no county part.</summary>
    public static bool TryParseCurrentRowKey(string rowKey, out string countyCode, out string operationKey)
    {
        var dash = rowKey.IndexOf('-', StringComparison.Ordinal);
        countyCode = dash > 0 ? rowKey[..dash] : "";
        operationKey = dash > 0 ? rowKey[(dash + 1)..] : "";
        return dash > 0;
    }

    /// <summary>A filter for every <c>{year}-{county}</c> partition of a year (IntakeLog, ReportVersions) as one range query.</summary>
    public static string YearCountyPartitions(int year) =>
        // '-' < '.', so the range holds exactly the partitions "{year}-…".
        TableClient.CreateQueryFilter($"PartitionKey ge {Year(year) + "-"} and PartitionKey lt {Year(year) + "."}");

    /// <summary>A filter for every partition keyed by a versionId of the year (Facts, SystemDeficiencies, ReportTexts, Coverage), as one range query.</summary>
    public static string VersionPartitions(int year) => YearCountyPartitions(year);

    /// <summary>The county of a <c>{year}-{county}</c> partition key (<see cref="YearCounty"/>).</summary>
    public static string CountyOf(string yearCountyPartition) => yearCountyPartition[(yearCountyPartition.IndexOf('-', StringComparison.Ordinal) + 1)..];

    /// <summary>Path of the validation report in the intake-results container.</summary>
    public static string ResultBlobName(string blobName, bool pathIsValid, string sha256) =>
        (pathIsValid ? "" : InvalidPartition + "/") + blobName + "." + sha256[..16] + ".json";

    /// <summary>The municipality codes of <c>MunicipalityCodes</c> (comma-separated, as <see cref="JoinCodes"/> writes them).</summary>
    public static IReadOnlyList<string> SplitCodes(string? codes) =>
        string.IsNullOrWhiteSpace(codes) ? [] : codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string JoinCodes(IEnumerable<string> codes) => string.Join(',', codes);

    /// <summary>RowKey of the n-th (1-based) Systembrister row.</summary>
    public static string DeficiencyRowKey(int number) => number.ToString("0000", CultureInfo.InvariantCulture);
}
