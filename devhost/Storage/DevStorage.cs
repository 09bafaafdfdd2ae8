using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PoIntake.Core.Storage;

namespace PoIntake.DevHost.Storage;

/// <summary>Storage clients for named connections (connection strings; Azurite locally) and the start-up gate the watcher waits on.</summary>
internal sealed class DevStorage(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, BlobServiceClient> blobClients = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when containers and tables exist and the samples are uploaded.</summary>
    public Task Ready => ready.Task;

    public string ConnectionString(string? connectionName = null)
    {
        var name = connectionName ?? ConnectionNames.Storage;
        return configuration[name] ?? configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"No connection string '{name}' is configured.");
    }

    public BlobServiceClient Blobs(string? connectionName = null) =>
        blobClients.GetOrAdd(connectionName ?? ConnectionNames.Storage, name => new BlobServiceClient(ConnectionString(name)));

    public TableServiceClient Tables() => new(ConnectionString());

    /// <summary>Creates the containers and tables of docs/storage.md when missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var container in new[] { ContainerNames.Reports, ContainerNames.IntakeResults, ContainerNames.Contacts, ContainerNames.Grants })
        {
            await Blobs().GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        var tables = Tables();
        foreach (var table in TableNames.All)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }
    }

    public void MarkReady() => ready.TrySetResult();

    public void MarkFailed(Exception exception) => ready.TrySetException(exception);
}
