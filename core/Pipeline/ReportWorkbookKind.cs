using System.Text;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Pipeline;

/// <summary>
/// The county boards' report workbooks, <c>reports/{year}/{countyCode}/{fileName}.xlsx</c>: checked by
/// <see cref="ReportChecker"/> (parser, previous-year comparison, coverage, the grant cross-check) and stored in the write
/// order of docs/storage.md. Every step is idempotent, and the IntakeLog row (per blob name and content) says what an
/// earlier run did, so a retry completes what a failed attempt began and a second trigger does nothing.
/// </summary>
public sealed partial class ReportWorkbookKind(
    ReportChecker checker,
    IntakeResultStore results,
    ReportVersionStore versions,
    CurrentReportStore currentReports,
    YearRevisionStore revisions,
    IntakeLogStore log,
    MunicipalityRegistry registry,
    TimeProvider time,
    ILogger<ReportWorkbookKind> logger) : IWorkbookKind
{
    /// <summary>The file name of an upload whose client sent none.</summary>
    public const string DefaultUploadName = "redovisning";

    public string Name => "report";

    public string Container => ContainerNames.Reports;

    public bool IsYearScoped => true;

    public PathReading ParsePath(string name) => ReportBlobPath.Parse(name, registry) switch
    {
        ({ } origin, _) => PathReading.Valid(origin.Year, origin.CountyCode),
        (_, var finding) => PathReading.Refused(finding!),
    };

    public async Task<KindOutcome> ProcessAsync(IntakeContext context, IReadOnlyList<Finding>? refusal, CancellationToken cancellationToken)
    {
        var partitionKey = PartitionOf(context.Path);
        var rowKey = StorageKeys.LogRowKey(context.Name, context.Sha256);
        // One range query finds this content's entry and a failure from before the content was known.
        var entries = await log.ListBlobAsync(partitionKey, context.Name, cancellationToken);
        var previous = entries.FirstOrDefault(e => e.RowKey == rowKey);
        if (previous is not null && previous.OutcomeValue != IntakeOutcome.Failed)
        {
            LogAlreadyProcessed(partitionKey, rowKey, previous.Outcome);
            var record = previous.ToRecord();
            return new KindOutcome(record.Outcome, record.Findings, record.Disposition, record.VersionId, previous.ResultBlob, record.Outcome == IntakeOutcome.Accepted ? 1 : 0, AlreadyRecorded: true, record.ReceivedAt);
        }

        var attempts = (previous?.Attempts ?? 0) + await log.RemoveUnknownContentFailureAsync(entries, context.Name, cancellationToken) + 1;
        var origin = context.Path.IsValid ? new ExpectedOrigin(context.Year, context.CountyCode) : null;
        // The day the county board received the report (blob metadata receivedon; unstated: the upload's Swedish day).
        var receivedOn = ReceivedOn.Resolve(context.Metadata.ReceivedOn, origin?.Year ?? 0, context.ReceivedAt);
        var check = refusal is not null
            ? new CheckResult(IntakeOutcome.Rejected, null, refusal)
            : receivedOn.Problem is { } receivedOnProblem
                ? new CheckResult(IntakeOutcome.Rejected, null, [receivedOnProblem])
                : await checker.CheckAsync(context.Content, origin!, cancellationToken);

        var entry = new IntakeLogEntity
        {
            PartitionKey = partitionKey,
            RowKey = rowKey,
            BlobName = context.Name,
            Sha256 = context.Sha256,
            ReceivedAt = context.ReceivedAt,
            ReceivedOn = ReceivedOn.Text(receivedOn.Day),
            Outcome = check.Outcome.ToString(),
            ErrorCount = check.ErrorCount,
            WarningCount = check.WarningCount,
            FindingsJson = IntakeJson.SerializeFindings(check.Findings),
            ResultBlob = StorageKeys.ResultBlobName(context.Name, origin is not null, context.Sha256),
            Attempts = attempts,
        };

        if (check is { Outcome: IntakeOutcome.Accepted, Report: { } report } && origin is not null)
        {
            await StoreAcceptedAsync(entry, origin, report, check, context, cancellationToken);
        }
        else
        {
            await results.WriteAsync(entry.ResultBlob, Document(entry, check, origin, null), cancellationToken);
            entry.ProcessedAt = time.GetUtcNow();
            await log.UpsertAsync(entry, cancellationToken);
        }

        LogIngested(partitionKey, rowKey, entry.Outcome, entry.Disposition, entry.VersionId, entry.ErrorCount, entry.WarningCount, attempts);
        return new KindOutcome(check.Outcome, check.Findings, entry.Disposition is { Length: > 0 } disposition ? disposition : null, entry.VersionId, entry.ResultBlob, check.Outcome == IntakeOutcome.Accepted ? 1 : 0);
    }

    public async Task RecordFailureAsync(string name, PathReading path, IntakeContext? context, Exception exception, CancellationToken cancellationToken) =>
        await log.RecordFailureAsync(
            new IntakeLogEntity
            {
                PartitionKey = PartitionOf(path),
                RowKey = StorageKeys.LogRowKey(name, context?.Sha256),
                BlobName = name,
                Sha256 = context?.Sha256,
                ReceivedAt = context?.ReceivedAt,
                ProcessedAt = time.GetUtcNow(),
                Outcome = nameof(IntakeOutcome.Failed),
                FailureReason = exception.GetType().FullName ?? exception.GetType().Name,
            },
            cancellationToken);

    /// <summary><c>{year}/{county}/{name}.xlsx</c> from the client's file name, then with the content's hash when another upload has that name.</summary>
    public IEnumerable<string> UploadNames(UploadTarget target, string sha256, DateTimeOffset at)
    {
        var baseName = SafeName(target.Metadata.FileName) is { Length: > 0 } safe ? safe : DefaultUploadName;
        foreach (var candidate in new[] { baseName, $"{baseName}-{sha256[..8]}", $"{baseName}-{sha256[..16]}" })
        {
            yield return $"{StorageKeys.Year(target.Year ?? 0)}/{target.CountyCode}/{candidate}.xlsx";
        }
    }

    /// <summary>File name from the client reduced to letters, digits, '-' and '_' (no path, no extension).</summary>
    public static string SafeName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return string.Empty;
        }

        var name = System.IO.Path.GetFileName(fileName.Replace('\\', '/'));
        if (name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^5];
        }

        var builder = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(ch) || ch is '-' or '_')
            {
                builder.Append(ch);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }

            if (builder.Length >= 80)
            {
                break;
            }
        }

        return builder.ToString().Trim('-');
    }

    private static string PartitionOf(PathReading path) =>
        path.IsValid ? StorageKeys.YearCounty(path.Year!.Value, path.CountyCode!) : StorageKeys.InvalidPartition;

    private async Task StoreAcceptedAsync(
        IntakeLogEntity entry, ExpectedOrigin origin, AnnualReport report, CheckResult check, IntakeContext upload, CancellationToken cancellationToken)
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
            UploadBlobName = entry.BlobName,
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

    // Uploads are identified by their IntakeLog keys: the blob name is the uploader's file name and may contain a person's name.
    [LoggerMessage(Level = LogLevel.Information, Message = "Intake {Partition}/{LogRowKey}: already recorded as {Outcome}, nothing to do")]
    private partial void LogAlreadyProcessed(string partition, string logRowKey, string outcome);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Intake {Partition}/{LogRowKey}: {Outcome} {Disposition} version {VersionId}, {ErrorCount} errors, {WarningCount} warnings, attempt {Attempts}")]
    private partial void LogIngested(string partition, string logRowKey, string outcome, string disposition, string? versionId, int errorCount, int warningCount, int attempts);
}
