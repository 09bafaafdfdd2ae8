using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoIntake.Core.Diagnostics;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Pipeline;

/// <summary>
/// The one intake of every workbook kind (docs/architecture.md): path → year gate → bounded read → refusals (path, size,
/// closed year) → the kind's parse, checks and store → one result and one log line. A blob drop, an upload over HTTP
/// (<see cref="UploadAsync"/>: keep the original under a new name, then the same run) and the replay of a year all come
/// through here. The kinds are the registered <see cref="IWorkbookKind"/>s, one per container.
/// </summary>
public sealed partial class IntakePipeline(
    IEnumerable<IWorkbookKind> kinds,
    BlobServiceClient blobs,
    IYearIntakeGate gate,
    YearClosureStore closures,
    TimeProvider time,
    IOptions<ScreeningOptions> screening,
    ILogger<IntakePipeline> logger)
{
    private readonly Dictionary<string, IWorkbookKind> _byContainer = kinds.ToDictionary(k => k.Container, StringComparer.Ordinal);

    /// <summary>The registered kinds, in registration order.</summary>
    public IReadOnlyCollection<IWorkbookKind> Kinds => _byContainer.Values;

    /// <summary>The kind whose originals are kept in <paramref name="container"/>.</summary>
    public IWorkbookKind KindOf(string container) =>
        _byContainer.TryGetValue(container, out var kind) ? kind : throw new ArgumentException($"No workbook kind is registered for container '{container}'.", nameof(container));

    /// <summary>
    /// Runs the original <c>{container}/{name}</c> (the name with or without the container prefix; <paramref name="blobVersion"/>
    /// reads an older version of a replaced blob). Throws only for system failures, after the kind recorded them, so the host retries.
    /// </summary>
    public async Task<IntakeResult> IngestAsync(string container, string name, string? blobVersion, CancellationToken cancellationToken)
    {
        var kind = KindOf(container);
        name = name.StartsWith(container + "/", StringComparison.Ordinal) ? name[(container.Length + 1)..] : name;
        var path = kind.ParsePath(name);
        if (path.Ignored)
        {
            LogIgnored(kind.Name);
            return IntakeResult.IgnoredName(kind, name);
        }

        // Before anything is written: while the year switches, its rows are the switch's (docs/replay.md). An invalid path
        // under a year folder still belongs to that year.
        await using var entered = (path.Year ?? StorageKeys.YearOfBlob(name)) is { } year && kind.IsYearScoped
            ? await gate.EnterAsync(year, cancellationToken)
            : OpenYearIntakeGate.Instance;
        IntakeContext? context = null;
        try
        {
            context = await ReadAsync(kind, name, blobVersion, path, cancellationToken);
            var refusal = await RefusalAsync(context, cancellationToken);
            var outcome = await kind.ProcessAsync(context, refusal, cancellationToken);
            var result = new IntakeResult(
                kind.Name,
                kind.Container,
                name,
                path.Year,
                path.CountyCode,
                context.Sha256,
                outcome.ReceivedAt ?? context.ReceivedAt,
                outcome.Outcome,
                outcome.Disposition,
                outcome.VersionId,
                outcome.Findings,
                outcome.ResultBlob,
                outcome.Stored);
            LogIngested(kind.Name, path.Year, path.CountyCode ?? "-", result.Outcome, result.Disposition, result.VersionId, result.Stored, result.ErrorCount, result.WarningCount, outcome.AlreadyRecorded);
            return result;
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Exception messages can quote workbook content (names, e-mail addresses): log types and the stack only.
            var partition = path.IsValid && path.Year is { } y ? StorageKeys.YearCounty(y, path.CountyCode!) : path.CountyCode ?? StorageKeys.InvalidPartition;
            LogFailed(kind.Name, partition, StorageKeys.LogRowKey(name, context?.Sha256), e.GetType().FullName, e.InnerException?.GetType().FullName, e.StackTrace);
            try
            {
                // Not the caller's token: the failure should be recorded even when the host is giving up on the invocation.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await kind.RecordFailureAsync(name, path, context, e, timeout.Token);
            }
            catch (Exception logFailure)
            {
                LogFailureNotRecorded(kind.Name, partition, e.GetType().FullName, logFailure.GetType().FullName);
            }

            throw;
        }
    }

    /// <summary>
    /// An upload over HTTP: the original is kept first — under the first of the kind's names that is free or already holds
    /// these bytes, never replacing another upload — and then runs through <see cref="IngestAsync"/> like a drop; the
    /// blob trigger that follows finds it recorded. A refused upload is kept too, as every original is.
    /// </summary>
    public async Task<IntakeResult> UploadAsync(string container, UploadTarget target, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var kind = KindOf(container);
        var sha = StorageKeys.Sha256Hex(content.Span);
        var client = blobs.GetBlobContainerClient(kind.Container);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var name in kind.UploadNames(target, sha, time.GetUtcNow()))
        {
            if (await TryKeepAsync(client.GetBlobClient(name), content, sha, target.Metadata, cancellationToken))
            {
                return await IngestAsync(kind.Container, name, null, cancellationToken);
            }
        }

        // Only when every candidate name holds other bytes: a system failure (the host answers 500), not the uploader's fault.
        throw new InvalidOperationException("No free blob name for the upload.");
    }

    private async Task<IntakeContext> ReadAsync(IWorkbookKind kind, string name, string? blobVersion, PathReading path, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(kind.Container).GetBlobClient(name);
        if (blobVersion is not null)
        {
            blob = blob.WithVersion(blobVersion);
        }

        BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        // Received: when this content was written (a blob per upload is never rewritten; an older version keeps its own time).
        var receivedAt = properties.LastModified.ToUniversalTime();
        var metadata = UploadMetadata.FromBlobMetadata(properties.Metadata);
        var limit = screening.Value.MaxFileBytes;
        if (properties.ContentLength > limit)
        {
            // The size limit comes before the download: an oversized workbook is never buffered.
            var etag = "etag-" + properties.ETag.ToString().Trim('"');
            return new IntakeContext(name, blobVersion, path, ReadOnlyMemory<byte>.Empty, properties.ContentLength, etag, receivedAt, metadata);
        }

        byte[] content = [];
        if (properties.ContentLength > 0)
        {
            var download = await blob.DownloadContentAsync(
                new BlobDownloadOptions
                {
                    // One byte over the limit is enough to refuse a blob that grew since its properties were read.
                    Range = new HttpRange(0, Math.Min(properties.ContentLength, limit + 1)),
                    Conditions = blobVersion is null ? new BlobRequestConditions { IfMatch = properties.ETag } : null,
                },
                cancellationToken);
            content = download.Value.Content.ToArray();
        }

        return new IntakeContext(name, blobVersion, path, content, Math.Max(properties.ContentLength, content.Length), StorageKeys.Sha256Hex(content), receivedAt, metadata);
    }

    /// <summary>The refusals every kind shares, first one wins: a bad path, a file over the size limit, a closed year.</summary>
    private async Task<IReadOnlyList<Finding>?> RefusalAsync(IntakeContext context, CancellationToken cancellationToken)
    {
        if (context.Path.Refusal is { } pathRefusal)
        {
            return [pathRefusal];
        }

        if (context.Length > screening.Value.MaxFileBytes)
        {
            return [ScreeningFindings.FileTooLarge(context.Length, screening.Value.MaxFileBytes)];
        }

        if (context.Path.Year is { } year && await closures.StateAtAsync(year, context.ReceivedAt, cancellationToken) is { Closed: true } closed)
        {
            return [YearClosureStore.Refusal(closed)];
        }

        return null;
    }

    /// <summary>True when the blob now holds these bytes (kept now, or the same content was already there).</summary>
    private static async Task<bool> TryKeepAsync(BlobClient blob, ReadOnlyMemory<byte> content, string sha, UploadMetadata metadata, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(
                BinaryData.FromBytes(content),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = metadata.ToBlobMetadata(sha),
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (existing.Value.Metadata.TryGetValue("sha256", out var existingSha) && existingSha == sha)
            {
                return true;
            }

            var md5 = existing.Value.ContentHash;
            return md5 is { Length: > 0 } && md5.AsSpan().SequenceEqual(System.Security.Cryptography.MD5.HashData(content.Span));
        }
    }

    // Originals are named by kind, year and county (and the IntakeLog row key, a hash) only: a blob name is the uploader's file name and may contain a person's name.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake of a {Kind} blob ignored: its name is not one the kind takes")]
    private partial void LogIgnored(string kind);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Intake {Kind} {Year} county {CountyCode}: {Outcome} {Disposition} version {VersionId}, {Stored} stored, {ErrorCount} errors, {WarningCount} warnings, already recorded {AlreadyRecorded}")]
    private partial void LogIngested(string kind, int? year, string countyCode, IntakeOutcome outcome, string? disposition, string? versionId, int stored, int errorCount, int warningCount, bool alreadyRecorded);

    [LoggerMessage(EventId = LogEventIds.IntakeFailed, EventName = nameof(LogEventIds.IntakeFailed), Level = LogLevel.Error,
        Message = "Intake {Kind} {Partition}/{LogRowKey} failed with {FailureReason} (inner {InnerFailureReason}); the host will retry. {StackTrace}")]
    private partial void LogFailed(string kind, string partition, string logRowKey, string? failureReason, string? innerFailureReason, string? stackTrace);

    [LoggerMessage(EventId = LogEventIds.IntakeFailureNotRecorded, EventName = nameof(LogEventIds.IntakeFailureNotRecorded), Level = LogLevel.Error,
        Message = "Intake {Kind} {Partition} failed with {FailureReason}, and recording that failed with {LogFailureReason}")]
    private partial void LogFailureNotRecorded(string kind, string partition, string? failureReason, string? logFailureReason);
}
