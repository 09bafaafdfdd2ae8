using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;

namespace PoIntake.Functions.Intake;

/// <summary>Runs the intake for each workbook a county board drops into <c>reports/{year}/{countyCode}/{name}.xlsx</c>.</summary>
public sealed partial class IngestReportFunction(IReportIntake intake, ILogger<IngestReportFunction> logger)
{
    /// <summary>The blob path the trigger listens on; devhost's watcher reads it from the worker's generated metadata, not from here.</summary>
    public const string BlobPath = ContainerNames.Reports + "/{year}/{countyCode}/{name}.xlsx";

    [Function(nameof(IngestReportFunction))]
    public async Task RunAsync(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = ConnectionNames.Storage)] BlobClient blob,
        CancellationToken cancellationToken)
    {
        // Exceptions (system failures) propagate on purpose: the host retries and finally poisons the blob.
        var record = await intake.IngestAsync(blob.Name, cancellationToken);

        // The blob name is the uploader's file name and may contain a person's name, so only its hash is logged.
        LogIngested(logger, record.Outcome, record.Disposition, record.VersionId, Count(record, Severity.Error), Count(record, Severity.Warning), record.Sha256);
    }

    private static int Count(IntakeRecord record, Severity severity) => record.Findings.Count(f => f.Severity == severity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake {Outcome} ({Disposition}) version {VersionId}: {ErrorCount} errors, {WarningCount} warnings, content {Sha256}")]
    private static partial void LogIngested(ILogger logger, IntakeOutcome outcome, string? disposition, string? versionId, int errorCount, int warningCount, string sha256);
}
