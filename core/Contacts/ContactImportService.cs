using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Contacts;

/// <summary>What an import of one county's contacts did.</summary>
public sealed record ContactImportResult(string CountyCode, bool Replaced, int Loaded, IReadOnlyList<Finding> Findings, string? ResultBlob);

/// <summary>
/// Ingests <c>contacts/{countyCode}.xlsx</c>: good rows replace the county's register rows, bad cells are reported in
/// <c>intake-results/contacts/{countyCode}.xlsx.{sha16}.json</c>. An unreadable file leaves the register as it was.
/// Socialstyrelsen's own register is <c>contacts/socialstyrelsen.xlsx</c> (<see cref="ContactRegisterRules"/>).
/// </summary>
public sealed partial class ContactImportService(
    BlobServiceClient blobs,
    ContactsWorkbookParser parser,
    ContactStore store,
    StorageTables tables,
    MunicipalityRegistry registry,
    ILogger<ContactImportService> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Processes <c>contacts/{blobName}</c>; null when the name is not a county's register ("{countyCode}.xlsx").</summary>
    public async Task<ContactImportResult?> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        var countyCode = CountyCodeOf(blobName);
        if (countyCode is null || (countyCode != ContactRegisterRules.NationalRegister && registry.FindCountyByCode(countyCode) is null))
        {
            LogIgnored(logger);
            return null;
        }

        // The size limit comes before the download: an oversized register is never buffered.
        var blob = blobs.GetBlobContainerClient(ContainerNames.Contacts).GetBlobClient(blobName);
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        if (parser.RefuseBySize(properties.Value.ContentLength) is { } refused)
        {
            return await RecordAsync(countyCode, refused, "etag-" + properties.Value.ETag.ToString().Trim('"'), cancellationToken);
        }

        var download = await blob.DownloadContentAsync(cancellationToken);
        return await IngestAsync(countyCode, download.Value.Content.ToMemory(), cancellationToken);
    }

    public async Task<ContactImportResult> IngestAsync(string countyCode, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(content, countyCode);
        if (!parsed.Unreadable)
        {
            await store.ReplaceCountyAsync(countyCode, parsed.Contacts, cancellationToken);
        }

        return await RecordAsync(countyCode, parsed, Convert.ToHexStringLower(SHA256.HashData(content.Span))[..16], cancellationToken);
    }

    /// <summary>Writes the findings to <c>intake-results/contacts/{countyCode}.xlsx.{version}.json</c> and logs the outcome.</summary>
    private async Task<ContactImportResult> RecordAsync(string countyCode, ContactsParseResult parsed, string version, CancellationToken cancellationToken)
    {
        var resultBlob = $"contacts/{countyCode}.xlsx.{version}.json";
        var results = blobs.GetBlobContainerClient(tables.ResultsContainer);
        await results.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await results.GetBlobClient(resultBlob).UploadAsync(
            BinaryData.FromObjectAsJson(new { countyCode, replaced = !parsed.Unreadable, loaded = parsed.Contacts.Count, findings = parsed.Findings }, Json),
            overwrite: true,
            cancellationToken);
        LogImported(logger, countyCode, !parsed.Unreadable, parsed.Contacts.Count, parsed.Findings.Count(f => f.Severity == Severity.Error));
        return new ContactImportResult(countyCode, !parsed.Unreadable, parsed.Contacts.Count, parsed.Findings, resultBlob);
    }

    internal static string? CountyCodeOf(string blobName)
    {
        var name = blobName.StartsWith(ContainerNames.Contacts + "/", StringComparison.Ordinal) ? blobName[(ContainerNames.Contacts.Length + 1)..] : blobName;
        if (name.Equals(ContactRegisterRules.NationalRegister + ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return ContactRegisterRules.NationalRegister;
        }

        return name.Length == 7 && name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(name[0]) && char.IsAsciiDigit(name[1])
            ? name[..2]
            : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contacts blob ignored: its name is not {{countyCode}}.xlsx")]
    private static partial void LogIgnored(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contacts of county {CountyCode}: replaced {Replaced}, {Loaded} rows loaded, {ErrorCount} errors")]
    private static partial void LogImported(ILogger logger, string countyCode, bool replaced, int loaded, int errorCount);
}
