using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.Core.Pipeline;

namespace PoIntake.Functions.CountyBoards;

/// <summary>Runs the county board report intake for each form a county board drops into <c>countyboard/{year}/{countyCode}.xlsx</c>.</summary>
public sealed partial class IngestCountyBoardReportFunction(IntakePipeline pipeline, ILogger<IngestCountyBoardReportFunction> logger)
{
    /// <summary>The blob path the trigger listens on; devhost's watcher reads it from the attribute.</summary>
    public const string BlobPath = ContainerNames.CountyBoard + "/{year}/{countyCode}.xlsx";

    [Function(nameof(IngestCountyBoardReportFunction))]
    public async Task RunAsync(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = ConnectionNames.Storage)] BlobClient blob,
        CancellationToken cancellationToken)
    {
        // Exceptions (system failures) propagate on purpose: the host retries and finally poisons the blob.
        var record = await pipeline.IngestAsync(ContainerNames.CountyBoard, blob.Name, null, cancellationToken);
        LogIngested(logger, record.Year ?? 0, record.CountyCode ?? "-", record.Outcome, record.Disposition, record.ErrorCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "County board report {Year} county {CountyCode}: {Outcome} ({Disposition}), {ErrorCount} errors")]
    private static partial void LogIngested(ILogger logger, int year, string countyCode, IntakeOutcome outcome, string? disposition, int errorCount);
}
