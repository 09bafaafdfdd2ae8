using System.Text;
using Azure.Storage.Blobs;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;
using PoIntake.Core.Totals;
using PoIntake.Core.Access;
using PoIntake.Functions.Http;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;
using PoIntake.Core.Upload;
using PoIntake.Tests.Access;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Http;

[Collection(AzuriteCollection.Name)]
public sealed class FunctionsOnAzuriteTests(AzuriteFixture azurite)
{
    // A reporting year the other storage tests leave alone (2015–2025 are theirs; 2013–2014 the totals scenario's).
    private const int UploadYear = 2026;

    /// <summary>A function as configured in Azure: role keys required, every county board and Socialstyrelsen with a key.</summary>
    private async Task<(StorageScenario Scenario, T Function)> CreateAsync<T>(ILogger<T>? logger = null)
    {
        var scenario = await StorageScenario.ForAsync(azurite);
        object[] overrides = logger is null ? [TestRoleKeys.Required()] : [TestRoleKeys.Required(), logger];
        return (scenario, ActivatorUtilities.CreateInstance<T>(scenario.Services, overrides));
    }

    /// <summary>The upload function as configured in Azure: every county board has its own key and must send it.</summary>
    private async Task<(StorageScenario Scenario, UploadReportFunction Function)> CreateUploadAsync(AccessKeys? keys = null, ILogger<UploadReportFunction>? logger = null)
    {
        var scenario = await StorageScenario.ForAsync(azurite);
        object[] overrides = logger is null ? [keys ?? TestRoleKeys.Required()] : [keys ?? TestRoleKeys.Required(), logger];
        return (scenario, ActivatorUtilities.CreateInstance<UploadReportFunction>(scenario.Services, overrides));
    }

