using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PoIntake.Core.Contacts;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Pipeline;
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
        Assert.Contains("CONTACTS_ROLE_INVALID", report.Value.Content.ToString(), StringComparison.Ordinal);
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

    [Fact]
    public async Task Ingest_CountyRegisterNamingSocialstyrelsen_RowRefusedWithSwedishFinding_OtherRowsLoad()
    {
        var (service, store) = Create();
        await Upload("06.xlsx", ContactsWorkbookParserTests.Workbook(rows:
        [
            ["Kommun", "Jönköping", "A", "a@jonkoping.test"],
            ["Socialstyrelsen", "", "Smygare", "smyg@exempel.test"],
            ["Länsstyrelse", "", "C", "c@lst.test"],
            ["Kommun", "Växjö", "D", "d@vaxjo.test"],
        ]));

        var result = await service.IngestAsync("06.xlsx", CancellationToken.None);

        Assert.True(result!.Replaced);
        var refused = Assert.Single(result.Findings, f => f.Code == FindingCodes.ContactsRoleNationalOnly);
        Assert.Equal((Severity.Error, "Kontakter", "A3"), (refused.Severity, refused.Sheet, refused.Cell));
        Assert.Contains("Socialstyrelsens egen kontaktlista", refused.Message, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.Code == "CONTACTS_MUNICIPALITY_OTHER_COUNTY" && f.Cell == "B5");
        var county = (await store.ListAsync(CancellationToken.None)).Where(c => c.CountyCode == "06").ToList();
        Assert.Equal(["a@jonkoping.test", "c@lst.test"], county.Select(c => c.Email));
        Assert.DoesNotContain(await store.ListAsync(CancellationToken.None), c => c.Email == "smyg@exempel.test");
    }

    [Fact]
    public async Task Ingest_SocialstyrelsensRegister_LoadsItsRecipients_RefusesCountyRoles()
    {
        var (service, store) = Create();
        await Upload("socialstyrelsen.xlsx", ContactsWorkbookParserTests.Workbook(rows:
        [
            ["Socialstyrelsen", "", "Sara Sos", "sara@socialstyrelsen.test"],
            ["Länsstyrelse", "", "Fel lista", "lst@lst.test"],
        ]));

        var result = await service.IngestAsync("socialstyrelsen.xlsx", CancellationToken.None);

        Assert.Equal(ContactRegisterRules.NationalRegister, result!.CountyCode);
        var refused = Assert.Single(result.Findings);
        Assert.Equal((FindingCodes.ContactsRoleCountyOnly, "A3"), (refused.Code, refused.Cell));
        var national = Assert.Single(await store.ListAsync(CancellationToken.None), c => c.CountyCode == ContactRegisterRules.NationalRegister);
        Assert.Equal((ContactRole.NationalBoard, "sara@socialstyrelsen.test"), (national.Role, national.Email));
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
        var tables = new StorageTables(new TableServiceClient(connectionString));
        var store = new ContactStore(tables);
        var blobs = new BlobServiceClient(connectionString);
        var kind = new ContactRegisterKind(new ContactsWorkbookParser(MunicipalityRegistry.Default), store, blobs, tables, MunicipalityRegistry.Default);
        var pipeline = new IntakePipeline(
            [kind],
            blobs,
            OpenYearIntakeGate.Instance,
            new YearClosureStore(tables, TimeProvider.System, Options.Create(new YearClosingOptions())),
            TimeProvider.System,
            Options.Create(new ScreeningOptions()),
            NullLogger<IntakePipeline>.Instance);
        var service = new ContactImportService(pipeline);
        return (service, store);
    }

    internal static async Task Upload(string connectionString, string name, byte[] content)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient(ContainerNames.Contacts);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true);
    }
}
