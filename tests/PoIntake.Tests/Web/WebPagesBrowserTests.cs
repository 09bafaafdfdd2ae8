using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.Playwright;
using PoIntake.Core.Access;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Tests.Access;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Web;

/// <summary>The pages in headless Chromium against the function app on Azurite, as a county board and an analyst use them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebPagesBrowserTests(AzuriteFixture azurite, EndToEnd.LocalFunctionsFixture functions) : IAsyncLifetime
{
    // Expectations from samples/README.md's table of invalid samples.
    private const string InvalidSample = "samples/invalid/2021/03/total-not-sum.xlsx";
    private const string InvalidCode = "SUM_MISMATCH";
    private const string InvalidSheet = "Klienter";
    private const string InvalidCell = "F5";
    private const string ValidSample = "samples/valid/2021/13/personligt-ombud-halland.xlsx";
    private const int DashboardYear = 2021;

    private WebPageHost host = null!;

    public async Task InitializeAsync() => host = await WebPageHost.StartAsync(await functions.ForAsync(azurite));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Upload_CountySelect_ListsAll21CountiesFromTheRegistry()
    {
        var page = await host.OpenAsync("/api/web/uppladdning");

        var options = await page.Locator("#lan option:not([value=''])").AllTextContentsAsync();

        Assert.Equal(MunicipalityRegistry.Default.Counties.Select(c => $"{c.Name} ({c.Code})"), options);
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task Upload_ValidSample_ShowsAccepted()
    {
        var page = await host.OpenAsync("/api/web/uppladdning");
        await FillUploadFormAsync(page, "13", Sample(ValidSample));

        await page.ClickAsync("#skicka");

        var outcome = page.Locator("#utfall");
        await outcome.WaitForAsync();
        Assert.StartsWith("Accepted", await outcome.GetAttributeAsync("data-outcome"), StringComparison.Ordinal);
        Assert.StartsWith("Godkänd", await page.Locator("#utfall .outcome").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("table.synpunkter.fel tr[data-code]").CountAsync());
        await WebPageHost.ScreenshotAsync(page, "uppladdning-godkand.png");
    }

    [Fact]
    public async Task Upload_InvalidSample_ShowsRejectedWithFindingCellMessageAndFix_AndDownloadsThemAsXlsx()
    {
        var page = await host.OpenAsync("/api/web/uppladdning");
        await FillUploadFormAsync(page, "03", Sample(InvalidSample));

        await page.ClickAsync("#skicka");

        await page.Locator("#utfall").WaitForAsync();
        Assert.Equal("Rejected", await page.GetAttributeAsync("#utfall", "data-outcome"));
        Assert.Equal("Avvisad", await page.Locator("#utfall .outcome").TextContentAsync());
        var row = page.Locator($"section[data-sheet='{InvalidSheet}'] table.fel tr[data-code='{InvalidCode}']").First;
        Assert.Equal(InvalidCell, await row.Locator("td.cell").TextContentAsync());
        Assert.False(string.IsNullOrWhiteSpace(await row.Locator("td.meddelande").TextContentAsync()));
        Assert.False(string.IsNullOrWhiteSpace(await row.Locator("td.rattning").TextContentAsync()));
        await page.Locator("#lanet table, #lanet p:has-text('Inga uppladdningar')").First.WaitForAsync();
        var uppsala = MunicipalityRegistry.Default.InCounty("03").Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(await page.Locator("#saknas li").AllTextContentsAsync(), name => Assert.Contains(name, uppsala));
        Assert.DoesNotContain("null", await page.Locator("#lanet").TextContentAsync(), StringComparison.Ordinal);
        await WebPageHost.ScreenshotAsync(page, "uppladdning-avvisad.png");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#laddanersynpunkter"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync())));
        var rows = workbook.Worksheet("Synpunkter").RowsUsed().Skip(1).ToList();
        Assert.Contains(rows, r => r.Cell(2).GetString() == InvalidSheet && r.Cell(3).GetString() == InvalidCell && r.Cell(5).GetString() == InvalidCode);
    }

    /// <summary>After the county's key is given, the panel shows the county's own tables (GET /api/totals/{year}/{county}).</summary>
    [Fact]
    public async Task Upload_CountyKeyGiven_ShowsTheCountysOwnTablesAsTheApiGivesThem()
    {
        await host.IngestSamplesAsync(DashboardYear);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Add(AccessKeys.CountyHeader, TestRoleKeys.KeyOf("13"));
        var totals = await http.GetFromJsonAsync<JsonElement>($"/api/totals/{DashboardYear}/13");

        var page = await host.OpenAsync("/api/web/uppladdning");
        await page.Locator("#nyckelfalt:not([hidden])").WaitForAsync();
        await page.FillAsync("#ar", DashboardYear.ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#lan", "13");
        await page.FillAsync("#lansnyckel", TestRoleKeys.KeyOf("13"));
        await page.Locator("#lansnyckel").DispatchEventAsync("change");

        await page.Locator("#lanetstabeller").WaitForAsync();
        Assert.True(totals.GetProperty("clients").GetProperty("total").GetInt32() > 0);
        Assert.Equal(totals.GetProperty("clients").GetProperty("total").GetInt32(), await Figure(page, "lt-klienter"));
        Assert.Equal(totals.GetProperty("operations").GetInt32(), await Figure(page, "lt-verksamheter"));
        Assert.Contains($"Klienter efter kön och ålder {DashboardYear}", await page.Locator("#lanetstabeller caption").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("#lanetstabeller tbody tr").CountAsync());
        await WebPageHost.ScreenshotAsync(page, "uppladdning-lanets-tabeller.png");

        // Another county's key opens neither the panel nor the tables.
        await page.FillAsync("#lansnyckel", TestRoleKeys.KeyOf("14"));
        await page.Locator("#lansnyckel").DispatchEventAsync("change");
        await page.Locator("#lanet p:has-text('Nyckeln gäller inte för länet')").WaitForAsync();
        Assert.Equal(0, await page.Locator("#lanetstabeller").CountAsync());
    }

    [Fact]
    public async Task Upload_AnotherCountysKey_ShowsTheRefusalInSwedish()
    {
        var page = await host.OpenAsync("/api/web/uppladdning");
        await page.Locator("#nyckelfalt:not([hidden])").WaitForAsync();
        await FillUploadFormAsync(page, "13", Sample(ValidSample), TestRoleKeys.KeyOf("14"));

        await page.ClickAsync("#skicka");

        var alert = page.Locator("#resultat [role='alert']");
        await alert.WaitForAsync();
        Assert.Contains("Nyckeln gäller inte för länet", await alert.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Hallands län", await alert.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#utfall").CountAsync());
    }

    [Fact]
    public async Task Upload_CountyPanel_NeedsTheCountysOwnKey()
    {
        var page = await host.OpenAsync("/api/web/uppladdning");
        await page.Locator("#nyckelfalt:not([hidden])").WaitForAsync();
        await page.FillAsync("#ar", "2021");
        await page.SelectOptionAsync("#lan", "13");

        // Without a key the page asks for it instead of calling; with another county's key the service refuses.
        await page.Locator("#lanet p:has-text('Skriv in länets nyckel')").WaitForAsync();
        await page.FillAsync("#lansnyckel", TestRoleKeys.KeyOf("14"));
        await page.Locator("#lansnyckel").DispatchEventAsync("change");
        await page.Locator("#lanet p:has-text('Nyckeln gäller inte för länet')").WaitForAsync();
        Assert.Equal(0, await page.Locator("#saknas").CountAsync());

        await page.FillAsync("#lansnyckel", TestRoleKeys.KeyOf("13"));
        await page.Locator("#lansnyckel").DispatchEventAsync("change");
        await page.Locator("#saknas, #lanet p:has-text('Alla kommuner')").First.WaitForAsync();
        Assert.Contains("kommuner har redovisat", await page.Locator("#lanet").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_MarkupInACell_ShownAsTextNeverRun()
    {
        const string markup = "<img src=x onerror=\"window.pwned=1\">";
        using var workbook = new XLWorkbook(Sample(ValidSample));
        workbook.Worksheet(InvalidSheet).Cell(InvalidCell).Value = markup;
        var path = Path.Combine(Path.GetTempPath(), $"po-markup-{Guid.NewGuid():N}.xlsx");
        workbook.SaveAs(path);
        try
        {
            var page = await host.OpenAsync("/api/web/uppladdning");
            await FillUploadFormAsync(page, "13", path);

            await page.ClickAsync("#skicka");

            await page.Locator("#utfall").WaitForAsync();
            var row = page.Locator($"section[data-sheet='{InvalidSheet}'] table.fel tr[data-code='VALUE_NOT_A_COUNT']").First;
            Assert.Contains("<img src=x", await row.Locator("td.meddelande").TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#resultat img").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("typeof window.pwned === 'undefined'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Upload_KeyboardOnly_ReachesEveryControlAndUploads()
    {
        var page = await host.OpenAsync("/api/web/uppladdning");
        await page.Locator("#lan option[value='03']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        await TabToAsync(page, "lan");
        // Arrow keys, not type-ahead: type-ahead restarts after a pause, which a loaded machine may take. "Välj län",
        // Stockholm (01), Uppsala (03).
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "ar");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("2021");
        await TabToAsync(page, "lansnyckel");
        await page.Keyboard.TypeAsync(TestRoleKeys.KeyOf("03"));
        await TabToAsync(page, "fil");
        var chooser = await OpenFileChooserWithSpaceAsync(page);
        await chooser.SetFilesAsync(Sample(InvalidSample));
        await TabToAsync(page, "skicka");
        await page.Keyboard.PressAsync("Enter");

        await page.Locator("#utfall").WaitForAsync();
        Assert.Equal("03", await page.InputValueAsync("#lan"));
        Assert.Equal("Rejected", await page.GetAttributeAsync("#utfall", "data-outcome"));
        Assert.Equal("resultat", await page.EvaluateAsync<string>("document.activeElement.id"));
        await TabToAsync(page, "laddanersynpunkter");
    }

    [Fact]
    public async Task Dashboard_SampleYear_HeadlineFiguresEqualTheTotalsApi()
    {
        await host.IngestSamplesAsync(DashboardYear);
        await host.IngestSamplesAsync(DashboardYear - 1);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Add(AccessKeys.NationalHeader, TestRoleKeys.NationalKey);
        var totals = await http.GetFromJsonAsync<JsonElement>($"/api/totals/{DashboardYear}");
        var years = await http.GetFromJsonAsync<JsonElement>("/api/totals");

        // As in Azure: the national routes refuse without Socialstyrelsen's key, so the page asks for it once.
        var page = await host.OpenAsync($"/api/web/oversikt?ar={DashboardYear}");
        await page.FillAsync("#riksnyckel", TestRoleKeys.NationalKey);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator($"body[data-loaded-year='{DashboardYear}']").WaitForAsync();
        Assert.Equal(TestRoleKeys.NationalKey, await page.EvaluateAsync<string>("sessionStorage.getItem('poIntakeNationalKey')"));

        Assert.Equal(totals.GetProperty("clients").GetProperty("total").GetInt32(), await Figure(page, "nt-klienter"));
        Assert.Equal(totals.GetProperty("clients").GetProperty("new").GetInt32(), await Figure(page, "nt-nya"));
        Assert.Equal(totals.GetProperty("ombud").GetProperty("total").GetInt32(), await Figure(page, "nt-ombud"));
        Assert.Equal(totals.GetProperty("operations").GetInt32(), await Figure(page, "nt-verksamheter"));
        Assert.Equal(totals.GetProperty("municipalities").GetProperty("offeringPo").GetInt32(), await Figure(page, "nt-kommuner"));
        Assert.Equal(totals.GetProperty("reportsIncluded").GetInt32(), await Figure(page, "nt-redovisningar"));
        Assert.Equal(
            totals.GetProperty("ombud").GetProperty("fullTimeEquivalents").GetDecimal(),
            decimal.Parse((await page.GetAttributeAsync("#nt-arsarbetare", "data-value"))!, CultureInfo.InvariantCulture));
        var fte = totals.GetProperty("ombud").GetProperty("fullTimeEquivalents").GetDecimal();
        Assert.Equal(Math.Round(fte, 1).ToString("#,0.#", CultureInfo.GetCultureInfo("sv-SE")).Replace("\u00a0", " ", StringComparison.Ordinal), Shown(await page.Locator("#nt-arsarbetare").TextContentAsync()));
        Assert.Equal(years.GetProperty("years").GetArrayLength(), await page.Locator("#d-trend details tbody tr").CountAsync());
        var shown = (await page.Locator("#nt-klienter").TextContentAsync())!.Replace("\u00a0", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Equal(totals.GetProperty("clients").GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture), shown);

        // Every chart is a named image with a data table behind it; the county charts list all 21 counties.
        var figures = page.Locator("#diagram figure");
        Assert.True(await figures.CountAsync() >= 7);
        for (var i = 0; i < await figures.CountAsync(); i++)
        {
            Assert.Equal("img", await figures.Nth(i).Locator("svg").GetAttributeAsync("role"));
            Assert.Equal(1, await figures.Nth(i).Locator("details table").CountAsync());
        }

        Assert.Equal(21, await page.Locator("#d-kommuner details tbody tr").CountAsync());
        var reasonTable = await page.Locator("#d-kontaktorsaker details").TextContentAsync();
        Assert.All(Dimensions.ContactReasons, r => Assert.Contains(r.Label, reasonTable, StringComparison.Ordinal));

        // Figur 1 is the draft lägesrapport's: the page's table of shares is the docx's, cell for cell.
        var report = await http.GetFromJsonAsync<JsonElement>($"/api/report/{DashboardYear}?format=json");
        var figure = report.GetProperty("chapters").EnumerateArray().SelectMany(c => c.GetProperty("tables").EnumerateArray()).Single(t => t.GetProperty("sheet").GetString() == "Kontaktorsaker");
        var expectedRows = figure.GetProperty("blocks")[1].GetProperty("rows").EnumerateArray().Select(r => string.Join("|", r.EnumerateArray().Select(c => c.GetString()))).ToList();
        var pageRows = await page.Locator("#d-kontaktorsaker details tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent))");
        Assert.Equal(expectedRows, pageRows.Select(r => string.Join("|", r)));
        Assert.Contains("Inte för publicering", await page.Locator("#inte-for-publicering").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains($"Saknas: {Dimensions.ManagementMembers.Label(ManagementMember.UserOrganisations)}", await page.Locator("#d-ledningsgrupp details").TextContentAsync(), StringComparison.Ordinal);
        await WebPageHost.ScreenshotAsync(page, "oversikt.png");

        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#laddanercsv"));
        Assert.EndsWith($"{DashboardYear}.csv", csv.SuggestedFilename, StringComparison.Ordinal);
        var draft = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#laddanerlagesrapport"));
        Assert.Equal($"lagesrapport-personligt-ombud-{DashboardYear}.docx", draft.SuggestedFilename);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(await draft.PathAsync(), false);
        Assert.Contains($"{totals.GetProperty("municipalities").GetProperty("offeringPo").GetInt32()} av landets", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_UnknownOrTraversalPath_404()
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/api/web/finns-inte.html")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/api/web/..%2F..%2Fhost.json")).StatusCode);
        Assert.StartsWith("text/html", (await http.GetAsync("/api/web")).Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var page = await http.GetAsync("/api/web/oversikt");
        Assert.StartsWith("text/html", page.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    /// <summary>Displayed text with the thousands separators (narrow/no-break spaces) as plain spaces.</summary>
    private static string Shown(string? text) =>
        (text ?? string.Empty).Replace('\u00a0', ' ').Replace('\u202f', ' ');

    private static string Sample(string relative) => Path.Combine(RepositoryRoot.Path, relative);

    /// <summary>County, year 2021, the county board's key (its own unless another is given) and the file.</summary>
    private static async Task FillUploadFormAsync(IPage page, string county, string file, string? key = null)
    {
        await page.SelectOptionAsync("#lan", county);
        await page.FillAsync("#ar", "2021");
        await page.FillAsync("#lansnyckel", key ?? TestRoleKeys.KeyOf(county));
        await page.SetInputFilesAsync("#fil", file);
    }

    private static async Task<int> Figure(IPage page, string id) =>
        int.Parse((await page.GetAttributeAsync("#" + id, "data-value"))!, CultureInfo.InvariantCulture);

    /// <summary>
    /// Space on the focused file input opens the chooser. On a heavily loaded machine Chromium has dropped that first key
    /// press (the chooser never came within 30 s), so the press is repeated up to three times, focus checked each time.
    /// </summary>
    private static async Task<IFileChooser> OpenFileChooserWithSpaceAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            await TabToAsync(page, "fil");
            try
            {
                return await page.RunAndWaitForFileChooserAsync(
                    () => page.Keyboard.PressAsync("Space"), new PageRunAndWaitForFileChooserOptions { Timeout = 15_000 });
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task TabToAsync(IPage page, string id)
    {
        for (var presses = 0; presses < 15; presses++)
        {
            if (await page.EvaluateAsync<string>("document.activeElement && document.activeElement.id") == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"#{id} is not reachable with Tab");
    }
}