    [Fact]
    public async Task GetNationalTotals_YearWithoutData_404Problem()
    {
        var (_, function) = await CreateAsync<GetNationalTotalsFunction>();

        var body = AssertProblem(await function.RunAsync(NationalGet(), "2099", CancellationToken.None), StatusCodes.Status404NotFound);

        Assert.Contains("2099", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20x5", "")]
    [InlineData("-2025", "")]
    [InlineData("2025", "?format=pdf")]
    public async Task GetNationalTotals_BadYearOrFormat_400Problem(string year, string query)
    {
        var (_, function) = await CreateAsync<GetNationalTotalsFunction>();

        AssertProblem(await function.RunAsync(NationalGet(query), year, CancellationToken.None), StatusCodes.Status400BadRequest);
    }

    [Fact]
    public async Task GetNationalTotals_JsonXlsxCsv_SameFigures()
    {
        var (scenario, function) = await CreateAsync<GetNationalTotalsFunction>();
        var year = await EnsureYearWithDataAsync(scenario);
        var expected = (await scenario.Get<TotalsService>().GetAsync(year, CancellationToken.None))!.Totals;

        var json = AssertJson(await function.RunAsync(NationalGet(), year.ToString(), CancellationToken.None), StatusCodes.Status200OK);
        var xlsx = Assert.IsType<FileContentResult>(await function.RunAsync(NationalGet("?format=xlsx"), year.ToString(), CancellationToken.None));
        var csv = Assert.IsType<FileContentResult>(await function.RunAsync(NationalGet("?format=CSV"), year.ToString(), CancellationToken.None));

        Assert.Equal(year, json.GetProperty("year").GetInt32());
        Assert.Equal(expected.Clients.Total, json.GetProperty("clients").GetProperty("total").GetInt32());
        Assert.Equal(21, json.GetProperty("counties").GetArrayLength());
        using var workbook = new XLWorkbook(new MemoryStream(xlsx.FileContents));
        Assert.True(workbook.TryGetWorksheet("Tabell 1", out _));
        // Owed against received (the obligations: grant registers, or the year before) fills Tabell 2's Riket row.
        var owed = (await scenario.Get<PoIntake.Core.Reminders.ObligationService>().ForYearAsync(year, CancellationToken.None)).Counties.Sum(c => c.Owed.Count);
        var riket = workbook.Worksheet("Redovisningar").RowsUsed().Single(r => r.Cell(1).GetString() == "Riket");
        Assert.Equal(owed, riket.Cell(2).GetValue<int>());
        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);
        var lines = Encoding.UTF8.GetString(csv.FileContents).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("measure,dimensions,value", lines[0]);
        Assert.Contains($"clients,,{expected.Clients.Total}", lines);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("?format=csv", true)]
    [InlineData("?format=xlsx", false)]
    public async Task GetNationalTotals_ExactAnswers_SayTheyAreNotForPublication(string query, bool exact)
    {
        var (scenario, function) = await CreateAsync<GetNationalTotalsFunction>();
        var year = await EnsureYearWithDataAsync(scenario);
        var request = NationalGet(query);

        await function.RunAsync(request, year.ToString(), CancellationToken.None);

        Assert.Equal(exact, request.HttpContext.Response.Headers[HttpResults.PublicationHeader].ToString() == HttpResults.NotForPublication);
    }

    [Fact]
    public async Task GetReportDraft_CountyKey_ItsCountysDraftOnly_AnotherCountysKeyRefused()
    {
        var (scenario, function) = await CreateAsync<GetReportDraftFunction>();
        var year = await EnsureYearWithDataAsync(scenario);
        var county = (await scenario.Get<TotalsService>().GetAsync(year, CancellationToken.None))!.Totals.Counties.First(c => c.Operations > 0);

        var result = Assert.IsType<FileContentResult>(await function.RunAsync(Get(countyKey: PoIntake.Tests.Access.TestRoleKeys.KeyOf(county.Code), query: $"?county={county.Code}"), $"{year}", CancellationToken.None));
        var json = AssertJson(await function.RunAsync(Get(countyKey: PoIntake.Tests.Access.TestRoleKeys.KeyOf(county.Code), query: $"?county={county.Code}&format=json"), $"{year}", CancellationToken.None), StatusCodes.Status200OK);
        var other = PoIntake.Core.Reference.MunicipalityRegistry.Default.Counties.First(c => c.Code != county.Code).Code;

        Assert.Equal($"lagesrapport-personligt-ombud-{year}-{county.Code}.docx", result.FileDownloadName);
        Assert.EndsWith($": {county.Name}", json.GetProperty("title").GetString(), StringComparison.Ordinal);
        var tabell1 = json.GetProperty("chapters").EnumerateArray().SelectMany(c => c.GetProperty("tables").EnumerateArray()).First();
        Assert.Equal([county.Name], tabell1.GetProperty("blocks")[0].GetProperty("rows").EnumerateArray().Select(r => r[0].GetString()));
        AssertProblem(await function.RunAsync(Get(countyKey: PoIntake.Tests.Access.TestRoleKeys.KeyOf(other), query: $"?county={county.Code}"), $"{year}", CancellationToken.None), StatusCodes.Status403Forbidden);
    }

    [Fact]
    public async Task GetReportDraft_YearWithData_DocxWithTheTotalsTables()
    {
        var (scenario, function) = await CreateAsync<GetReportDraftFunction>();
        var year = await EnsureYearWithDataAsync(scenario);
        var expected = (await scenario.Get<TotalsService>().GetAsync(year, CancellationToken.None))!.Totals;

        var result = Assert.IsType<FileContentResult>(await function.RunAsync(NationalGet("?format=docx"), $"{year}", CancellationToken.None));

        Assert.Equal(LagesrapportDocxWriter.ContentType, result.ContentType);
        Assert.Equal($"lagesrapport-personligt-ombud-{year}.docx", result.FileDownloadName);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(result.FileContents), false);
        var tabell1 = document.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().First();
        var riket = tabell1.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Last().Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToArray();
        Assert.Equal(["Riket", ReportCell.FormatNumber(expected.Municipalities.Total), ReportCell.FormatNumber(expected.Municipalities.OfferingPo)], riket.Take(3));
    }

