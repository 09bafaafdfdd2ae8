using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>The validation report of one upload, as stored (camelCase JSON) in the intake-results container.</summary>
public sealed record IntakeResultDocument(
    string Blob,
    string Sha256,
    DateTimeOffset ReceivedAt,
    IntakeOutcome Outcome,
    int? Year,
    string? CountyCode,
    string? OperationKey,
    string? VersionId,
    int ErrorCount,
    int WarningCount,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>The day the county board received the report (<see cref="Intake.ReceivedOn"/>, yyyy-MM-dd); stated or the upload's day.</summary>
    public string? ReceivedOn { get; init; }
}

/// <summary>Blobs of container intake-results (of a prefixed set: <see cref="StorageTables.ResultsContainer"/>).</summary>
public sealed class IntakeResultStore(BlobServiceClient blobs, StorageTables tables)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(tables.ResultsContainer);

    /// <summary>Step 1 of the write order (overwrites: the same upload always yields the same document).</summary>
    public async Task WriteAsync(string resultBlobName, IntakeResultDocument document, CancellationToken cancellationToken)
    {
        var json = BinaryData.FromObjectAsJson(document, IntakeJson.Options);
        await _container.GetBlobClient(resultBlobName).UploadAsync(
            json,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
            cancellationToken);
    }

    /// <summary>The stored validation report, or null when there is none under that name.</summary>
    public async Task<IntakeResultDocument?> FindAsync(string resultBlobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(resultBlobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<IntakeResultDocument>(IntakeJson.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
