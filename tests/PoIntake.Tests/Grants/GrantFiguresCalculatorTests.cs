using PoIntake.Core.Grants;
using PoIntake.Core.Reference;

namespace PoIntake.Tests.Grants;

public sealed class GrantFiguresCalculatorTests
{
    private static readonly AppropriationYear Year2021 = new() { GrantsSek = 130_000_000m, AmountPerFullTimeEquivalentSek = 404_530m };

    [Fact]
    public void Money_RoundsToTheKronaOnceAndTheHighestAmountDown()
    {
        Assert.Equal(129_595_231m, GrantMoney.ToKrona(404_530m * 320.36m));
        Assert.Equal(129_464_223m, GrantMoney.ToKrona(402_638m * 321.54m));
        Assert.Equal(2m, GrantMoney.ToKrona(1.5m));
        Assert.Equal(405_793m, GrantMoney.HighestAmountWithin(130_000_000m, 320.36m));
        Assert.True(GrantMoney.HighestAmountWithin(130_000_000m, 320.36m) * 320.36m <= 130_000_000m);
    }

    [Fact]
    public void Calculate_DistributesTheFixedAmountForGrantedArsarbetareOnly_RefusedAndPendingOutside()
    {
        var registers = new[]
        {
            Register("03", (1.25m, GrantDecision.Granted, 500_000m, 400_000m), (0.75m, GrantDecision.Refused, null, null)),
            Register("25", (2.10m, GrantDecision.Granted, 849_513m, 849_513m), (1.00m, GrantDecision.Pending, null, null)),
        };

        var figures = GrantFiguresCalculator.Calculate(2021, registers, Year2021, [], MunicipalityRegistry.Default);

        Assert.Equal(5.10m, figures.National.AppliedFullTimeEquivalents);
        Assert.Equal(3.35m, figures.National.GrantedFullTimeEquivalents);
        Assert.Equal((4, 2, 1, 1), (figures.National.Applications, figures.National.Granted, figures.National.Refused, figures.National.Pending));
        Assert.Equal(1_349_513m, figures.National.GrantedSek);
        Assert.Equal(1_249_513m, figures.National.PaidSek);

        // 404 530 × 3,35 = 1 355 175,50: the refused 0,75 and the pending 1,00 get nothing.
        Assert.Equal(1_355_176m, figures.Appropriation.DistributedSek);
        Assert.Equal(130_000_000m - 1_355_176m, figures.Appropriation.UndistributedSek);
        Assert.Equal(Math.Floor(130_000_000m / 5.10m), figures.Appropriation.HighestAmountPerFullTimeEquivalentSek);

        // Per county, rounded per county: 404 530 × 1,25 = 505 662,50.
        var uppsala = figures.Counties.Single(c => c.CountyCode == "03");
        Assert.Equal((2, 2.00m, 1.25m, 500_000m, 400_000m, 505_663m), (uppsala.Applications, uppsala.AppliedFullTimeEquivalents, uppsala.GrantedFullTimeEquivalents, uppsala.GrantedSek, uppsala.PaidSek, uppsala.DistributedSek));
        Assert.Equal(21, figures.Counties.Count);
        Assert.False(figures.Counties.Single(c => c.CountyCode == "01").HasRegister);
        Assert.Null(figures.Counties.Single(c => c.CountyCode == "01").DistributedSek);
    }

    [Fact]
    public void Calculate_WithoutAppropriationSettings_ShowsTheRegistersOnly()
    {
        var figures = GrantFiguresCalculator.Calculate(2030, [Register("03", (1m, GrantDecision.Granted, 1m, 1m))], null, [], MunicipalityRegistry.Default);

        Assert.Equal(new AppropriationFigures(null, null, null, null, null), figures.Appropriation);
        Assert.Equal(1m, figures.National.AppliedFullTimeEquivalents);
    }

