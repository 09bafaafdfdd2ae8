using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using PoIntake.Core.CountyBoards;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Upload;

/// <summary>What the intake of one county board report did. Disposition is <see cref="Dispositions.Current"/> or <see cref="Dispositions.OlderThanCurrent"/> when accepted.</summary>
public sealed record CountyBoardIntakeRecord(
    string BlobName,
    int? Year,
    string? CountyCode,
    IntakeOutcome Outcome,
    string? Disposition,
    string? VersionId,
    IReadOnlyList<Finding> Findings,
    string ResultBlob)
{
    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);
}

/// <summary>
/// The intake of <c>countyboard/{year}/{countyCode}.xlsx</c>, the county board's own report (docs/workbook-contract.md),
/// by the steps of the grant register's: the year's gate, the size limit before the download, the bounded read and
/// screening, a closed year refused (YEAR_CLOSED), a validation report in
/// <c>intake-results/countyboard/{year}/{countyCode}.xlsx.{sha16}.json</c> for every file, and for an accepted one the
/// form in <see cref="CountyBoardReportStore"/>, where the latest upload supersedes the earlier ones and every version
/// stays as history. A rejected file changes nothing: the previous form still counts.
/// </summary>
public sealed partial class CountyBoardIntakeService(
    BlobServiceClient blobs,
    CountyBoardReportParser parser,
    CountyBoardReportStore store,
    IntakeResultStore results,
    IYearIntakeGate gate,
    YearClosureStore closures,
    MunicipalityRegistry registry,
    ILogger<CountyBoardIntakeService> logger)
{
    /// <summary>Processes <c>countyboard/{blobName}</c>. Throws only for system failures, so the host retries.</summary>
    public async Task<CountyBoardIntakeRecord> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        var name = CountyBoardReportPath.WithoutContainer(blobName);

        // Before anything is written: while the year switches, its rows are the switch's (docs/replay.md).
        await using var entered = StorageKeys.YearOfBlob(name) is { } gateYear
            ? await gate.EnterAsync(gateYear, cancellationToken)
            : OpenYearIntakeGate.Instance;
        var blob = blobs.GetBlobContainerClient(ContainerNames.CountyBoard).GetBlobClient(name);
        BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        var receivedAt = properties.LastModified.ToUniversalTime();
        var (year, countyCode, pathFinding) = CountyBoardReportPath.Parse(name, registry);

        // The size limit comes before the download: an oversized form is never buffered.
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
            return await RecordAsync(name, sha256, receivedAt, null, null, new CountyBoardParseResult(null, [pathFinding]), null, cancellationToken);
        }

        if (await closures.StateAtAsync(year, receivedAt, cancellationToken) is { Closed: true } closed)
        {
            return await RecordAsync(name, sha256, receivedAt, year, countyCode, new CountyBoardParseResult(null, [YearClosureStore.Refusal(closed)]), null, cancellationToken);
        }

        var parsed = parser.Parse(content, year, countyCode);
        string? disposition = null;
        if (parsed is { Outcome: IntakeOutcome.Accepted, Report: { } report })
        {
            var current = await store.SaveAsync(report, name, sha256, receivedAt, parsed.WarningCount, cancellationToken);
            disposition = current ? Dispositions.Current : Dispositions.OlderThanCurrent;
        }

        return await RecordAsync(name, sha256, receivedAt, year, countyCode, parsed, disposition, cancellationToken);
    }

    /// <summary>
    /// The check of an uploaded form (<c>POST /api/countyboard/{year}/{countyCode}</c>): a rejected file is answered with
    /// its findings and stored nowhere; an accepted one is written to <c>countyboard/{year}/{countyCode}.xlsx</c> and
    /// ingested at once (the blob trigger finds it already recorded).
    /// </summary>
    public async Task<CountyBoardIntakeRecord> UploadAsync(int year, string countyCode, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var blobName = CountyBoardReportPath.BlobName(year, countyCode);

        // Not stored: it would replace the form the closed year was published with.
        var parsed = await closures.StateAsync(year, cancellationToken) is { Closed: true } closed
            ? new CountyBoardParseResult(null, [YearClosureStore.Refusal(closed)])
            : parser.RefuseBySize(content.Length) ?? parser.Parse(content, year, countyCode);
        if (parsed.Outcome != IntakeOutcome.Accepted)
        {
            LogUploadRejected(logger, year, countyCode, parsed.ErrorCount);
            return new CountyBoardIntakeRecord(blobName, year, countyCode, parsed.Outcome, null, null, parsed.Findings, string.Empty);
        }

        var container = blobs.GetBlobContainerClient(ContainerNames.CountyBoard);
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

    /// <summary>The validation report's name: <c>countyboard/{year}/{county}.xlsx.{sha16}.json</c> (<c>_invalid/countyboard/…</c> for a bad path).</summary>
    public static string ResultBlobName(string blobName, bool pathIsValid, string version) =>
        (pathIsValid ? "" : StorageKeys.InvalidPartition + "/") + ContainerNames.CountyBoard + "/" + blobName + "." + version[..Math.Min(16, version.Length)] + ".json";

    private async Task<CountyBoardIntakeRecord> RecordAsync(
        string blobName, string version, DateTimeOffset receivedAt, int? year, string? countyCode, CountyBoardParseResult parsed, string? disposition, CancellationToken cancellationToken)
    {
        var resultBlob = ResultBlobName(blobName, year is not null, version);
        var versionId = disposition is null || year is null ? null : StorageKeys.VersionId(year.Value, countyCode!, version);
        await results.WriteAsync(
            resultBlob,
            new IntakeResultDocument(
                ContainerNames.CountyBoard + "/" + blobName,
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
        LogIngested(logger, year ?? 0, countyCode ?? "-", parsed.Outcome, disposition, versionId, parsed.ErrorCount);
        return new CountyBoardIntakeRecord(blobName, year, countyCode, parsed.Outcome, disposition, versionId, parsed.Findings, resultBlob);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "County board report {Year} county {CountyCode}: {Outcome} {Disposition} version {VersionId}, {ErrorCount} errors")]
    private static partial void LogIngested(ILogger logger, int year, string countyCode, IntakeOutcome outcome, string? disposition, string? versionId, int errorCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "County board report upload for {Year} county {CountyCode} rejected with {ErrorCount} errors")]
    private static partial void LogUploadRejected(ILogger logger, int year, string countyCode, int errorCount);
}
