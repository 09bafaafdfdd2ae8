using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PoIntake.Core;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Totals;

/// <summary>
/// The app composed against the shared Azurite, and valid reports to ingest through the real blob intake. Totals
/// tests use reporting years 2013 and 2014, which the other storage tests (2015–2025) leave alone.
/// </summary>
internal sealed class StorageScenario
{
    private long _lastUploadSecond;

    public const int PreviousYear = 2013;
    public const int Year = 2014;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, StorageScenario> ByConnection = [];

    private StorageScenario(ServiceProvider services)
    {
        Services = services;
    }

    public ServiceProvider Services { get; }

    public static Task<StorageScenario> ForAsync(AzuriteFixture azurite) => ForAsync(azurite.ConnectionString);

    /// <summary>The scenario on the storage account of <paramref name="connectionString"/> (one per account).</summary>
    public static async Task<StorageScenario> ForAsync(string connectionString)
    {
        await Gate.WaitAsync();
        try
        {
            if (!ByConnection.TryGetValue(connectionString, out var scenario))
            {
                var configuration = new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionNames.Storage] = connectionString })
                    .Build();
                var services = new ServiceCollection()
                    .AddLogging()
                    .AddSingleton<IConfiguration>(configuration)
                    .AddPoIntakeCore(configuration)
                    .AddPoIntakeScreening(configuration)
                    .BuildServiceProvider();
                await services.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
                scenario = new StorageScenario(services);
                ByConnection[connectionString] = scenario;
            }

            return scenario;
        }
        finally
        {
            Gate.Release();
        }
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Drops the workbook into reports/ as a county board would and runs the blob intake on it.</summary>
    public async Task<IntakeRecord> IngestAsync(AnnualReport report, string fileName)
    {
        // Blob creation times (the order of uploads) have one-second resolution; uploads in the same second are
        // ordered by version id (docs/storage.md). These scenarios mean "later", so each upload gets its own second.
        var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (second <= _lastUploadSecond)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1000 - DateTimeOffset.UtcNow.Millisecond + 50));
        }

        _lastUploadSecond = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var blobName = $"{report.Operation.Year}/{report.Operation.CountyCode}/{fileName}.xlsx";
        await Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Reports).GetBlobClient(blobName)
            .UploadAsync(BinaryData.FromBytes(ReportWorkbookWriter.Write(report)), overwrite: true);
        return await Get<IReportIntake>().IngestAsync(blobName, CancellationToken.None);
    }

    /// <summary>A report that passes every contract rule, figures drawn from <paramref name="random"/>.</summary>
    public static AnnualReport ValidReport(Random random, int year, string county, string name, params string[] municipalities)
    {
        var clients = new Dictionary<(Gender, AgeGroup), int>();
        foreach (var gender in Enum.GetValues<Gender>())
        {
            foreach (var age in Enum.GetValues<AgeGroup>())
            {
                clients[(gender, age)] = gender == Gender.OtherGender ? random.Next(2) : random.Next(3, 25);
            }
        }

        int GenderClients(Gender g) => clients.Where(kv => kv.Key.Item1 == g).Sum(kv => kv.Value);
        GenderCounts UpTo(Func<Gender, int> max) => new(random.Next(max(Gender.Women) + 1), random.Next(max(Gender.Men) + 1), random.Next(max(Gender.OtherGender) + 1));
        var total = clients.Values.Sum();
        var ombud = new GenderCounts(random.Next(1, 4), random.Next(0, 3), 0);
        var hasWaiting = random.Next(2) == 1;
        var hasPriority = random.Next(3) > 0;
        return new AnnualReport(
            PublishedReportSets.Operation(year, county, name, municipalities),
            new OmbudFigures(ombud, new GenderCounts(random.Next(ombud.Women + 1), random.Next(ombud.Men + 1), 0), Math.Round(ombud.Total * 0.8m, 1)),
            new ClientFigures(clients, random.Next(total + 1), random.Next(total + 1), UpTo(GenderClients)),
            Enum.GetValues<ContactReason>().SelectMany(r => Enum.GetValues<Gender>().Select(g => (r, g))).ToDictionary(k => k, k => random.Next(GenderClients(k.g) + 1)),
            new WaitingFigures(hasWaiting, hasWaiting ? random.Next(5, 200) : 0, hasPriority,
                hasPriority ? Enum.GetValues<PriorityGroup>().Where(_ => random.Next(2) == 1).ToDictionary(g => g, _ => random.Next(1, 4)) : new Dictionary<PriorityGroup, int>()),
            new ManagementGroup(Enum.GetValues<ManagementMember>().ToDictionary(m => m, _ => random.Next(5) > 0), random.Next(1, 8), random.Next(4) > 0),
            Enumerable.Range(0, random.Next(1, 4)).Select(i => new SystemDeficiency(
                (DeficiencyLevel)random.Next(3), (DeficiencyArea)random.Next(6), $"Brist nummer {i + 1}", "Konsekvens", null)).ToArray(),
            new Economy(random.Next(200_000, 900_000) + 0.5m, random.Next(100_000, 200_000)));
    }
}