    [Fact]
    public void Calculate_SpentLessThanGranted_ListedForReviewNeverDecided()
    {
        var register = Register("03", (1m, GrantDecision.Granted, 500_000m, 500_000m), (1m, GrantDecision.Granted, 300_000m, 300_000m), (1m, GrantDecision.Granted, 200_000m, 0m));
        var reports = new[]
        {
            new ReportedEconomy("03", register.Applications[0].OperationKey, false, 500_000m, 420_000.50m),
            new ReportedEconomy("03", register.Applications[1].OperationKey, false, 300_000m, 310_000m),
        };

        var figures = GrantFiguresCalculator.Calculate(2021, [register], Year2021, reports, MunicipalityRegistry.Default);

        Assert.Equal([79_999.50m, null, null], figures.Operations.Select(o => o.UnspentSek));
        Assert.Equal([true, false, false], figures.Operations.Select(o => o.ForReview));
        Assert.Equal([true, true, false], figures.Operations.Select(o => o.ReportReceived));
        Assert.Contains("15 §", figures.RepaymentNote, StringComparison.Ordinal);
        Assert.Contains("inget beslut", figures.RepaymentNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_ReportedArsarbetareBelowGranted_ListedForReviewUnder15Paragraph()
    {
        var register = Register("03", (2m, GrantDecision.Granted, 809_060m, 809_060m), (1m, GrantDecision.Granted, 404_530m, 404_530m), (1.5m, GrantDecision.Granted, 606_795m, 606_795m));
        var reports = new[]
        {
            new ReportedEconomy("03", register.Applications[0].OperationKey, false, 809_060m, 809_060m, 1.8m),   // 0,2 not filled
            new ReportedEconomy("03", register.Applications[1].OperationKey, false, 404_530m, 404_530m, 1m),     // as granted
            new ReportedEconomy("03", register.Applications[2].OperationKey, true, null, null, null),             // nil return: none filled
        };

        var figures = GrantFiguresCalculator.Calculate(2021, [register], Year2021, reports, MunicipalityRegistry.Default);

        Assert.Equal([1.8m, 1m, 0m], figures.Operations.Select(o => o.ReportedFullTimeEquivalents));
        Assert.Equal([true, false, true], figures.Operations.Select(o => o.FullTimeEquivalentsBelowGranted));
        Assert.Equal([true, false, true], figures.Operations.Select(o => o.ForReview));
        Assert.Contains("färre årsarbetare", figures.RepaymentNote, StringComparison.Ordinal);
        var csv = System.Text.Encoding.UTF8.GetString(GrantFiguresExporter.Csv(figures));
        Assert.Contains($"fullTimeEquivalentsBelowGrantedForReview,county=03;operation={register.Applications[0].OperationKey},1", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Exporters_CsvAndXlsxCarryTheSameFigures()
    {
        var figures = GrantFiguresCalculator.Calculate(2021, [Register("25", (320.36m, GrantDecision.Granted, 129_595_231m, 129_595_231m))], Year2021, [], MunicipalityRegistry.Default);

        var csv = System.Text.Encoding.UTF8.GetString(GrantFiguresExporter.Csv(figures)).Split('\n');
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(GrantFiguresExporter.Xlsx(figures)));

        Assert.Equal(GrantFiguresExporter.CsvHeader, csv[0]);
        Assert.Contains("distributedSek,,129595231", csv);
        Assert.Contains("appliedFullTimeEquivalents,county=25,320.36", csv);
        var sheet = workbook.Worksheet("Anslag");
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString().StartsWith("Fördelas", StringComparison.Ordinal));
        Assert.Equal(129_595_231m, row.Cell(2).GetValue<decimal>());
        Assert.Equal(["Anslag", "Län", "Granskning"], workbook.Worksheets.Select(w => w.Name));
    }

    [Fact]
    public void Xlsx_ReviewSheetNamesTheCountyAsTheCountySheetDoes()
    {
        var figures = GrantFiguresCalculator.Calculate(2021, [Register("25", (1m, GrantDecision.Granted, 404_530m, 404_530m))], Year2021, [], MunicipalityRegistry.Default);
        Assert.NotEmpty(figures.Operations);

        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(GrantFiguresExporter.Xlsx(figures)));

        var review = workbook.Worksheet("Granskning");
        var counties = workbook.Worksheet("Län").Column(1).CellsUsed().Select(c => c.GetString()).ToHashSet(StringComparer.Ordinal);
        var reviewRow = review.RowsUsed().First(r => r.Cell(2).GetString() == figures.Operations[0].OperationName);
        Assert.Equal(MunicipalityRegistry.Default.FindCountyByCode("25")!.Name, reviewRow.Cell(1).GetString());
        Assert.Contains(reviewRow.Cell(1).GetString(), counties);
    }

    internal static GrantRegister Register(string countyCode, params (decimal Applied, GrantDecision Decision, decimal? Granted, decimal? Paid)[] rows)
    {
        var municipality = MunicipalityRegistry.Default.InCounty(countyCode).First().Code;
        var applications = rows.Select((r, i) => new GrantApplication(
            2021, countyCode, GrantRegisterLayout.FirstDataRow + i, $"Verksamhet {i + 1}", $"verksamhet {i + 1}", [municipality],
            new DateOnly(2021, 2, 1), r.Applied, r.Decision, r.Granted, r.Decision == GrantDecision.Pending ? null : new DateOnly(2021, 4, 1), r.Paid, null, null,
            r.Decision == GrantDecision.Granted ? r.Applied : null)).ToArray();
        return new GrantRegister(2021, countyCode, "v-" + countyCode, DateTimeOffset.UnixEpoch, applications);
    }
}
