using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Grants;

/// <summary>What the intake of one grant register did. Disposition is <see cref="Dispositions.Current"/> or <see cref="Dispositions.OlderThanCurrent"/> when accepted.</summary>
public sealed record GrantIntakeRecord(
    string BlobName,
    int? Year,
    string? CountyCode,
    IntakeOutcome Outcome,
    string? Disposition,
    string? VersionId,
    int ApplicationCount,
    IReadOnlyList<Finding> Findings,
    string ResultBlob)
{
    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);
}

/// <summary>
/// The intake of <c>grants/{year}/{countyCode}.xlsx</c> (docs/grants.md): the same size limit, screening and bounded read
/// as a report, a validation report in <c>intake-results/grants/{year}/{countyCode}.xlsx.{sha16}.json</c> for every file,
/// and for an accepted one the register in <see cref="GrantRegisterStore"/>, where the latest upload supersedes the
/// earlier ones and every version stays as history. A rejected file changes nothing: the previous register still counts.
/// The original is the blob itself (the container is versioned in Azure, so an overwritten register stays recoverable).
/// </summary>
public sealed partial class GrantIntakeService(
    BlobServiceClient blobs,
    GrantRegisterParser parser,
    GrantRegisterStore store,
    IntakeResultStore results,
    IYearIntakeGate gate,
    YearClosureStore closures,
    MunicipalityRegistry registry,
    ILogger<GrantIntakeService> logger)
{
    /// <summary>Processes <c>grants/{blobName}</c>. Throws only for system failures, so the host retries.</summary>
    public async Task<GrantIntakeRecord> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        var name = blobName.StartsWith(ContainerNames.Grants + "/", StringComparison.Ordinal) ? blobName[(ContainerNames.Grants.Length + 1)..] : blobName;

        // Before anything is written: while the year switches, its rows are the switch's (docs/replay.md).
        await using var entered = StorageKeys.YearOfBlob(name) is { } gateYear
            ? await gate.EnterAsync(gateYear, cancellationToken)
            : OpenYearIntakeGate.Instance;
        var blob = blobs.GetBlobContainerClient(ContainerNames.Grants).GetBlobClient(name);
        BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        var receivedAt = properties.LastModified.ToUniversalTime();
        var (year, countyCode, pathFinding) = GrantRegisterPath.Parse(name, registry);

        // The size limit comes before the download: an oversized register is never buffered.
        if (pathFinding is null && parser.RefuseBySize(properties.ContentLength) is { } refused)
        {
            var etag = "etag-" + properties.ETag.ToString().Trim('"');
            return await RecordAsync(name, etag, receivedAt, year, countyCode, refused, null, cancellationToken);
        }

        var download = await blob.DownloadContentAsync(
            new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } },
            cancellationToken);
        var content = download.Value.Content.ToMemory();
        var sha256 = StorageKeys.Sha256Hex(content.Span);
        if (pathFinding is not null)
        {
            return await RecordAsync(name, sha256, receivedAt, null, null, new GrantParseResult([], [pathFinding]), null, cancellationToken);
        }

        if (await closures.StateAtAsync(year, receivedAt, cancellationToken) is { Closed: true } closed)
        {
            return await RecordAsync(name, sha256, receivedAt, year, countyCode, new GrantParseResult([], [YearClosureStore.Refusal(closed)]), null, cancellationToken);
        }

        var parsed = parser.Parse(content, year, countyCode);
        string? disposition = null;
        if (parsed.Outcome == IntakeOutcome.Accepted)
        {
            var current = await store.SaveAsync(year, countyCode, name, sha256, receivedAt, parsed.WarningCount, parsed.Applications, cancellationToken);
            disposition = current ? Dispositions.Current : Dispositions.OlderThanCurrent;
        }

        return await RecordAsync(name, sha256, receivedAt, year, countyCode, parsed, disposition, cancellationToken);
    }

    /// <summary>
    /// The check of an uploaded register (<c>POST /api/grants/{year}/{countyCode}</c>): a rejected file is answered with its
    /// findings and stored nowhere; an accepted one is written to <c>grants/{year}/{countyCode}.xlsx</c> and ingested at
    /// once (the blob trigger finds it already recorded).
    /// </summary>
    public async Task<GrantIntakeRecord> UploadAsync(int year, string countyCode, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var blobName = GrantRegisterPath.BlobName(year, countyCode);

        // Not stored: it would replace the register the closed year was published with.
        var parsed = await closures.StateAsync(year, cancellationToken) is { Closed: true } closed
            ? new GrantParseResult([], [YearClosureStore.Refusal(closed)])
            : parser.RefuseBySize(content.Length) ?? parser.Parse(content, year, countyCode);
        if (parsed.Outcome != IntakeOutcome.Accepted)
        {
            LogUploadRejected(logger, year, countyCode, parsed.ErrorCount);
            return new GrantIntakeRecord(blobName, year, countyCode, parsed.Outcome, null, null, 0, parsed.Findings, string.Empty);
        }

        var container = blobs.GetBlobContainerClient(ContainerNames.Grants);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient(blobName).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { ["sha256"] = StorageKeys.Sha256Hex(content.Span), ["source"] = "upload" },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
            },
            cancellationToken);
        return await IngestAsync(blobName, cancellationToken);
    }

    /// <summary>The validation report's name: <c>grants/{year}/{county}.xlsx.{sha16}.json</c> (<c>_invalid/grants/…</c> for a bad path).</summary>
    public static string ResultBlobName(string blobName, bool pathIsValid, string version) =>
        (pathIsValid ? "" : StorageKeys.InvalidPartition + "/") + ContainerNames.Grants + "/" + blobName + "." + version[..Math.Min(16, version.Length)] + ".json";

    private async Task<GrantIntakeRecord> RecordAsync(
        string blobName, string version, DateTimeOffset receivedAt, int? year, string? countyCode, GrantParseResult parsed, string? disposition, CancellationToken cancellationToken)
    {
        var resultBlob = ResultBlobName(blobName, year is not null, version);
        var versionId = disposition is null || year is null ? null : StorageKeys.VersionId(year.Value, countyCode!, version);
        await results.WriteAsync(
            resultBlob,
            new IntakeResultDocument(
                ContainerNames.Grants + "/" + blobName,
                version,
                receivedAt,
                parsed.Outcome,
                year,
                countyCode,
                null,
                versionId,
                parsed.ErrorCount,
                parsed.WarningCount,
                parsed.Findings),
            cancellationToken);
        LogIngested(logger, year ?? 0, countyCode ?? "-", parsed.Outcome, disposition, versionId, parsed.Applications.Count, parsed.ErrorCount);
        return new GrantIntakeRecord(blobName, year, countyCode, parsed.Outcome, disposition, versionId, parsed.Applications.Count, parsed.Findings, resultBlob);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Grant register {Year} county {CountyCode}: {Outcome} {Disposition} version {VersionId}, {ApplicationCount} applications, {ErrorCount} errors")]
    private static partial void LogIngested(ILogger logger, int year, string countyCode, IntakeOutcome outcome, string? disposition, string? versionId, int applicationCount, int errorCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grant register upload for {Year} county {CountyCode} rejected with {ErrorCount} errors")]
    private static partial void LogUploadRejected(ILogger logger, int year, string countyCode, int errorCount);
}
