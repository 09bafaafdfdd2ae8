using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Storage;

namespace PoIntake.Functions.Reminders;

/// <summary>Loads a county board's contacts register when <c>contacts/{countyCode}.xlsx</c> is uploaded.</summary>
public sealed partial class IngestContactsFunction(ContactImportService contacts, ILogger<IngestContactsFunction> logger)
{
    public const string BlobPath = ContainerNames.Contacts + "/{countyCode}.xlsx";

    [Function(nameof(IngestContactsFunction))]
    public async Task RunAsync(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = ConnectionNames.Storage)] BlobClient blob,
        CancellationToken cancellationToken)
    {
        var result = await contacts.IngestAsync(blob.Name, cancellationToken);
        if (result is not null)
        {
            LogIngested(logger, result.CountyCode, result.Replaced, result.Loaded, result.Findings.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Contacts of county {CountyCode}: replaced {Replaced}, {Loaded} loaded, {FindingCount} findings")]
    private static partial void LogIngested(ILogger logger, string countyCode, bool replaced, int loaded, int findingCount);
}
