using System.Text;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PoIntake.Core.Grants;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Functions.Http;
using PoIntake.Tests.Access;
using PoIntake.Tests.Storage;
using static PoIntake.Tests.Grants.InMemoryGrantRegisters;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Grants;

/// <summary>
/// Socialstyrelsen's figures entered as data (NationalFiguresStore on Azurite, functions/Http/NationalFiguresAdminFunctions.cs):
/// versioned, settings only as fallback, and the grant figures and their exports say which source they used.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class NationalFiguresTests(AzuriteFixture azurite)
{
    private const string Actor = "administration " + TestRoleKeys.AdministrationHolder;

    [Fact]
    public async Task Post_StoresVersions_NothingOverwritten_LatestUsed_SettingsOnlyAsFallback_FiguresAndExportsNameTheSource()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePrefix: "Nat" + Guid.NewGuid().ToString("N")[..12]);
        const int year = 2021;
        var settings = new AppropriationOptions();
        settings.Years["2021"] = new AppropriationYear { GrantsSek = 130_000_000m, AmountPerFullTimeEquivalentSek = 404_530m };
        var source = new AppropriationSource(h.Get<NationalFiguresStore>(), Options.Create(settings));
        var registers = new InMemoryGrantRegisters().Add(year, "20",
            Application(year, "20", "PO Falun", ["2080"], grantedSek: 809_060m, appliedFullTimeEquivalents: 2m),
            Application(year, "20", "PO Mora", ["2062"], GrantDecision.Refused, appliedFullTimeEquivalents: 0.5m));
        var figures = new GrantFiguresService(registers, h.Get<CurrentReportStore>(), h.Get<ReportVersionStore>(), source, MunicipalityRegistry.Default);
        var function = new NationalFiguresAdminFunctions(h.Get<NationalFiguresStore>(), source, NullLogger<NationalFiguresAdminFunctions>.Instance);

        // Nothing entered: the settings, and the figures say so.
        var fallback = (await figures.GetAsync(year, CancellationToken.None))!.Appropriation;
        Assert.Equal((ResolvedAppropriation.FromSettings, 404_530m, 809_060m, (string?)null), (fallback.Source, fallback.FixedAmountPerFullTimeEquivalentSek, fallback.DistributedSek, fallback.NationalFiguresVersion));
        Assert.Equal("settings", AssertJson(await Call(function.GetAsync, Admin("GET"), "2021"), StatusCodes.Status200OK).GetProperty("source").GetString());

        // Only the administration key may enter them.
        AssertProblem(await Call(function.PostAsync, Body("""{"grantsSek": 1}""", nationalKey: TestRoleKeys.NationalKey), "2021"), StatusCodes.Status403Forbidden);

        var first = AssertJson(await Call(function.PostAsync, Body("""
            {"grantsSek": 125000000, "amountPerFullTimeEquivalentSek": 400000, "repaidSek": 12345.50,
             "otherLines": [{"label": "Socialstyrelsen", "budgetSek": 1500000, "outcomeSek": 1346391}], "comment": "Regleringsbrev"}
            """), "2021"), StatusCodes.Status200OK);
        Assert.Equal("nationalFigures", first.GetProperty("source").GetString());
        var firstVersion = first.GetProperty("version").GetString()!;
        var entered = (await figures.GetAsync(year, CancellationToken.None))!;
        Assert.Equal(
            (ResolvedAppropriation.FromNationalFigures, firstVersion, 125_000_000m, 400_000m, 800_000m, 124_200_000m),
            (entered.Appropriation.Source, entered.Appropriation.NationalFiguresVersion, entered.Appropriation.GrantsSek,
             entered.Appropriation.FixedAmountPerFullTimeEquivalentSek, entered.Appropriation.DistributedSek, entered.Appropriation.UndistributedSek));
        Assert.Contains($"appropriationSource,source=nationalFigures;version={firstVersion},", Encoding.UTF8.GetString(GrantFiguresExporter.Csv(entered)).Split('\n'));
        using (var workbook = new XLWorkbook(new MemoryStream(GrantFiguresExporter.Xlsx(entered))))
        {
            Assert.Contains(workbook.Worksheet("Anslag").CellsUsed(), c => c.GetString() == $"Källa för anslag och fastställt belopp: Socialstyrelsens inlagda uppgifter (version {firstVersion}).");
        }

        // Bad input: 400 with Swedish problems naming each field; nothing stored.
        var problem = AssertProblem(await Call(function.PostAsync, Body("""{"grantsSek": "130 000 000", "amountPerFullTimeEquivalentSek": -1, "otherLines": [{"budgetSek": 1}], "anslag": 5}"""), "2021"), StatusCodes.Status400BadRequest);
        var problems = problem.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Contains(problems, p => p.StartsWith("Fältet \"grantsSek\": Anslaget för ombudstjänster ska vara ett tal i kronor", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Fältet \"amountPerFullTimeEquivalentSek\": Beloppet per årsarbetare (-1) ska ligga mellan 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Fältet \"otherLines[0].label\" saknas", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Fältet \"anslag\" finns inte", StringComparison.Ordinal));
        AssertProblem(await Call(function.PostAsync, Body("inte json"), "2021"), StatusCodes.Status400BadRequest);
        AssertProblem(await Call(function.PostAsync, Body("{}"), "2021"), StatusCodes.Status400BadRequest);
        Assert.Single(await h.Get<NationalFiguresStore>().HistoryAsync(year, CancellationToken.None));

        // A correction is a new version; the first stays as it was, the latest is used.
        h.Time.Advance(TimeSpan.FromDays(1));
        var second = AssertJson(await Call(function.PostAsync, Body("""{"grantsSek": 130000000, "amountPerFullTimeEquivalentSek": 404530}"""), "2021"), StatusCodes.Status200OK);
        var history = second.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(2, history.Length);
        Assert.Equal((firstVersion, 400_000m, "Regleringsbrev", Actor), (history[0].GetProperty("versionId").GetString(), history[0].GetProperty("amountPerFullTimeEquivalentSek").GetDecimal(), history[0].GetProperty("comment").GetString(), history[0].GetProperty("by").GetString()));
        Assert.Equal(second.GetProperty("version").GetString(), history[1].GetProperty("versionId").GetString());
        Assert.True(string.CompareOrdinal(history[1].GetProperty("versionId").GetString(), firstVersion) > 0);
        var corrected = (await figures.GetAsync(year, CancellationToken.None))!.Appropriation;
        Assert.Equal((404_530m, 809_060m, (decimal?)null), (corrected.FixedAmountPerFullTimeEquivalentSek, corrected.DistributedSek, (await source.ForAsync(year, CancellationToken.None)).Appropriation!.RepaidSek));

        // Another year without entries still falls back to the settings (none here).
        Assert.Equal(ResolvedAppropriation.FromNowhere, (await source.ForAsync(2022, CancellationToken.None)).Source);
    }

    [Fact]
    public async Task Tabell5_UsesTheEnteredFigures_AndRecomputesWhenANewVersionIsEntered()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePrefix: "Nat" + Guid.NewGuid().ToString("N")[..12]);
        const int year = 2021;
        var blob = $"{year}/20/nat-{Guid.NewGuid():N}.xlsx";
        await h.DropAsync(blob, h.Workbook(TestReports.Create(year, "20", "PO Tabell", seed: 1)));
        await h.Intake.IngestAsync(blob, CancellationToken.None);
        var totals = h.Get<PoIntake.Core.Totals.TotalsService>();
        var store = h.Get<NationalFiguresStore>();

        // The harness has no Appropriation settings: no budget table until Socialstyrelsen enters its figures.
        Assert.Null((await totals.GetAsync(year, CancellationToken.None))!.Result.Totals.BudgetAndOutcome);

        var first = await store.AddAsync(year, 130_000_000m, 404_530m, 1_000m, [new NationalBudgetLine("Socialstyrelsen", 1_500_000m, 1_346_391m)], Actor, null, CancellationToken.None);
        var budget = (await totals.GetAsync(year, CancellationToken.None))!.Result.Totals.BudgetAndOutcome!;
        Assert.Equal(("nationalFigures", first.VersionId), (budget.BudgetSource, budget.BudgetVersion));
        Assert.Equal(["Socialstyrelsen", "Ombudstjänster, statsbidrag"], budget.Lines.Select(l => l.Label));
        Assert.Equal((131_500_000m, 1_000m), (budget.TotalBudgetSek, budget.RepaidSek));

        h.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await store.AddAsync(year, 125_000_000m, 404_530m, null, [], Actor, "Rättat anslag", CancellationToken.None);
        var recomputed = (await totals.GetAsync(year, CancellationToken.None))!.Result.Totals.BudgetAndOutcome!;
        Assert.Equal((second.VersionId, 125_000_000m, (decimal?)null), (recomputed.BudgetVersion, recomputed.TotalBudgetSek, recomputed.RepaidSek));
    }

    private static HttpRequest Admin(string method) => Request(method, administrationKey: TestRoleKeys.AdministrationKey);

    private static HttpRequest Body(string json, string? nationalKey = null)
    {
        var request = nationalKey is null ? Request("POST", administrationKey: TestRoleKeys.AdministrationKey) : Request("POST", nationalKey: nationalKey);
        var bytes = Encoding.UTF8.GetBytes(json);
        request.Body = new MemoryStream(bytes);
        request.ContentLength = bytes.Length;
        request.ContentType = "application/json";
        return request;
    }
}
