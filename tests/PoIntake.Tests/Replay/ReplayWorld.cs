using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Contacts;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;
using PoIntake.DevHost.Samples;
using PoIntake.DevHost.Storage;
using PoIntake.Functions;

namespace PoIntake.Tests.Replay;

/// <summary>
/// The app as the Functions host composes it (<see cref="FunctionAppServiceCollectionExtensions.AddPoIntakeFunctionApp"/>,
/// replay included) on a storage account of its own, with the live intake run as the blob triggers run it: each upload
/// ingested right after it lands. Two worlds on the same account share the originals and the live tables, with different
/// configuration (a rule in effect when the live intake ran, another for the replay).
/// </summary>
internal sealed class ReplayWorld : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ReplayWorld(ServiceProvider provider, FakeTimeProvider time)
    {
        _provider = provider;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IYearReplay Replay => Get<IYearReplay>();

    public BlobServiceClient Blobs => Get<BlobServiceClient>();

    public TableServiceClient Tables => Get<TableServiceClient>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>The app on <paramref name="connectionString"/>; <paramref name="blobPolicy"/> sees every blob request (no retries then).</summary>
    public static async Task<ReplayWorld> CreateAsync(
        string connectionString, IReadOnlyDictionary<string, string?>? settings = null, HttpPipelinePolicy? blobPolicy = null)
    {
        var values = new Dictionary<string, string?> { [ConnectionNames.Storage] = connectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 3, 15, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        if (blobPolicy is not null)
        {
            var options = new BlobClientOptions();
            options.Retry.MaxRetries = 0;
            options.AddPolicy(blobPolicy, HttpPipelinePosition.PerCall);
            services.AddSingleton(new BlobServiceClient(connectionString, options));
        }

        services.AddPoIntakeFunctionApp(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        return new ReplayWorld(provider, time);
    }

    /// <summary>Uploads a report and runs the live intake on it, as the blob trigger does.</summary>
    public async Task<IntakeRecord> DropReportAsync(string blobName, byte[] content)
    {
        await Blobs.GetBlobContainerClient(ContainerNames.Reports).GetBlobClient(blobName).UploadAsync(new BinaryData(content), overwrite: false);
        return await Get<IReportIntake>().IngestAsync(blobName, CancellationToken.None);
    }

    /// <summary>Writes <c>grants/{blobName}</c> (overwriting, as a county board's drop under the same name does) and runs the live grant intake.</summary>
    public async Task<GrantIntakeRecord> DropGrantRegisterAsync(string blobName, byte[] content)
    {
        await Blobs.GetBlobContainerClient(ContainerNames.Grants).GetBlobClient(blobName).UploadAsync(new BinaryData(content), overwrite: true);
        return await Get<GrantIntakeService>().IngestAsync(blobName, CancellationToken.None);
    }

    /// <summary>Writes <c>contacts/{blobName}</c> and runs the live contacts import.</summary>
    public async Task<ContactImportResult?> DropContactsAsync(string blobName, byte[] content)
    {
        await Blobs.GetBlobContainerClient(ContainerNames.Contacts).GetBlobClient(blobName).UploadAsync(new BinaryData(content), overwrite: true);
        return await Get<ContactImportService>().IngestAsync(blobName, CancellationToken.None);
    }

    /// <summary>
    /// Loads what devhost loads, each ingested as its trigger would: the committed sample workbooks into reports/ (some
    /// rejected on purpose), then the generated grant registers, then the contacts registers, each kind a second later.
    /// </summary>
    public async Task<IReadOnlyList<UploadedSample>> LoadSamplesAsync()
    {
        var reports = Blobs.GetBlobContainerClient(ContainerNames.Reports);
        var uploaded = await SampleUploader.UploadIfEmptyAsync(reports, Path.Combine(RepositoryRoot.Path, "samples"), CancellationToken.None);
        Assert.Contains(uploaded, u => u.Kind == "invalid");
        var outcomes = new List<IntakeOutcome>();
        foreach (var sample in uploaded)
        {
            outcomes.Add((await Get<IReportIntake>().IngestAsync(sample.BlobName, CancellationToken.None)).Outcome);
        }

        Assert.Contains(IntakeOutcome.Rejected, outcomes);
        await NextSecondAsync();
        foreach (var grant in GrantSamples.All())
        {
            Assert.Equal(IntakeOutcome.Accepted, (await DropGrantRegisterAsync(grant.BlobName, grant.Write())).Outcome);
        }

        await NextSecondAsync();
        foreach (var contacts in ContactSamples.All())
        {
            Assert.NotNull(await DropContactsAsync(contacts.BlobName, contacts.Write()));
        }

        return uploaded;
    }

    /// <summary>
    /// Waits until the wall clock is in a new second: blob creation times have one-second resolution, and a replay orders
    /// uploads of the same second by name, so a test that needs a kind's upload strictly before another's waits for it.
    /// </summary>
    public static async Task NextSecondAsync()
    {
        var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() == second)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Runs a replay of the year as <paramref name="actor"/>, a second after the previous one (replay ids have one-second resolution).</summary>
    public async Task<(ReplayRun Run, JsonNode Report)> RunAsync(int year, string actor = "test@socialstyrelsen.example.se")
    {
        Time.Advance(TimeSpan.FromSeconds(1));
        var run = await Replay.RunAsync(year, actor, CancellationToken.None);
        var json = await Replay.OpenReportAsync(ReplaySet.Parse(year, run.ReplayId)!, ReplayReportFormat.Json, CancellationToken.None);
        Assert.NotNull(json);
        return (run, JsonNode.Parse(json.ToString())!);
    }

    /// <summary>
    /// Every row of the live tables (ReplayLog aside: the audit a run writes by design) with its ETag, and every blob of
    /// the live containers with its ETag: equal before and after exactly when nothing live was written.
    /// </summary>
    public async Task<string> LiveStateAsync()
    {
        var text = new StringBuilder();
        foreach (var table in TableNames.All.Where(t => t != TableNames.ReplayLog))
        {
            await foreach (var entity in Tables.GetTableClient(table).QueryAsync<TableEntity>())
            {
                text.Append(table).Append('|').Append(entity.PartitionKey).Append('|').Append(entity.RowKey).Append('|').Append(entity.ETag);
                foreach (var (key, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append('|').Append(key).Append('=').Append(value);
                }

                text.AppendLine();
            }
        }

        foreach (var container in new[] { ContainerNames.Reports, ContainerNames.IntakeResults, ContainerNames.Grants, ContainerNames.Contacts })
        {
            await foreach (var blob in Blobs.GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
            {
                text.Append(container).Append('/').Append(blob.Name).Append('|').Append(blob.Properties.ETag).Append('|')
                    .Append(Convert.ToHexString(blob.Properties.ContentHash ?? [])).AppendLine();
            }
        }

        return text.ToString();
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>Fails every download (GET) of one blob once armed: an original whose intake throws.</summary>
internal sealed class FailDownloadPolicy(string blobPath) : HttpPipelineSynchronousPolicy
{
    public bool Armed { get; set; }

    public override void OnSendingRequest(HttpMessage message)
    {
        if (Armed && message.Request.Method == RequestMethod.Get && Uri.UnescapeDataString(message.Request.Uri.Path).EndsWith("/" + blobPath, StringComparison.Ordinal))
        {
            throw new RequestFailedException(503, "Simulerat lagringsfel");
        }
    }
}
