using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Grants;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;

namespace PoIntake.Functions.Grants;

/// <summary>
/// Runs the grant register intake for every blob in <c>grants/</c>: a county board's drop at <c>grants/{year}/{countyCode}.xlsx</c>
/// or an upload kept at <c>grants/{year}/{countyCode}/{uploaded}.xlsx</c>; any other name is refused with GRANTS_PATH_INVALID.
/// </summary>
public sealed partial class IngestGrantRegisterFunction(GrantIntakeService intake, ILogger<IngestGrantRegisterFunction> logger)
{
    /// <summary>The blob path the trigger listens on; devhost's watcher reads it from the attribute.</summary>
    public const string BlobPath = ContainerNames.Grants + "/{name}";

    [Function(nameof(IngestGrantRegisterFunction))]
    public async Task RunAsync(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = ConnectionNames.Storage)] BlobClient blob,
        CancellationToken cancellationToken)
    {
        // Exceptions (system failures) propagate on purpose: the host retries and finally poisons the blob.
        var record = await intake.IngestAsync(blob.Name, cancellationToken);
        LogIngested(logger, record.Year ?? 0, record.CountyCode ?? "-", record.Outcome, record.Disposition, record.ApplicationCount, record.ErrorCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grant register {Year} county {CountyCode}: {Outcome} ({Disposition}), {ApplicationCount} applications, {ErrorCount} errors")]
    private static partial void LogIngested(ILogger logger, int year, string countyCode, IntakeOutcome outcome, string? disposition, int applicationCount, int errorCount);
}
