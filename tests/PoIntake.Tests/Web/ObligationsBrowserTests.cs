using PoIntake.Core.Grants;
using PoIntake.Core.Storage;
using PoIntake.Tests.EndToEnd;
using PoIntake.Tests.Grants;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;
using PoIntake.Tests.Access;
using static PoIntake.Tests.Grants.InMemoryGrantRegisters;

namespace PoIntake.Tests.Web;

/// <summary>
/// The upload page's list of reports owed vs received, in Chromium against the function app on Azurite. Reporting year
/// 2016 and county 19 (Västmanland) are this test's; the register is a grant register workbook dropped into grants/, which
/// the worker's blob trigger ingests, as a county board's upload would be.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ObligationsBrowserTests(AzuriteFixture azurite, LocalFunctionsFixture functions) : IAsyncLifetime
{
    private const int Year = 2016;
    private const string County = "19";

    private WebPageHost host = null!;

    public async Task InitializeAsync()
    {
        var local = await functions.ForAsync(azurite);
        GrantApplication[] applications =
        [
            Application(Year, County, "PO Västerås", ["1980"], grantedSek: 809_060m, row: GrantRegisterLayout.FirstDataRow),
            Application(Year, County, "PO Köping", ["1983"], grantedSek: 404_530m, row: GrantRegisterLayout.FirstDataRow + 1),
            Application(Year, County, "PO Arboga", ["1984"], GrantDecision.Refused, row: GrantRegisterLayout.FirstDataRow + 2),
        ];
        Assert.True(
            await local.DropAsync(ContainerNames.Grants, GrantRegisterPath.BlobName(Year, County), GrantRegisterTemplate.Write(Year, applications)),
            local.Observer.FailureOf(GrantRegisterPath.BlobName(Year, County)));
        host = await WebPageHost.StartAsync(local);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Upload_CountyPanel_ListsReportsOwedByTheRegisterAndWhichHaveArrived()
    {
        var report = TestReports.Create(Year, County, "PO Västerås");
        report = report with { Operation = report.Operation with { MunicipalityCodes = ["1980"] } };
        Assert.Equal(
            PoIntake.Core.Intake.IntakeOutcome.Accepted,
            (await host.Functions.DropReportAsync($"{Year}/{County}/po-vasteras.xlsx", PoIntake.Core.Template.ReportWorkbookWriter.Write(report))).Outcome);
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
