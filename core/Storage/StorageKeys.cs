using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary><c>{year}-{county}</c>: partition of IntakeLog and ReportVersions.</summary>
    public static string YearCounty(int year, string countyCode) => $"{Year(year)}-{countyCode}";

    public static string Year(int year) => year.ToString("0000", CultureInfo.InvariantCulture);

    public static string LogRowKey(string blobName, string? sha256) =>
        Sha256Hex(Encoding.UTF8.GetBytes(blobName)) + "-" + (sha256 is null ? UnknownContent : sha256[..16]);

    public static string CurrentRowKey(string countyCode, string operationKey) => $"{countyCode}-{operationKey}";

    /// <summary>Path of the validation report in the intake-results container.</summary>
    public static string ResultBlobName(string blobName, bool pathIsValid, string sha256) =>
        (pathIsValid ? "" : InvalidPartition + "/") + blobName + "." + sha256[..16] + ".json";

    /// <summary>RowKey of the n-th (1-based) Systembrister row.</summary>
    public static string DeficiencyRowKey(int number) => number.ToString("0000", CultureInfo.InvariantCulture);
}
