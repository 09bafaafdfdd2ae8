using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoIntake.Core.Diagnostics;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Storage;

/// <summary>
/// The blob intake: reads <c>reports/{blobName}</c>, checks it and stores the outcome in the write order of
/// docs/storage.md. Every step is idempotent, so a retry after a crash completes what the failed attempt began.
/// </summary>
public sealed partial class ReportIntakeService(
    BlobServiceClient blobs,
    ReportChecker checker,
    IntakeResultStore results,
    ReportVersionStore versions,
    CurrentReportStore currentReports,
    YearRevisionStore revisions,
    IntakeLogStore log,
    IYearIntakeGate gate,
    YearClosureStore closures,
    MunicipalityRegistry registry,
    TimeProvider time,
    IOptions<ScreeningOptions> screening,
    ILogger<ReportIntakeService> logger) : IReportIntake
{
    public async Task<IntakeRecord> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        var (origin, pathFinding) = ReportBlobPath.Parse(blobName, registry);
        var partitionKey = origin is null ? StorageKeys.InvalidPartition : StorageKeys.YearCounty(origin.Year, origin.CountyCode);

        // Before anything is written: while the year switches, its rows are the switch's (docs/replay.md).
        await using var entered = StorageKeys.YearOfBlob(blobName) is { } year
            ? await gate.EnterAsync(year, cancellationToken)
            : OpenYearIntakeGate.Instance;
        Upload? upload = null;
        try
        {
            upload = await DownloadAsync(blobName, cancellationToken);
            var rowKey = StorageKeys.LogRowKey(blobName, upload.Sha256);
            var previous = await log.FindAsync(partitionKey, rowKey, cancellationToken);
            if (previous is not null && previous.OutcomeValue != IntakeOutcome.Failed)
            {
                LogAlreadyProcessed(partitionKey, rowKey, previous.Outcome);
                return previous.ToRecord();
            }

            var attempts = (previous?.Attempts ?? 0) + await log.RemoveUnknownContentFailureAsync(partitionKey, blobName, cancellationToken) + 1;
            // The day the county board received the report (blob metadata receivedon; unstated: the upload's Swedish day).
            var receivedOn = ReceivedOn.Resolve(upload.StatedReceivedOn, origin?.Year ?? 0, upload.ReceivedAt);
            var check = origin is null
                ? new CheckResult(IntakeOutcome.Rejected, null, [pathFinding!])
                : await closures.StateAtAsync(origin.Year, upload.ReceivedAt, cancellationToken) is { Closed: true } closed
                    ? new CheckResult(IntakeOutcome.Rejected, null, [YearClosureStore.Refusal(closed)])
                    : receivedOn.Problem is { } receivedOnProblem
                        ? new CheckResult(IntakeOutcome.Rejected, null, [receivedOnProblem])
                        : await checker.CheckAsync(upload.Content, origin, cancellationToken);

            var entry = new IntakeLogEntity
            {
                PartitionKey = partitionKey,
                RowKey = rowKey,
                BlobName = blobName,
                Sha256 = upload.Sha256,
                ReceivedAt = upload.ReceivedAt,
                ReceivedOn = ReceivedOn.Text(receivedOn.Day),
                Outcome = check.Outcome.ToString(),
                ErrorCount = check.ErrorCount,
                WarningCount = check.WarningCount,
                FindingsJson = IntakeJson.SerializeFindings(check.Findings),
                ResultBlob = StorageKeys.ResultBlobName(blobName, origin is not null, upload.Sha256),
                Attempts = attempts,
            };

            if (check is { Outcome: IntakeOutcome.Accepted, Report: { } report } && origin is not null)
            {
                await StoreAcceptedAsync(entry, origin, report, check, upload, cancellationToken);
            }
            else
            {
                await results.WriteAsync(entry.ResultBlob, Document(entry, check, origin, null), cancellationToken);
                entry.ProcessedAt = time.GetUtcNow();
                await log.UpsertAsync(entry, cancellationToken);
            }

            LogIngested(partitionKey, rowKey, entry.Outcome, entry.Disposition, entry.VersionId, entry.ErrorCount, entry.WarningCount, attempts);
            return entry.ToRecord();
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            await RecordFailureAsync(blobName, partitionKey, upload, e);
            throw;
        }
    }

    private async Task StoreAcceptedAsync(
        IntakeLogEntity entry, ExpectedOrigin origin, AnnualReport report, CheckResult check, Upload upload, CancellationToken cancellationToken)
    {
        if (report.Operation.Year != origin.Year || report.Operation.CountyCode != origin.CountyCode)
        {
            // The parser rejects a workbook whose year or county differs from its path; reaching here is a bug.
            throw new InvalidOperationException("An accepted report's year or county differs from its upload path.");
        }

        var operationKey = OperationKey.From(report.Operation.Name);
        var versionId = StorageKeys.VersionId(origin.Year, origin.CountyCode, upload.Sha256);
        entry.OperationKey = operationKey;
        entry.OperationName = report.Operation.Name;
        entry.VersionId = versionId;

        await results.WriteAsync(entry.ResultBlob!, Document(entry, check, origin, operationKey), cancellationToken);
        await versions.SaveContentAsync(versionId, report, operationKey, cancellationToken);
        var version = ReportVersionStore.Create(versionId, entry.BlobName, upload.Sha256, upload.ReceivedAt, check.WarningCount, report);
        version.ReceivedOn = entry.ReceivedOn;
        var existing = await versions.AddIfMissingAsync(version, cancellationToken);
        var duplicate = existing is not null && existing.BlobName != entry.BlobName;

        var candidate = new CurrentCandidate(
            origin.Year,
            origin.CountyCode,
            operationKey,
            versionId,
            upload.ReceivedAt,
            existing?.BlobName ?? entry.BlobName,
            report.IsNilReturn,
            report.Operation.MunicipalityCodes,
            report.Operation.Name,
            report.Operation.ProviderName,
            ReportVersionStore.OrganisationFormId(report.Operation))
        {
            District = report.Operation.District,
        };
        var placement = await currentReports.PlaceAsync(candidate, cancellationToken);
        if (placement.IsCurrent)
        {
            // Whenever this version is current, not only when this attempt changed the entry: a crash between placing
            // and bumping leaves the entry placed, and the retry (which changes nothing) must still bump, or readers keep
            // the old totals (or none, for a year's first report). An extra bump only makes caches reload.
            await revisions.BumpAsync(origin.Year, cancellationToken);
        }

        entry.Disposition = duplicate ? Dispositions.Duplicate
            : placement.IsCurrent ? Dispositions.Current
            : Dispositions.OlderThanCurrent;
        entry.ProcessedAt = time.GetUtcNow();
        await log.UpsertAsync(entry, cancellationToken);

        if (entry.Disposition == Dispositions.Current)
        {
            // A later upload may have been placed while this entry was being written; its reconcile could not see the entry.
            var after = await currentReports.ReconcileAsync(candidate, changed: false, cancellationToken);
            if (!after.IsCurrent)
            {
                entry.Disposition = Dispositions.Superseded;
            }
        }
    }

    private async Task<Upload> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(ContainerNames.Reports).GetBlobClient(blobName);
        BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        // One byte over the screener's limit is enough for it to refuse the file; no need to buffer a huge upload.
        var limit = screening.Value.MaxFileBytes + 1;
        byte[] content = [];
        if (properties.ContentLength > 0)
        {
            var download = await blob.DownloadContentAsync(
                new BlobDownloadOptions
                {
                    Range = new Azure.HttpRange(0, Math.Min(properties.ContentLength, limit)),
                    Conditions = new BlobRequestConditions { IfMatch = properties.ETag },
                },
                cancellationToken);
            content = download.Value.Content.ToArray();
        }

        return new Upload(content, StorageKeys.Sha256Hex(content), properties.CreatedOn.ToUniversalTime())
        {
            StatedReceivedOn = properties.Metadata.TryGetValue(ReceivedOn.MetadataKey, out var stated) ? stated : null,
        };
    }

    private async Task RecordFailureAsync(string blobName, string partitionKey, Upload? upload, Exception exception)
    {
        var reason = exception.GetType().FullName ?? exception.GetType().Name;
        var rowKey = StorageKeys.LogRowKey(blobName, upload?.Sha256);

        // Exception messages can quote workbook content (names, e-mail addresses): log types and the stack only.
        LogFailed(partitionKey, rowKey, reason, exception.InnerException?.GetType().FullName, exception.StackTrace);
        try
        {
            // Not the caller's token: the failure should be recorded even when the host is giving up on the invocation.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await log.RecordFailureAsync(
                new IntakeLogEntity
                {
                    PartitionKey = partitionKey,
                    RowKey = rowKey,
                    BlobName = blobName,
                    Sha256 = upload?.Sha256,
                    ReceivedAt = upload?.ReceivedAt,
                    ProcessedAt = time.GetUtcNow(),
                    Outcome = nameof(IntakeOutcome.Failed),
                    FailureReason = reason,
                },
                timeout.Token);
        }
        catch (Exception logFailure)
        {
            LogFailureNotRecorded(partitionKey, rowKey, reason, logFailure.GetType().FullName);
        }
    }

    private static IntakeResultDocument Document(IntakeLogEntity entry, CheckResult check, ExpectedOrigin? origin, string? operationKey) => new(
        entry.BlobName,
        entry.Sha256!,
        entry.ReceivedAt!.Value,
        check.Outcome,
        origin?.Year,
        origin?.CountyCode,
        operationKey,
        entry.VersionId,
        check.ErrorCount,
        check.WarningCount,
        check.Findings)
    {
        ReceivedOn = entry.ReceivedOn,
    };

    private sealed record Upload(byte[] Content, string Sha256, DateTimeOffset ReceivedAt)
    {
        /// <summary>The blob's <see cref="ReceivedOn.MetadataKey"/> metadata as dropped, unchecked.</summary>
        public string? StatedReceivedOn { get; init; }
    }

    // Uploads are identified by their IntakeLog keys: the blob name is the uploader's file name and may contain a person's name.
    [LoggerMessage(Level = LogLevel.Information, Message = "Intake {Partition}/{LogRowKey}: already recorded as {Outcome}, nothing to do")]
    private partial void LogAlreadyProcessed(string partition, string logRowKey, string outcome);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Intake {Partition}/{LogRowKey}: {Outcome} {Disposition} version {VersionId}, {ErrorCount} errors, {WarningCount} warnings, attempt {Attempts}")]
    private partial void LogIngested(string partition, string logRowKey, string outcome, string disposition, string? versionId, int errorCount, int warningCount, int attempts);

    [LoggerMessage(EventId = LogEventIds.IntakeFailed, EventName = nameof(LogEventIds.IntakeFailed), Level = LogLevel.Error,
        Message = "Intake {Partition}/{LogRowKey} failed with {FailureReason} (inner {InnerFailureReason}); the host will retry. {StackTrace}")]
    private partial void LogFailed(string partition, string logRowKey, string failureReason, string? innerFailureReason, string? stackTrace);

    [LoggerMessage(EventId = LogEventIds.IntakeFailureNotRecorded, EventName = nameof(LogEventIds.IntakeFailureNotRecorded), Level = LogLevel.Error,
        Message = "Intake {Partition}/{LogRowKey} failed with {FailureReason}, and writing that to IntakeLog failed with {LogFailureReason}")]
    private partial void LogFailureNotRecorded(string partition, string logRowKey, string failureReason, string? logFailureReason);
}
