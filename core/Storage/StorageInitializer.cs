using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace PoIntake.Core.Storage;

/// <summary>Creates every container and table of docs/storage.md if missing (devhost start-up and tests; in Azure Bicep creates them).</summary>
public sealed class StorageInitializer(BlobServiceClient blobs, StorageTables tables)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var container in new[] { ContainerNames.Reports, tables.ResultsContainer, ContainerNames.Contacts, ContainerNames.Grants, ContainerNames.CountyBoard, ContainerNames.Replays })
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var table in TableNames.All)
        {
            await tables.Get(table).CreateIfNotExistsAsync(cancellationToken);
        }
    }
}
