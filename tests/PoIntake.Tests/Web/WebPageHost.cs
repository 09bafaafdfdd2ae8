using Microsoft.Playwright;
using PoIntake.Core.Intake;
using PoIntake.Tests.EndToEnd;
using PoIntake.Tests.Totals;

namespace PoIntake.Tests.Web;

/// <summary>
/// The function app as devhost runs it (the real worker behind the local Functions host, <see cref="LocalFunctions"/>),
/// and Debian's Chromium driven by Playwright (no browser download).
/// </summary>
internal sealed class WebPageHost : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private WebPageHost(LocalFunctions functions, IPlaywright playwright, IBrowser browser, Uri baseAddress, StorageScenario scenario)
    {
        Functions = functions;
        this.playwright = playwright;
        Browser = browser;
        BaseAddress = baseAddress;
        Scenario = scenario;
    }

    public IBrowser Browser { get; }

    public LocalFunctions Functions { get; }

    public Uri BaseAddress { get; }

    public StorageScenario Scenario { get; }

    public static string ScreenshotDirectory => System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<WebPageHost> StartAsync(LocalFunctions functions)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}; install it with `apt-get install -y chromium` (./test.sh does).");
        }

        // The driver ships in the NuGet package; the browser is the system's, so nothing is downloaded.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            ChromiumSandbox = false,
            Args =
            [
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return new WebPageHost(functions, playwright, browser, functions.BaseAddress, functions.Scenario);
    }

    public async Task<IPage> OpenAsync(string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        return page;
    }

    /// <summary>Drops the committed sample files of a year into reports/; the worker's blob trigger ingests each.</summary>
    public async Task IngestSamplesAsync(int year)
    {
        var folder = System.IO.Path.Combine(RepositoryRoot.Path, "samples", "valid", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var file in Directory.EnumerateFiles(folder, "*.xlsx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var blobName = System.IO.Path.GetRelativePath(System.IO.Path.Combine(RepositoryRoot.Path, "samples", "valid"), file).Replace('\\', '/');
            var result = await Functions.DropReportAsync(blobName, await File.ReadAllBytesAsync(file));
            Assert.Equal(IntakeOutcome.Accepted, result.Outcome);
        }
    }

    /// <summary>
    /// Writes a screenshot to the test output (bin/…/screenshots). With POINTAKE_UPDATE_SCREENSHOTS=1 it is also copied to
    /// docs/screenshots/ (linked from README), so an ordinary test run leaves the working tree clean.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var output = System.IO.Path.Combine(ScreenshotDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = output, FullPage = true });
        if (Environment.GetEnvironmentVariable("POINTAKE_UPDATE_SCREENSHOTS") != "1")
        {
            return;
        }

        var docs = System.IO.Path.Combine(RepositoryRoot.Path, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        File.Copy(output, System.IO.Path.Combine(docs, name), overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
    }
}
