using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Functions.Http;
using PoIntake.Tests.Access;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Http;

/// <summary>
/// <c>GET /api/totals/{year}/{countyCode}</c>: a county board reads its own county's tables with its key (JSON, xlsx with
/// the national export's suppression, csv) and is refused another county's; Socialstyrelsen's key reads any county.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CountyTotalsFunctionTests(AzuriteFixture azurite)
{
    // A year the other storage tests leave alone (see FunctionsOnAzuriteTests), and a county of this class's own.
    private const int Year = 2026;
    private const string County = "07";

    [Fact]
    public async Task GetCountyTotals_OwnKey_ReadsItsCountysTablesOnly_OtherCountysKeyRefused()
    {
        var scenario = await StorageScenario.ForAsync(azurite);
        var function = ActivatorUtilities.CreateInstance<GetCountyTotalsFunction>(scenario.Services);
        var kronoberg = MunicipalityRegistry.Default.InCounty(County).ToArray();
        var first = WithSmallOtherGenderCell(TestReports.Create(Year, County, "PO Växjö län", seed: 1));
        var second = TestReports.Create(Year, County, "PO Ljungby län", seed: 2) is var r
            ? r with { Operation = r.Operation with { MunicipalityCodes = [kronoberg[3].Code] } }
            : null!;
        await scenario.IngestAsync(first, "vaxjo-lan");
        await scenario.IngestAsync(second, "ljungby-lan");
        await scenario.IngestAsync(TestReports.Create(Year, "08", "PO Kalmar grannlän", seed: 3), "kalmar-grannlan");

        var jsonRequest = Get(countyKey: TestRoleKeys.KeyOf(County));
        var json = AssertJson(await Call(function.RunAsync, jsonRequest, $"{Year}", County), StatusCodes.Status200OK);
        Assert.Equal(HttpResults.NotForPublication, jsonRequest.HttpContext.Response.Headers[HttpResults.PublicationHeader].ToString());

        Assert.Equal(Year, json.GetProperty("year").GetInt32());
        Assert.Equal(2, json.GetProperty("operations").GetInt32());
        Assert.Equal(first.Clients!.Total + second.Clients!.Total, json.GetProperty("clients").GetProperty("total").GetInt32());
        Assert.Equal(first.Clients.ForGender(Gender.Women) + second.Clients.ForGender(Gender.Women),
            json.GetProperty("clients").GetProperty("byGender").GetProperty("women").GetInt32());
        var municipalities = json.GetProperty("municipalities");
        Assert.Equal((kronoberg.Length, 3), (municipalities.GetProperty("total").GetInt32(), municipalities.GetProperty("offeringPo").GetInt32()));
        Assert.Equal(County, Assert.Single(json.GetProperty("counties").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(2, json.GetProperty("followUp").GetProperty("operationsAnswering").GetInt32());

        // The exports: the xlsx hides the 2 clients of another gender as the national one does ("<4"); the csv is exact.
        var xlsxRequest = Get("?format=xlsx", countyKey: TestRoleKeys.KeyOf(County));
        var xlsx = Assert.IsType<FileContentResult>(await Call(function.RunAsync, xlsxRequest, $"{Year}", County));
        Assert.False(xlsxRequest.HttpContext.Response.Headers.ContainsKey(HttpResults.PublicationHeader));
        using (var workbook = new XLWorkbook(new MemoryStream(xlsx.FileContents)))
        {
            Assert.Contains(workbook.Worksheets.SelectMany(w => w.CellsUsed()), c => c.GetString() == "<4");
        }

        var csvRequest = Get("?format=csv", countyKey: TestRoleKeys.KeyOf(County));
        var csv = Assert.IsType<FileContentResult>(await Call(function.RunAsync, csvRequest, $"{Year}", County));
        Assert.Equal(HttpResults.NotForPublication, csvRequest.HttpContext.Response.Headers[HttpResults.PublicationHeader].ToString());
        Assert.Contains($"clients,,{first.Clients.Total + second.Clients.Total}", System.Text.Encoding.UTF8.GetString(csv.FileContents), StringComparison.Ordinal);

        // Another county board's key, and no key, are refused; Socialstyrelsen's key reads any county.
        var other = AssertProblem(await Call(function.RunAsync, Get(countyKey: TestRoleKeys.KeyOf("08")), $"{Year}", County), StatusCodes.Status403Forbidden);
        Assert.Equal("countyKeyWrong", other.GetProperty("reason").GetString());
        var none = AssertProblem(await Call(function.RunAsync, Get(), $"{Year}", County), StatusCodes.Status403Forbidden);
        Assert.Equal("countyKeyMissing", none.GetProperty("reason").GetString());
        var national = AssertJson(await Call(function.RunAsync, NationalGet(), $"{Year}", "08"), StatusCodes.Status200OK);
        Assert.Equal(1, national.GetProperty("operations").GetInt32());
    }

    [Fact]
    public async Task GetCountyTotals_CountyWithoutReports_404_BadCounty_400()
    {
        var scenario = await StorageScenario.ForAsync(azurite);
        var function = ActivatorUtilities.CreateInstance<GetCountyTotalsFunction>(scenario.Services);

        AssertProblem(await Call(function.RunAsync, Get(countyKey: TestRoleKeys.KeyOf("09")), $"{Year}", "09"), StatusCodes.Status404NotFound);
        AssertProblem(await Call(function.RunAsync, Get(countyKey: TestRoleKeys.KeyOf(County)), $"{Year}", "99"), StatusCodes.Status400BadRequest);
    }

    private static AnnualReport WithSmallOtherGenderCell(AnnualReport report)
    {
        var cells = report.Clients!.ByGenderAndAge.ToDictionary(kv => kv.Key, kv => kv.Key.Gender == Gender.OtherGender ? 0 : kv.Value);
        cells[(Gender.OtherGender, AgeGroup.Age18To29)] = 2;
        var reasons = report.ContactReasons!.ToDictionary(kv => kv.Key, kv => kv.Key.Gender == Gender.OtherGender ? 0 : kv.Value);
        return report with { Clients = report.Clients with { ByGenderAndAge = cells }, ContactReasons = reasons };
    }
}
