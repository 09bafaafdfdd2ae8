using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PoIntake.Core;
using PoIntake.Core.Intake;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Storage;

namespace PoIntake.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPoIntakeStorage_IdentityBasedSettings_ClientsUseTheServiceUris()
    {
        using var provider = Build(new()
        {
            ["PoIntakeStorage:blobServiceUri"] = "https://pointakeprod.blob.core.windows.net",
            ["PoIntakeStorage:queueServiceUri"] = "https://pointakeprod.queue.core.windows.net",
            ["PoIntakeStorage:tableServiceUri"] = "https://pointakeprod.table.core.windows.net",
            ["PoIntakeStorage:credential"] = "managedidentity",
            ["PoIntakeStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal("pointakeprod.blob.core.windows.net", provider.GetRequiredService<BlobServiceClient>().Uri.Host);
        Assert.Equal("pointakeprod.table.core.windows.net", provider.GetRequiredService<TableServiceClient>().Uri.Host);
    }

    [Fact]
    public void AddPoIntakeStorage_AccountNameOnly_DerivesPublicCloudUris()
    {
        using var provider = Build(new() { ["PoIntakeStorage:accountName"] = "pointaketest", ["PoIntakeStorage:credential"] = "managedidentity" });

        Assert.Equal(new Uri("https://pointaketest.blob.core.windows.net"), provider.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://pointaketest.table.core.windows.net"), provider.GetRequiredService<TableServiceClient>().Uri);
    }

    [Fact]
    public void AddPoIntakeStorage_ConnectionString_UsesItsEndpoints()
    {
        using var provider = Build(new()
        {
            ["PoIntakeStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:12345/devstoreaccount1;TableEndpoint=http://127.0.0.1:12347/devstoreaccount1;",
        });

        Assert.Equal(12345, provider.GetRequiredService<BlobServiceClient>().Uri.Port);
        Assert.Equal(12347, provider.GetRequiredService<TableServiceClient>().Uri.Port);
    }

    [Fact]
    public void AddPoIntakeStorage_NoConnection_FailsNamingTheSettings()
    {
        using var provider = Build([]);

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<BlobServiceClient>());
        Assert.Contains("PoIntakeStorage__blobServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPoIntakeStorage_RegistersStoresAndThePreviousReportSource()
    {
        using var provider = Build(new() { ["PoIntakeStorage"] = "UseDevelopmentStorage=true" });

        Assert.Same(provider.GetRequiredService<CurrentReportStore>(), provider.GetRequiredService<IPreviousReportSource>());
        Assert.Same(provider.GetRequiredService<CurrentReportStore>(), provider.GetRequiredService<ICurrentCoverageSource>());
        Assert.NotNull(provider.GetRequiredService<StorageInitializer>());
    }

    [Fact]
    public void AddPoIntakeCore_RegistersEachServiceOnce_StoresOverOneSetOfTables()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PoIntakeStorage"] = "UseDevelopmentStorage=true" }).Build();
        var services = new ServiceCollection().AddLogging().AddPoIntakeCore(configuration);

        var ours = services
            .Where(d => d.ServiceType.Assembly == typeof(StorageTables).Assembly || d.ServiceType == typeof(TimeProvider) || d.ServiceType.Namespace?.StartsWith("Azure.", StringComparison.Ordinal) == true)
            .Where(d => d.ServiceType != typeof(IWorkbookKind)) // the pipeline's plug-ins: one registration per kind, checked below
            .GroupBy(d => d.ServiceType)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key.Name);
        Assert.Empty(ours);
        services.AddPoIntakePipeline(); // a second call adds no kind twice
        services.AddSingleton<IConfiguration>(configuration); // the host's; the pipeline's screening limits bind to it
        using var provider = services.BuildServiceProvider();
        Assert.Equal(
            [ContainerNames.Reports, ContainerNames.Grants, ContainerNames.Contacts, ContainerNames.CountyBoard],
            provider.GetRequiredService<IntakePipeline>().Kinds.Select(k => k.Container));
        Assert.Equal("", provider.GetRequiredService<StorageTables>().Prefix);
        Assert.Same(provider.GetRequiredService<IntakeLogStore>(), provider.GetRequiredService<IIntakeLogReader>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPoIntakeCore(configuration);
        return services.BuildServiceProvider();
    }
}
