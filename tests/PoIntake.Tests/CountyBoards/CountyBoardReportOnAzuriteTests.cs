using System.IO.Compression;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PoIntake.Core.CountyBoards;
using PoIntake.Core.Intake;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Reference;
using PoIntake.Core.Reporting;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;
using PoIntake.Core.Upload;
using PoIntake.Functions.Http;
using PoIntake.Tests.Access;
using PoIntake.Tests.Intake.Reading;
using PoIntake.Tests.Storage;
using static PoIntake.Tests.Http.HttpFunctionTestKit;
using L = PoIntake.Core.CountyBoards.CountyBoardReportLayout;

namespace PoIntake.Tests.CountyBoards;

/// <summary>
/// The county board's own report end to end on Azurite, through the one intake pipeline: the template filled by openpyxl
/// and by LibreOffice Calc, parsed, stored, and shown in the draft lägesrapport's chapter "Länsstyrelsernas arbete" (the
/// docx included); a closed year refused; a county key submits only its own county. Each test has a table set of its own
/// (a prefix), so the year's counties are only the test's.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CountyBoardReportOnAzuriteTests(AzuriteFixture azurite)
{
    private const int Year = 2021;
    private const string County = "14";
    private const string OtherCounty = "12";

    public static TheoryData<string> Producers => ["openpyxl", "libreoffice"];

    private async Task<IntakeHarness> HarnessAsync() =>
        await IntakeHarness.CreateAsync(azurite, tablePrefix: "Cb" + Guid.NewGuid().ToString("N")[..12]);

    private static UploadTarget Target(string county = County) => new(Year, county, new UploadMetadata(UploadMetadata.Uploaded));

    [Theory]
    [MemberData(nameof(Producers))]
    public async Task Upload_TemplateFilledByAnotherProducer_StoredAndShownInTheDraftsChapter(string producer)
    {
        await using var h = await HarnessAsync();
        await ReportAsync(h, County, "PO Göteborg test");
        await ReportAsync(h, OtherCounty, "PO Malmö test");
        var report = CountyBoardReportParserTests.Report(Year, County);
        var content = producer == "openpyxl" ? FilledByOpenpyxl(report) : OtherProducers.ResavedByLibreOffice(CountyBoardReportTemplate.Write(Year, County, report));

        var result = await h.Get<IntakePipeline>().UploadAsync(ContainerNames.CountyBoard, Target(), content, CancellationToken.None);

        // Parsed and stored: the same form, as the current one of the county.
        Assert.Equal((IntakeOutcome.Accepted, Dispositions.Current), (result.Outcome, result.Disposition));
        Assert.Empty(result.Findings);
        Assert.StartsWith($"countyboard/{Year}/{County}/", result.Path, StringComparison.Ordinal);
        var stored = Assert.Single(await h.Get<CountyBoardReportStore>().ReadYearAsync(Year, CancellationToken.None));
        Assert.Equal(report, stored.Report);
        Assert.Equal(result.VersionId, stored.VersionId);

        // Shown: the chapter's sentences and Bilaga from the form, Skåne (a verksamhet, no form) named as missing.
        var draft = LagesrapportBuilder.Build((await h.Get<LagesrapportService>().NationalAsync(Year, CancellationToken.None))!);
        var chapter = draft.Chapters.Single(c => c.Kind == ReportChapterKind.CountyBoards);
        var table = Assert.Single(chapter.Tables);
        Assert.Equal($"Länsstyrelsernas arbete {Year} per län", table.Title);
        var rows = table.Blocks[0].Rows.ToDictionary(r => r.Cells[0].Display, r => r.Cells.Skip(1).Select(c => c.Display).ToArray());
        Assert.Equal(["4", "2", "37", "5", "9", "Ja"], rows["Västra Götaland"]);
        Assert.All(rows["Skåne"], c => Assert.Equal(LagesrapportBuilder.CountyBoardFormMissing, c));
        Assert.Contains(chapter.Paragraphs, p => p.StartsWith("En av två länsstyrelser i län med verksamhet har lämnat sin redovisning", StringComparison.Ordinal) && p.Contains("Redovisning saknas från Skåne.", StringComparison.Ordinal));
        Assert.Contains(chapter.Paragraphs, p => p.StartsWith("En av en länsstyrelser har tillsammans med de personliga ombuden arrangerat regionala nätverksträffar", StringComparison.Ordinal));
        Assert.Contains(chapter.Paragraphs, p => p.Contains(report.Assessment!, StringComparison.Ordinal) && p.Contains("Länsstyrelsen i Västra Götaland", StringComparison.Ordinal));
        Assert.Contains(chapter.Paragraphs, p => p.Contains(report.Proposals!, StringComparison.Ordinal));
        Assert.DoesNotContain(chapter.Paragraphs, p => p.StartsWith("[Skriv: länsstyrelsernas arbete under året", StringComparison.Ordinal));

        // And in the Word draft Socialstyrelsen downloads.
        var document = DocumentText(h.Get<LagesrapportDocxWriter>().Write(draft));
        Assert.Contains($"Länsstyrelsernas arbete {Year} per län", document, StringComparison.Ordinal);
        Assert.Contains(report.Work!, document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_NoCountyBoardSentItsReport_ChapterKeepsItsPlaceholdersAndHasNoTable()
    {
        await using var h = await HarnessAsync();
        await ReportAsync(h, County, "PO Borås test");

        var draft = LagesrapportBuilder.Build((await h.Get<LagesrapportService>().NationalAsync(Year, CancellationToken.None))!);

        var chapter = draft.Chapters.Single(c => c.Kind == ReportChapterKind.CountyBoards);
        Assert.Empty(chapter.Tables);
        Assert.Contains(chapter.Paragraphs, p => p.StartsWith("Ingen länsstyrelse har lämnat sin redovisning av arbetet under 2021", StringComparison.Ordinal));
        Assert.Contains(chapter.Paragraphs, p => p.StartsWith("[Skriv: länsstyrelsernas arbete under året", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_NewerFormSupersedes_RejectedOneChangesNothing_BothOriginalsKept()
    {
        await using var h = await HarnessAsync();
        var pipeline = h.Get<IntakePipeline>();
        var first = CountyBoardReportParserTests.Report(Year, County);

        // Each upload in a second of its own: a blob's time, the upload's ReceivedAt, has one-second resolution.
        var one = await pipeline.UploadAsync(ContainerNames.CountyBoard, Target(), CountyBoardReportTemplate.Write(Year, County, first), CancellationToken.None);
        await Task.Delay(1100);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var two = await pipeline.UploadAsync(ContainerNames.CountyBoard, Target(), CountyBoardReportTemplate.Write(Year, County, first with { Visits = 7 }), CancellationToken.None);
        await Task.Delay(1100);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var bad = await pipeline.UploadAsync(
            ContainerNames.CountyBoard,
            Target(),
            CountyBoardReportParserTests.Edit(CountyBoardReportTemplate.Write(Year, County, first), s => s.Cell(L.Cell(L.NetworkMeetings)).SetValue("fyra")),
            CancellationToken.None);

        Assert.Equal([IntakeOutcome.Accepted, IntakeOutcome.Accepted, IntakeOutcome.Rejected], new[] { one.Outcome, two.Outcome, bad.Outcome });
        Assert.Equal(7, Assert.Single(await h.Get<CountyBoardReportStore>().ReadYearAsync(Year, CancellationToken.None)).Report.Visits);
        Assert.Equal(2, (await h.Get<CountyBoardReportStore>().ListVersionsAsync(Year, County, CancellationToken.None)).Count);
        var finding = Assert.Single(bad.Findings);
        Assert.Equal((FindingCodes.ValueNotACount, L.SheetName, "B7"), (finding.Code, finding.Sheet, finding.Cell));

        // The rejected original is kept, and its validation report says why, in Swedish.
        var container = h.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.CountyBoard);
        Assert.True(await container.GetBlobClient(bad.Name).ExistsAsync());
        var results = h.Get<BlobServiceClient>().GetBlobContainerClient(h.Get<StorageTables>().ResultsContainer);
        var json = JsonDocument.Parse((await results.GetBlobClient(bad.ResultBlob).DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.StartsWith($"Bladet \"{L.SheetName}\", cell B7, fältet \"{L.NetworkMeetings}\"", json.GetProperty("findings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadAndDrop_ClosedYear_RefusedYearClosed_AndTheCurrentFormStays()
    {
        await using var h = await HarnessAsync();
        var pipeline = h.Get<IntakePipeline>();
        var accepted = await pipeline.UploadAsync(ContainerNames.CountyBoard, Target(), CountyBoardReportTemplate.Write(Year, County, CountyBoardReportParserTests.Report(Year, County)), CancellationToken.None);
        await h.Get<YearClosureStore>().CloseAsync(Year, "administration ops", "Lägesrapporten publicerad", CancellationToken.None);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var posted = await pipeline.UploadAsync(
            ContainerNames.CountyBoard, Target(), CountyBoardReportTemplate.Write(Year, County, CountyBoardReportParserTests.Report(Year, County) with { Visits = 1 }), CancellationToken.None);

        Assert.Equal(IntakeOutcome.Accepted, accepted.Outcome);
        Assert.Equal((IntakeOutcome.Rejected, FindingCodes.YearClosed), (posted.Outcome, Assert.Single(posted.Findings).Code));
        Assert.Equal(accepted.VersionId, Assert.Single(await h.Get<CountyBoardReportStore>().ReadYearAsync(Year, CancellationToken.None)).VersionId);
    }

    [Fact]
    public async Task Post_OwnCountysKey200_AnotherCountysKey403_NoKey403_NothingStoredForTheRefused()
    {
        await using var h = await HarnessAsync();
        var function = new UploadCountyBoardReportFunction(h.Get<IntakePipeline>(), h.Get<IOptions<UploadOptions>>());
        var form = CountyBoardReportTemplate.Write(Year, County, CountyBoardReportParserTests.Report(Year, County));

        var other = AssertProblem(await Call(function.RunAsync, Post(form, countyKey: TestRoleKeys.KeyOf(OtherCounty)), "2021", County), 403);
        AssertProblem(await Call(function.RunAsync, Post(form), "2021", County), 403);
        Assert.Empty(await h.Get<CountyBoardReportStore>().ReadYearAsync(Year, CancellationToken.None));

        var accepted = AssertJson(await Call(function.RunAsync, Post(form, countyKey: TestRoleKeys.KeyOf(County)), "2021", County), 200);
        Assert.Equal(("Accepted", "Current", County), (accepted.GetProperty("outcome").GetString(), accepted.GetProperty("disposition").GetString(), accepted.GetProperty("countyCode").GetString()));
        Assert.Equal("countyKeyWrong", other.GetProperty("reason").GetString());

        // Its own key, but another county's form: the county in the workbook must be the route's.
        var wrongForm = AssertJson(
            await Call(function.RunAsync, Post(CountyBoardReportTemplate.Write(Year, OtherCounty, CountyBoardReportParserTests.Report(Year, OtherCounty)), countyKey: TestRoleKeys.KeyOf(County)), "2021", County),
            422);
        Assert.Equal(FindingCodes.CountyMismatch, wrongForm.GetProperty("findings")[0].GetProperty("code").GetString());
        Assert.Equal(County, Assert.Single(await h.Get<CountyBoardReportStore>().ReadYearAsync(Year, CancellationToken.None)).Report.CountyCode);
    }

    private static async Task ReportAsync(IntakeHarness h, string county, string name)
    {
        var blob = $"{Year}/{county}/{Guid.NewGuid():N}.xlsx";
        await h.DropAsync(blob, h.Workbook(PoIntake.Tests.Storage.TestReports.Create(Year, county, name)));
        Assert.Equal(IntakeOutcome.Accepted, (await h.Intake.IngestAsync(blob, CancellationToken.None)).Outcome);
    }

    /// <summary>The blank template (year and county filled in, as downloaded with ?county=), then every field set by openpyxl.</summary>
    private static byte[] FilledByOpenpyxl(CountyBoardReport report)
    {
        var cells = new Dictionary<string, object?>
        {
            [L.Cell(L.NetworkMeetings)] = report.NetworkMeetings,
            [L.Cell(L.Trainings)] = report.Trainings,
            [L.Cell(L.TrainingParticipants)] = report.TrainingParticipants,
            [L.Cell(L.Visits)] = report.Visits,
            [L.Cell(L.ManagementGroupMeetings)] = report.ManagementGroupMeetings,
            [L.Cell(L.ActionPlan)] = report.ActionPlanSubmitted ? "Ja" : "Nej",
            [L.Cell(L.Work)] = report.Work,
            [L.Cell(L.Assessment)] = report.Assessment,
            [L.Cell(L.Proposals)] = report.Proposals,
            [L.Cell(L.ContactPerson)] = report.ContactPerson,
            [L.Cell(L.Email)] = report.ContactEmail,
            [L.Cell(L.Phone)] = report.ContactPhone,
        };
        return OtherProducers.EditedByOpenpyxl(CountyBoardReportTemplate.Write(report.Year, report.CountyCode), L.SheetName, new Dictionary<string, string>(), cells);
    }

    private static string DocumentText(byte[] docx)
    {
        using var archive = new ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(archive.GetEntry("word/document.xml")!.Open());
        return reader.ReadToEnd();
    }
}