    [Theory]
    [InlineData("2099", "", StatusCodes.Status404NotFound)]
    [InlineData("20x5", "", StatusCodes.Status400BadRequest)]
    [InlineData("2026", "?format=pdf", StatusCodes.Status400BadRequest)]
    public async Task GetReportDraft_NoDataBadYearOrFormat_Problem(string year, string query, int status)
    {
        var (_, function) = await CreateAsync<GetReportDraftFunction>();

        AssertProblem(await function.RunAsync(NationalGet(query), year, CancellationToken.None), status);
    }

    [Fact]
    public async Task ListTotalsYears_ListsYearWithData()
    {
        var (scenario, function) = await CreateAsync<ListTotalsYearsFunction>();
        var year = await EnsureYearWithDataAsync(scenario);

        var json = AssertJson(await function.RunAsync(NationalGet(), CancellationToken.None), StatusCodes.Status200OK);

        var entry = json.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == year);
        Assert.True(entry.GetProperty("reportsIncluded").GetInt32() > 0);
    }

    [Fact]
    public async Task GetStatus_ValidAndBadYear()
    {
        var (_, function) = await CreateAsync<GetStatusFunction>();

        var json = AssertJson(await function.RunAsync(NationalGet(), "2011", CancellationToken.None), StatusCodes.Status200OK);
        Assert.Equal(21, json.GetProperty("counties").GetArrayLength());
        Assert.Equal("2012-01-16", json.GetProperty("deadline").GetProperty("date").GetString());
        AssertProblem(await function.RunAsync(NationalGet(), "year", CancellationToken.None), StatusCodes.Status400BadRequest);
    }

    [Fact]
    public async Task UploadReport_ValidWorkbook_200AndStoredForIntake()
    {
        var (scenario, function) = await CreateUploadAsync();
        var report = StorageScenario.ValidReport(new Random(5), UploadYear, "12", "PO Helsingborg", "1283");

        var result = await function.RunAsync(Post(ReportWorkbookWriter.Write(report), "Helsingborg PO.xlsx", TestRoleKeys.KeyOf("12")), $"{UploadYear}", "12", CancellationToken.None);

        var json = AssertJson(result, StatusCodes.Status200OK);
        Assert.Equal("Accepted", json.GetProperty("outcome").GetString());
        Assert.Equal(0, json.GetProperty("errorCount").GetInt32());
        var blobName = json.GetProperty("blobName").GetString();
        Assert.Equal($"{UploadYear}/12/Helsingborg-PO.xlsx", blobName);
        var blob = scenario.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Reports).GetBlobClient(blobName);
        Assert.Equal(ReportWorkbookWriter.Write(report).Length, (await blob.GetPropertiesAsync()).Value.ContentLength);
    }

    [Fact]
    public async Task UploadReport_SameNameOtherContent_NeverOverwrites()
    {
        var (_, function) = await CreateUploadAsync();
        var first = StorageScenario.ValidReport(new Random(6), UploadYear, "13", "PO Halmstad", "1380");
        var second = StorageScenario.ValidReport(new Random(7), UploadYear, "13", "PO Halmstad", "1380");

        var a = AssertJson(await function.RunAsync(Post(ReportWorkbookWriter.Write(first), "halmstad", TestRoleKeys.KeyOf("13")), $"{UploadYear}", "13", CancellationToken.None), 200);
        var b = AssertJson(await function.RunAsync(Post(ReportWorkbookWriter.Write(second), "halmstad", TestRoleKeys.KeyOf("13")), $"{UploadYear}", "13", CancellationToken.None), 200);

        Assert.Equal($"{UploadYear}/13/halmstad.xlsx", a.GetProperty("blobName").GetString());
        Assert.NotEqual(a.GetProperty("blobName").GetString(), b.GetProperty("blobName").GetString());
    }

    [Fact]
    public async Task UploadReport_WorkbookForAnotherCounty_422WithFindings_OriginalKeptAndNothingCounted()
    {
        var (scenario, function) = await CreateUploadAsync();
        var report = StorageScenario.ValidReport(new Random(8), UploadYear, "12", "PO Lund", "1281");

        var result = await function.RunAsync(Post(ReportWorkbookWriter.Write(report), "lund", TestRoleKeys.KeyOf("01")), $"{UploadYear}", "01", CancellationToken.None);

        var json = AssertJson(result, StatusCodes.Status422UnprocessableEntity);
        Assert.Equal("Rejected", json.GetProperty("outcome").GetString());
        Assert.True(json.GetProperty("errorCount").GetInt32() > 0);
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "Error" && f.GetProperty("message").GetString()!.Length > 0);
        // The same pipeline as a drop: the original is kept and recorded as rejected; nothing of it counts.
        Assert.Equal($"{UploadYear}/01/lund.xlsx", json.GetProperty("blobName").GetString());
        var container = scenario.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Reports);
        Assert.True(await container.GetBlobClient($"{UploadYear}/01/lund.xlsx").ExistsAsync());
        var logged = Assert.Single(await scenario.Get<IntakeLogStore>().ListAsync(UploadYear, "01", CancellationToken.None), e => e.BlobName == $"{UploadYear}/01/lund.xlsx");
        Assert.Equal("Rejected", logged.Outcome);
        Assert.DoesNotContain(await scenario.Get<CurrentReportStore>().ListAsync(UploadYear, CancellationToken.None), c => c.CountyCode == "01" && c.OperationKey == "po-lund");
    }

    [Fact]
    public async Task UploadReport_NotAWorkbook_422()
    {
        var (_, function) = await CreateUploadAsync();

        var result = await function.RunAsync(Post(Encoding.UTF8.GetBytes("kommun;klienter\nKiruna;12\n"), countyKey: TestRoleKeys.KeyOf("25")), $"{UploadYear}", "25", CancellationToken.None);

        Assert.Equal("Rejected", AssertJson(result, StatusCodes.Status422UnprocessableEntity).GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("2O25", "12")]
    [InlineData("2025", "99")]
    [InlineData("2025", "1")]
    [InlineData("2025", "02")]
    public async Task UploadReport_BadYearOrCounty_400Problem(string year, string county)
    {
        var (_, function) = await CreateUploadAsync();

        AssertProblem(await function.RunAsync(Post([1, 2, 3]), year, county, CancellationToken.None), StatusCodes.Status400BadRequest);
    }

    [Fact]
    public async Task UploadReport_WithoutCountyKey_403BeforeAnythingIsCheckedOrStored()
    {
        var (scenario, function) = await CreateUploadAsync();
        var report = StorageScenario.ValidReport(new Random(12), UploadYear, "21", "PO Gävle", "2180");

        var result = await function.RunAsync(Post(ReportWorkbookWriter.Write(report), "gavle-utan-nyckel"), $"{UploadYear}", "21", CancellationToken.None);

        var body = AssertProblem(result, StatusCodes.Status403Forbidden);
        Assert.Equal("countyKeyMissing", body.GetProperty("reason").GetString());
        Assert.Contains("Gävleborgs län", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await Reports(scenario).GetBlobClient($"{UploadYear}/21/gavle-utan-nyckel.xlsx").ExistsAsync());
    }

    [Fact]
    public async Task UploadReport_AnotherCountysKey_403AndNotStored_LogNamesWhoseKeyButNotTheKey()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var (scenario, function) = await CreateUploadAsync(logger: loggers.CreateLogger<UploadReportFunction>());
        var report = StorageScenario.ValidReport(new Random(13), UploadYear, "22", "PO Sundsvall", "2281");

        // Jämtland's board, with its own valid key, tries to file a Västernorrland report.
        var result = await function.RunAsync(
            Post(ReportWorkbookWriter.Write(report), "sundsvall-fel-nyckel", TestRoleKeys.KeyOf("23")), $"{UploadYear}", "22", CancellationToken.None);

        var body = AssertProblem(result, StatusCodes.Status403Forbidden);
        Assert.Equal("countyKeyWrong", body.GetProperty("reason").GetString());
        Assert.Contains("Västernorrlands län", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await Reports(scenario).GetBlobClient($"{UploadYear}/22/sundsvall-fel-nyckel.xlsx").ExistsAsync());
        var refused = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("county 22", refused.Message, StringComparison.Ordinal);
        Assert.Contains("belongs to county 23", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(TestRoleKeys.KeyOf("23"), StringComparison.Ordinal));

        // The same file with Västernorrland's own key goes through: the refusal was about the key, not the file.
        var own = await function.RunAsync(
            Post(ReportWorkbookWriter.Write(report), "sundsvall-fel-nyckel", TestRoleKeys.KeyOf("22")), $"{UploadYear}", "22", CancellationToken.None);
        Assert.Equal("Accepted", AssertJson(own, StatusCodes.Status200OK).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task UploadReport_CountyWithoutConfiguredKey_403ForEveryKey()
    {
        var keys = new AccessKeys(Options.Create(new AccessOptions
        {
            CountyKeyHashes = { ["01"] = AccessKeys.HashOf(TestRoleKeys.KeyOf("01")) },
        }));
        var (_, function) = await CreateUploadAsync(keys);
        var report = ReportWorkbookWriter.Write(StorageScenario.ValidReport(new Random(14), UploadYear, "09", "PO Gotland", "0980"));

        foreach (var key in new[] { TestRoleKeys.KeyOf("09"), TestRoleKeys.KeyOf("01"), string.Empty })
        {
            var body = AssertProblem(await function.RunAsync(Post(report, countyKey: key), $"{UploadYear}", "09", CancellationToken.None), StatusCodes.Status403Forbidden);
            Assert.Equal("countyNotEnabled", body.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task UploadReport_KeysNotRequired_AsOnADeveloperMachine_AcceptsWithoutKey()
    {
        var keys = new AccessKeys(Options.Create(new AccessOptions { RequireRoleKeys = false }));
        var (_, function) = await CreateUploadAsync(keys);
        var report = StorageScenario.ValidReport(new Random(15), UploadYear, "18", "PO Örebro", "1880");

        var result = await function.RunAsync(Post(ReportWorkbookWriter.Write(report), "orebro-lokalt"), $"{UploadYear}", "18", CancellationToken.None);

        Assert.Equal("Accepted", AssertJson(result, StatusCodes.Status200OK).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task GetStatus_NationalRoute_OnlySocialstyrelsensKey_RefusalsLoggedWithoutTheKey()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var (scenario, function) = await CreateAsync(loggers.CreateLogger<GetStatusFunction>());
        var year = await EnsureYearWithDataAsync(scenario);

        var none = AssertProblem(await function.RunAsync(Get(), $"{year}", CancellationToken.None), StatusCodes.Status403Forbidden);
        var county = AssertProblem(await function.RunAsync(Get(countyKey: TestRoleKeys.KeyOf("20")), $"{year}", CancellationToken.None), StatusCodes.Status403Forbidden);
        var guessed = AssertProblem(await function.RunAsync(Get(nationalKey: TestRoleKeys.KeyOf("20")), $"{year}", CancellationToken.None), StatusCodes.Status403Forbidden);
        var national = AssertJson(await function.RunAsync(NationalGet(), $"{year}", CancellationToken.None), StatusCodes.Status200OK);

        Assert.Equal("nationalKeyMissing", none.GetProperty("reason").GetString());
        Assert.Equal("nationalKeyMissing", county.GetProperty("reason").GetString());
        Assert.Contains("Socialstyrelsens nyckel", county.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("nationalKeyWrong", guessed.GetProperty("reason").GetString());
        Assert.Equal(21, national.GetProperty("counties").GetArrayLength());
        Assert.Contains(national.GetProperty("counties").EnumerateArray(), c => c.GetProperty("uploads").GetArrayLength() > 0);
        var refusals = logs.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.Contains(refusals, e => e.Message.Contains("belongs to county 20", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(TestRoleKeys.KeyOf("20"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCountyStatus_OwnCountysKeyOrNationalKey_OnlyThatCounty_OtherKeysRefused()
    {
        var (scenario, function) = await CreateAsync<GetStatusFunction>();
        var year = await EnsureYearWithDataAsync(scenario);
        await RejectedUploadAsync(scenario, $"{year}/20/inte-en-arbetsbok.xlsx");

        var own = AssertJson(await function.RunCountyAsync(Get(countyKey: TestRoleKeys.KeyOf("20")), $"{year}", "20", CancellationToken.None), StatusCodes.Status200OK);
        var national = AssertJson(await function.RunCountyAsync(NationalGet(), $"{year}", "20", CancellationToken.None), StatusCodes.Status200OK);
        var other = AssertProblem(await function.RunCountyAsync(Get(countyKey: TestRoleKeys.KeyOf("21")), $"{year}", "20", CancellationToken.None), StatusCodes.Status403Forbidden);
        var none = AssertProblem(await function.RunCountyAsync(Get(), $"{year}", "20", CancellationToken.None), StatusCodes.Status403Forbidden);

        Assert.False(own.TryGetProperty("counties", out _));
        var county = own.GetProperty("county");
        Assert.Equal("20", county.GetProperty("code").GetString());
        Assert.All(county.GetProperty("uploads").EnumerateArray(), u => Assert.StartsWith($"{year}/20/", u.GetProperty("blobName").GetString(), StringComparison.Ordinal));
        var rejected = county.GetProperty("uploads").EnumerateArray().Single(u => u.GetProperty("blobName").GetString() == $"{year}/20/inte-en-arbetsbok.xlsx");
        Assert.True(rejected.GetProperty("findings").GetArrayLength() > 0);
        Assert.Equal(county.GetRawText(), national.GetProperty("county").GetRawText());
        Assert.Equal("countyKeyWrong", other.GetProperty("reason").GetString());
        Assert.Contains("Dalarnas län", other.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("countyKeyMissing", none.GetProperty("reason").GetString());
        AssertProblem(await function.RunCountyAsync(Get(countyKey: TestRoleKeys.KeyOf("20")), $"{year}", "99", CancellationToken.None), StatusCodes.Status400BadRequest);
    }

    [Fact]
    public async Task NationalRoutes_CountyBoardsKey_403_NationalKey_Allowed()
    {
        var (scenario, totals) = await CreateAsync<GetNationalTotalsFunction>();
        var (_, years) = await CreateAsync<ListTotalsYearsFunction>();
        var (_, preview) = await CreateAsync<GetReminderPreviewFunction>();
        var (_, draft) = await CreateAsync<GetReportDraftFunction>();
        var year = await EnsureYearWithDataAsync(scenario);
        var countyKey = TestRoleKeys.KeyOf("20");

        Assert.Equal("nationalKeyMissing", AssertProblem(await draft.RunAsync(Get("?format=docx", countyKey: countyKey), $"{year}", CancellationToken.None), 403).GetProperty("reason").GetString());
        Assert.IsType<FileContentResult>(await draft.RunAsync(NationalGet("?format=docx"), $"{year}", CancellationToken.None));

        Assert.Equal("nationalKeyMissing", AssertProblem(await totals.RunAsync(Get(countyKey: countyKey), $"{year}", CancellationToken.None), 403).GetProperty("reason").GetString());
        Assert.Equal("nationalKeyMissing", AssertProblem(await years.RunAsync(Get(countyKey: countyKey), CancellationToken.None), 403).GetProperty("reason").GetString());
        Assert.Equal("nationalKeyMissing", AssertProblem(await preview.RunAsync(Get("?date=2037-01-31", countyKey: countyKey), CancellationToken.None), 403).GetProperty("reason").GetString());
        AssertJson(await totals.RunAsync(NationalGet(), $"{year}", CancellationToken.None), 200);
        AssertJson(await years.RunAsync(NationalGet(), CancellationToken.None), 200);
        AssertJson(await preview.RunAsync(NationalGet("?date=2037-01-31"), CancellationToken.None), 200);
    }

    [Fact]
    public async Task NationalRoutes_NoNationalKeyConfigured_403ForEveryKey()
    {
        var scenario = await StorageScenario.ForAsync(azurite);
        var keys = new AccessKeys(Options.Create(new AccessOptions { CountyKeyHashes = { ["20"] = AccessKeys.HashOf(TestRoleKeys.KeyOf("20")) } }));
        var function = ActivatorUtilities.CreateInstance<GetStatusFunction>(scenario.Services, keys);

        var body = AssertProblem(await function.RunAsync(NationalGet(), "2026", CancellationToken.None), StatusCodes.Status403Forbidden);

        Assert.Equal("nationalNotEnabled", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task UploadReport_FileNameFromHeader_UnicodeKept_QueryParameterIgnored()
    {
        var (_, function) = await CreateUploadAsync();
        var report = ReportWorkbookWriter.Write(StorageScenario.ValidReport(new Random(16), UploadYear, "05", "PO Linköping", "0580"));
        var request = Post(report, "Region Östergötland PO.xlsx", TestRoleKeys.KeyOf("05"));
        request.QueryString = new QueryString("?name=fran-fragestrangen.xlsx");

        var json = AssertJson(await function.RunAsync(request, $"{UploadYear}", "05", CancellationToken.None), StatusCodes.Status200OK);

        Assert.Equal($"{UploadYear}/05/Region-Östergötland-PO.xlsx", json.GetProperty("blobName").GetString());
    }

    [Fact]
    public async Task UploadReport_ChunkedBodyOverTheLimit_413_ChunkedWithinTheLimit_Accepted()
    {
        var (scenario, function) = await CreateUploadAsync();
        var tooLarge = new byte[new UploadOptions().MaxBodyBytes + 1];
        var report = ReportWorkbookWriter.Write(StorageScenario.ValidReport(new Random(17), UploadYear, "06", "PO Jönköping", "0680"));

        var refused = await function.RunAsync(Post(tooLarge, "for-stor", TestRoleKeys.KeyOf("06"), chunked: true), $"{UploadYear}", "06", CancellationToken.None);
        var accepted = await function.RunAsync(Post(report, "jonkoping-chunkad", TestRoleKeys.KeyOf("06"), chunked: true), $"{UploadYear}", "06", CancellationToken.None);

        Assert.Contains("25 MB", AssertProblem(refused, StatusCodes.Status413PayloadTooLarge).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await Reports(scenario).GetBlobClient($"{UploadYear}/06/for-stor.xlsx").ExistsAsync());
        Assert.Equal("Accepted", AssertJson(accepted, StatusCodes.Status200OK).GetProperty("outcome").GetString());
    }

    /// <summary>Drops bytes that are no workbook and runs the intake: a rejected upload with findings in the log.</summary>
    private static async Task RejectedUploadAsync(StorageScenario scenario, string blobName)
    {
        await Reports(scenario).GetBlobClient(blobName).UploadAsync(BinaryData.FromString("kommun;klienter\nFalun;12\n"), overwrite: true);
        await scenario.Get<PoIntake.Core.Intake.IReportIntake>().IngestAsync(blobName, CancellationToken.None);
    }

    private static BlobContainerClient Reports(StorageScenario scenario) =>
        scenario.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Reports);

    /// <summary>A year with at least one ingested report (uploads here are only stored, never ingested).</summary>
    private static async Task<int> EnsureYearWithDataAsync(StorageScenario scenario)
    {
        const int year = UploadYear;
        if (await scenario.Get<TotalsService>().GetAsync(year, CancellationToken.None) is null)
        {
            var report = StorageScenario.ValidReport(new Random(11), year, "20", "PO Dalarna", "2080", "2081");
            await scenario.IngestAsync(report, "dalarna");
        }

        return year;
    }
}
