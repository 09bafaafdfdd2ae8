using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using PoIntake.Core.Contacts;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Contacts;

[Collection(AzuriteCollection.Name)]
public sealed class ContactImportServiceTests(AzuriteFixture storage)
{
    [Fact]
    public async Task Ingest_NewFile_ReplacesOnlyThatCountysRows()
    {
        var (service, store) = Create();
        await store.ReplaceCountyAsync("04", [new Contact("04", ContactRole.CountyBoard, null, "Annat län", "lan@sodermanland.test")], CancellationToken.None);
        await Upload("03.xlsx", ContactsWorkbookParserTests.Workbook(rows:
        [
            ["Kommun", "Uppsala", "A", "a@uppsala.test"],
            ["Kommun", "Enköping", "B", "b@enkoping.test"],
            ["Länsstyrelse", "", "C", "c@lst.test"],
        ]));
        await service.IngestAsync("03.xlsx", CancellationToken.None);

        await Upload("03.xlsx", ContactsWorkbookParserTests.Workbook(rows:
        [
            ["Kommun", "Tierp", "D", "d@tierp.test"],
            ["Roll?", "Tierp", "E", "e@tierp.test"],
        ]));
        var result = await service.IngestAsync("03.xlsx", CancellationToken.None);

        Assert.NotNull(result);
        Assert.True(result.Replaced);
        Assert.Equal(1, result.Loaded);
        var all = await store.ListAsync(CancellationToken.None);
        Assert.Equal(["d@tierp.test"], all.Where(c => c.CountyCode == "03").Select(c => c.Email));
        Assert.Contains(all, c => c.CountyCode == "04" && c.Email == "lan@sodermanland.test");
        var report = await new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(ContainerNames.IntakeResults)
            .GetBlobClient(result.ResultBlob).DownloadContentAsync();
        Assert.Contains("contacts.role.invalid", report.Value.Content.ToString(), StringComparison.Ordinal);
        Assert.Contains("A3", report.Value.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_UnreadableFile_KeepsRegister()
    {
        var (service, store) = Create();
        await store.ReplaceCountyAsync("05", [new Contact("05", ContactRole.CountyBoard, null, "Kvar", "kvar@lst.test")], CancellationToken.None);
        await Upload("05.xlsx", ContactsWorkbookParserTests.Workbook("Fel blad", rows: [["Kommun", "Linköping", "A", "a@b.test"]]));

        var result = await service.IngestAsync("05.xlsx", CancellationToken.None);

        Assert.False(result!.Replaced);
        Assert.Contains(await store.ListAsync(CancellationToken.None), c => c.CountyCode == "05" && c.Email == "kvar@lst.test");
    }

    [Theory]
    [InlineData("3.xlsx")]
    [InlineData("99.xlsx")]
    [InlineData("01/kontakter.xlsx")]
    public async Task Ingest_NameNotACounty_Ignored(string blobName)
    {
        var (service, _) = Create();

        Assert.Null(await service.IngestAsync(blobName, CancellationToken.None));
    }

    private (ContactImportService Service, ContactStore Store) Create() => Create(storage.ConnectionString);

    private Task Upload(string name, byte[] content) => Upload(storage.ConnectionString, name, content);

    internal static (ContactImportService Service, ContactStore Store) Create(string connectionString)
    {
        var store = new ContactStore(new TableServiceClient(connectionString));
        var service = new ContactImportService(
            new BlobServiceClient(connectionString),
            new ContactsWorkbookParser(MunicipalityRegistry.Default),
            store,
            MunicipalityRegistry.Default,
            NullLogger<ContactImportService>.Instance);
        return (service, store);
    }

    internal static async Task Upload(string connectionString, string name, byte[] content)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient(ContainerNames.Contacts);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true);
    }
}
