using System.Diagnostics;
using Azure.Storage.Blobs;
using ClosedXML.Excel;
using PoIntake.Core.Contacts;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Tests.Contacts;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Hardening;

/// <summary>
/// The bounded reader's attacks on the contacts register (contacts/{countyCode}.xlsx), which used to skip the screener and the size
/// limit: refused within the hostile corpus's bounds (2 s, 200 MB allocated for the read), the register kept.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileContactsTests(AzuriteFixture storage)
{
    private static readonly TimeSpan MaxParseTime = TimeSpan.FromSeconds(2);
    private const long MaxParseAllocation = 200L * 1024 * 1024;

    /// <summary>A 6 KB register with one value in E1048576: the old parser walked every row up to it (6.6 s, ≈ 970 MiB).</summary>
    internal static byte[] ValueInLastRow()
    {
        using var workbook = new XLWorkbook(new MemoryStream(ContactsWorkbookParserTests.Workbook(rows: [["Kommun", "Kiruna", "A", "a@kiruna.test"]])));
        workbook.Worksheet(ContactsWorkbookParser.SheetName).Cell("E1048576").SetValue("x");
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Parse_OneValueInE1048576_RefusedNamingTheCellWithinBounds()
    {
        var content = ValueInLastRow();
        var parser = new ContactsWorkbookParser(MunicipalityRegistry.Default);
        parser.Parse(ContactsWorkbookParserTests.Workbook(rows: [["Kommun", "Kiruna", "A", "a@kiruna.test"]]), "25");

        var watch = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = parser.Parse(content, "25");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        watch.Stop();

        Assert.True(content.Length < 20_000, $"the attack is a small file ({content.Length} bytes)");
        Assert.True(watch.Elapsed <= MaxParseTime, $"parse took {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(allocated <= MaxParseAllocation, $"parse allocated {allocated / (1024 * 1024)} MB");
        Assert.True(result.Unreadable);
        Assert.Empty(result.Contacts);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingCodes.SheetOutsideArea, ContactsWorkbookParser.SheetName, "E1048576"), (finding.Code, finding.Sheet, finding.Cell));
    }

    [Fact]
    public async Task Ingest_OneValueInE1048576_RefusedAndRegisterKept()
    {
        var (service, store) = Create();
        await store.ReplaceCountyAsync("25", [new Contact("25", ContactRole.CountyBoard, null, "Kvar", "kvar@lst.test")], CancellationToken.None);
        await Upload("25.xlsx", ValueInLastRow());

        var result = await service.IngestAsync("25.xlsx", CancellationToken.None);

        Assert.False(result!.Replaced);
        Assert.Contains(FindingCodes.SheetOutsideArea, result.Findings.Select(f => f.Code));
        Assert.Contains(await store.ListAsync(CancellationToken.None), c => c.CountyCode == "25" && c.Email == "kvar@lst.test");
    }

    [Fact]
    public async Task Ingest_OversizedFile_RefusedBeforeDownloadAndRegisterKept()
    {
        var (service, store) = Create();
        await store.ReplaceCountyAsync("24", [new Contact("24", ContactRole.CountyBoard, null, "Kvar", "kvar@lst.test")], CancellationToken.None);
        var oversized = new byte[new ScreeningOptions().MaxFileBytes + 1];
        ContactsWorkbookParserTests.Workbook(rows: [["Kommun", "Umeå", "A", "a@umea.test"]]).CopyTo(oversized, 0);
        await Upload("24.xlsx", oversized);

        var result = await service.IngestAsync("24.xlsx", CancellationToken.None);

        Assert.False(result!.Replaced);
        Assert.Equal(FindingCodes.FileTooLarge, Assert.Single(result.Findings).Code);
        Assert.Contains(await store.ListAsync(CancellationToken.None), c => c.CountyCode == "24" && c.Email == "kvar@lst.test");
        var report = await new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(ContainerNames.IntakeResults)
            .GetBlobClient(result.ResultBlob).DownloadContentAsync();
        Assert.Contains(FindingCodes.FileTooLarge, report.Value.Content.ToString(), StringComparison.Ordinal);
    }

    private (ContactImportService Service, ContactStore Store) Create() => ContactImportServiceTests.Create(storage.ConnectionString);

    private Task Upload(string name, byte[] content) => ContactImportServiceTests.Upload(storage.ConnectionString, name, content);
}
