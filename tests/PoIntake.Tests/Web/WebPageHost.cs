using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.DevHost.Functions;
using PoIntake.Functions;
using PoIntake.Functions.Web;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;

namespace PoIntake.Tests.Web;

/// <summary>
/// The function app's HTTP functions hosted the way devhost hosts them (same catalog and binding) on a free port
/// against the shared Azurite, and Debian's Chromium driven by Playwright (no browser download).
/// </summary>
internal sealed class WebPageHost : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly WebApplication app;
    private readonly IPlaywright playwright;

    private WebPageHost(WebApplication app, IPlaywright playwright, IBrowser browser, Uri baseAddress, StorageScenario scenario)
    {
        this.app = app;
        this.playwright = playwright;
        Browser = browser;
        BaseAddress = baseAddress;
        Scenario = scenario;
    }

    public IBrowser Browser { get; }

    public Uri BaseAddress { get; }

    public StorageScenario Scenario { get; }

    public static string ScreenshotDirectory => System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <param name="grantRegisters">The grant register source the app's status and reminders read, when a test supplies one.</param>
    public static async Task<WebPageHost> StartAsync(AzuriteFixture azurite, PoIntake.Core.Grants.IGrantRegisterReader? grantRegisters = null)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}; install it with `apt-get install -y chromium` (./test.sh does).");
        }

        var scenario = await StorageScenario.ForAsync(azurite);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [ConnectionNames.Storage] = azurite.ConnectionString,
        });
        // Role keys as in Azure: the pages must ask for the county board's or Socialstyrelsen's key and send it.
        builder.Configuration.AddInMemoryCollection(Access.TestRoleKeys.Settings());
        builder.Services.AddPoIntakeFunctionApp(builder.Configuration);
        if (grantRegisters is not null)
        {
            builder.Services.AddSingleton(grantRegisters);
        }

        builder.Services.AddMvcCore();
        var app = builder.Build();
        app.MapHttpFunctions(FunctionCatalog.FromAssembly(typeof(WebPagesFunction).Assembly));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

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
        return new WebPageHost(app, playwright, browser, new Uri(address), scenario);
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

    /// <summary>Drops the committed sample files of a year into reports/ and runs the blob intake on each.</summary>
    public async Task IngestSamplesAsync(int year)
    {
        var container = Scenario.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Reports);
        var folder = System.IO.Path.Combine(RepositoryRoot.Path, "samples", "valid", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var file in Directory.EnumerateFiles(folder, "*.xlsx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var blobName = System.IO.Path.GetRelativePath(System.IO.Path.Combine(RepositoryRoot.Path, "samples", "valid"), file).Replace('\\', '/');
            await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(file)), overwrite: true);
            var record = await Scenario.Get<IReportIntake>().IngestAsync(blobName, CancellationToken.None);
            Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
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
        await app.DisposeAsync();
    }
}
