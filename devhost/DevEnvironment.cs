using PoIntake.Core.Storage;
using PoIntake.DevHost.Azurite;
using PoIntake.DevHost.Samples;
using PoIntake.DevHost.Storage;

namespace PoIntake.DevHost;

/// <summary>Brings up what the Functions host would find in Azure: storage (Azurite), containers and tables, and the samples.</summary>
internal sealed partial class DevEnvironment(
    DevHostOptions options,
    AzuriteLauncher azurite,
    DevStorage storage,
    ILogger<DevEnvironment> logger) : IHostedService
{
    /// <summary>The samples uploaded at this start (empty when the container already held blobs or --no-samples was given).</summary>
    public IReadOnlyList<UploadedSample> UploadedSamples { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (options.StartAzurite)
            {
                await azurite.EnsureRunningAsync(cancellationToken);
            }

            await storage.InitializeAsync(cancellationToken);
            if (options.UploadSamples)
            {
                var reports = storage.Blobs().GetBlobContainerClient(ContainerNames.Reports);
                UploadedSamples = await SampleUploader.UploadIfEmptyAsync(reports, options.SamplesDirectory, cancellationToken);
                LogUploaded(logger, UploadedSamples.Count, options.SamplesDirectory);

                // The grant cycle, the reminders' recipients (docs/grants.md) and the county boards' own reports: generated, not files under samples/.
                var grants = await SampleUploader.UploadIfEmptyAsync(
                    storage.Blobs().GetBlobContainerClient(ContainerNames.Grants),
                    "grants",
                    GrantSamples.All().Select(g => (g.BlobName, (Func<byte[]>)g.Write)),
                    cancellationToken);
                var contacts = await SampleUploader.UploadIfEmptyAsync(
                    storage.Blobs().GetBlobContainerClient(ContainerNames.Contacts),
                    "contacts",
                    ContactSamples.All().Select(c => (c.BlobName, (Func<byte[]>)c.Write)),
                    cancellationToken);
                var countyBoards = await SampleUploader.UploadIfEmptyAsync(
                    storage.Blobs().GetBlobContainerClient(ContainerNames.CountyBoard),
                    "countyboard",
                    CountyBoardSamples.All().Select(c => (c.BlobName, (Func<byte[]>)c.Write)),
                    cancellationToken);
                LogUploadedRegisters(logger, grants.Count, contacts.Count, countyBoards.Count);
            }

            storage.MarkReady();
        }
        catch (Exception ex)
        {
            storage.MarkFailed(ex);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        azurite.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {Count} sample workbooks from {Directory}")]
    private static partial void LogUploaded(ILogger logger, int count, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {GrantRegisters} sample grant registers, {ContactRegisters} sample contacts registers and {CountyBoardReports} sample county board reports")]
    private static partial void LogUploadedRegisters(ILogger logger, int grantRegisters, int contactRegisters, int countyBoardReports);
}
