using PoIntake.Core.Grants;
using PoIntake.Tests.Grants;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;
using PoIntake.Tests.Access;
using static PoIntake.Tests.Grants.InMemoryGrantRegisters;

namespace PoIntake.Tests.Web;

/// <summary>
/// The upload page's list of reports owed vs received, in Chromium against the function app on Azurite. Reporting year
/// 2016 and county 19 (Västmanland) are this test's; the register comes through the port (one line in <see cref="InitializeAsync"/>).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ObligationsBrowserTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Year = 2016;
    private const string County = "19";

    private WebPageHost host = null!;

    public async Task InitializeAsync()
    {
        var registers = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Västerås", ["1980"], grantedSek: 809_060m),
            Application(Year, County, "PO Köping", ["1983"], grantedSek: 404_530m),
            Application(Year, County, "PO Arboga", ["1984"], GrantDecision.Refused));
        host = await WebPageHost.StartAsync(azurite, registers);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Upload_CountyPanel_ListsReportsOwedByTheRegisterAndWhichHaveArrived()
    {
        var report = TestReports.Create(Year, County, "PO Västerås");
        await host.Scenario.IngestAsync(report with { Operation = report.Operation with { MunicipalityCodes = ["1980"] } }, "po-vasteras");
        var page = await host.OpenAsync("/api/web/uppladdning");
        await page.Locator("#nyckelfalt:not([hidden])").WaitForAsync();
        await page.FillAsync("#ar", Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#lan", County);
        await page.FillAsync("#lansnyckel", TestRoleKeys.KeyOf(County));
        await page.Locator("#lansnyckel").DispatchEventAsync("change");

        var section = page.Locator("#skyldiga");
        await section.WaitForAsync();

        Assert.Equal("grantRegister", await section.GetAttributeAsync("data-rule"));
        var text = await section.TextContentAsync() ?? string.Empty;
        Assert.Contains("Rapporter som ska lämnas för 2016", text, StringComparison.Ordinal);
        Assert.Contains("bidragsregister för 2016", text, StringComparison.Ordinal);
        Assert.Contains("1 av 2 har kommit in, 1 saknas.", text, StringComparison.Ordinal);
        var missing = page.Locator("#skyldigarapporter tr[data-received='nej']");
        Assert.Equal(1, await missing.CountAsync());
        Assert.Equal(["PO Köping", "Köping", "404 530", "Saknas"], (await missing.Locator("td").AllTextContentsAsync()).Select(Plain));
        var arrived = page.Locator("#skyldigarapporter tr[data-received='ja'] td");
        Assert.Equal(["PO Västerås", "Västerås", "809 060", "Har kommit in"], (await arrived.AllTextContentsAsync()).Select(Plain));
        Assert.DoesNotContain("PO Arboga", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
    }

    private static string Plain(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');
}
