using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Totals;

namespace PoIntake.Tests.Totals;

public sealed class TotalsExporterTests
{
    /// <summary>The export's sheets in the lägesrapport's order.</summary>
    private static readonly string[] Sheets = ["Tabell 1", "Redovisningar", "Ombud", "Klienter", "Kontaktorsaker", "Väntetid", "Utförare", "Ledningsgrupper", "Systembrister", "Ekonomi"];

    /// <summary>A year with clients 1–3 in cells, so that suppression shows (also used by <see cref="LagesrapportTests"/>).</summary>
    internal static TotalsResult SmallYear()
    {
        // Gotland: one operation with 2 women 30–49 and 3 men 65+; Skåne: one with 40 women 18–29.
        var gotland = PublishedReportSets.RandomReport(
            new Random(1), 2025, "09", "PO Gotland", ["0980"],
            new Dictionary<(Gender, AgeGroup), int> { [(Gender.Women, AgeGroup.Age30To49)] = 2, [(Gender.Men, AgeGroup.Age65Plus)] = 3 }) with
        {
            SystemDeficiencies = [new SystemDeficiency(DeficiencyLevel.Central, DeficiencyArea.SocialInsuranceAgency, "Försäkringskassan svarar inte", "Klienten blir utan ersättning", "Påtalat")],
        };
        var skane = PublishedReportSets.RandomReport(
            new Random(2), 2025, "12", "PO Malmö", ["1280", "1281"],
            new Dictionary<(Gender, AgeGroup), int> { [(Gender.Women, AgeGroup.Age18To29)] = 40 });
        var contents = new[]
        {
            PublishedReportSets.Content(PublishedReportSets.Current(gotland, 1), gotland),
            PublishedReportSets.Content(PublishedReportSets.Current(skane, 2), skane),
        };
        return new TotalsCalculator(MunicipalityRegistry.Default).Calculate(2025, contents, [], DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Xlsx_SmallCounts_HiddenAndTheirTotalsApproximate()
    {
        var result = SmallYear();

        using var workbook = new XLWorkbook(new MemoryStream(new TotalsXlsxExporter().Export(result)));

        var clients = workbook.Worksheet("Klienter");
        var women = clients.RowsUsed().Single(r => r.Cell(1).GetString() == "Kvinnor");
        var men = clients.RowsUsed().Single(r => r.Cell(1).GetString() == "Män");
        Assert.Equal(40, women.Cell(2).GetValue<int>());
        Assert.Equal("<4", women.Cell(3).GetString());
        Assert.Equal("<4", men.Cell(5).GetString());
        Assert.Equal("<10", men.Cell(6).GetString());
        Assert.Equal("Ca 40", women.Cell(6).GetString());
        var total = clients.RowsUsed().First(r => r.Cell(1).GetString() == WorkbookLabels.Total);
        Assert.Equal(["40", "<10", "0", "<10", "Ca 40"], Enumerable.Range(2, 5).Select(c => total.Cell(c).GetString()));
        Assert.Equal(0, clients.RowsUsed().Single(r => r.Cell(1).GetString() == "Annan könstillhörighet").Cell(6).GetValue<int>());
        Assert.True(clients.Column(1).Width > 20);
    }

    [Fact]
    public void Xlsx_PrintedWithLibreOffice_EverySheetOnOnePageWithTitleAndHeaderRepeated()
    {
        var xlsx = new TotalsXlsxExporter().Export(SmallYear());

        var pages = Template.PrintedPages.PerSheet(xlsx);

        Assert.Equal(Sheets, pages.Keys);
        Assert.All(pages, p => Assert.True(p.Value == 1, $"{p.Key}: {p.Value} pages"));
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        Assert.All(workbook.Worksheets, sheet =>
        {
            Assert.Equal((1, 0), (sheet.PageSetup.PagesWide, sheet.PageSetup.PagesTall));
            Assert.Equal((1, 4), (sheet.PageSetup.FirstRowToRepeatAtTop, sheet.PageSetup.LastRowToRepeatAtTop));
            Template.PrintedPages.AssertNoTextCutOff(sheet);
        });
        Assert.Equal(XLPageOrientation.Landscape, workbook.Worksheet("Systembrister").PageSetup.PageOrientation);
    }

    [Fact]
    public void Xlsx_UnitCountsAndMoney_NeverHidden()
    {
        // Gotland's single operation and kommun are 1s: the reports print such counts exactly.
        var result = SmallYear();

        using var workbook = new XLWorkbook(new MemoryStream(new TotalsXlsxExporter().Export(result)));

        foreach (var name in new[] { "Tabell 1", "Väntetid", "Ledningsgrupper", "Systembrister" })
        {
            Assert.DoesNotContain(
                workbook.Worksheet(name).CellsUsed(),
                c => c.GetString() == Suppression.Hidden || c.GetString().StartsWith(Suppression.Approximately + " ", StringComparison.Ordinal));
        }

        var waiting = workbook.Worksheet("Väntetid").RowsUsed().Single(r => r.Cell(1).GetString() == "Gotland");
        Assert.Equal(1, waiting.Cell(3).GetValue<int>());
        Assert.Equal(result.Totals.Counties.Single(c => c.Code == "09").OperationsWithWaitingTime, waiting.Cell(4).GetValue<int>());
        var central = workbook.Worksheet("Systembrister").RowsUsed().Single(r => r.Cell(1).GetString() == "Central nivå");
        Assert.Equal(
            result.Totals.SystemDeficiencies.ByLevel[DeficiencyLevel.Central],
            central.Cell(2 + Dimensions.DeficiencyAreas.Count).GetValue<int>());
        var economy = workbook.Worksheet("Ekonomi");
        Assert.Equal(result.Totals.Economy.GrantedSek, economy.Cell(5, 2).GetValue<decimal>());
    }

    [Fact]
    public void Xlsx_PersonTables_ShownAsTheSuppressionRuleSays()
    {
        var result = SmallYear();

        using var workbook = new XLWorkbook(new MemoryStream(new TotalsXlsxExporter().Export(result)));

        var shown = TotalsXlsxExporter.PersonTables(result.Totals)[2].Show().Select(f => f.Text ?? f.Exact!.Value.ToString(CultureInfo.InvariantCulture));
        var reasons = workbook.Worksheet("Kontaktorsaker").Range(5, 2, 4 + Dimensions.ContactReasons.Count, 5).Cells().Select(c => c.GetString());
        Assert.Equal(shown.Order(StringComparer.Ordinal), reasons.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Xlsx_Tabell1_ListsAll21CountiesExactlyWithRiket()
    {
        var result = SmallYear();

        using var workbook = new XLWorkbook(new MemoryStream(new TotalsXlsxExporter().Export(result)));

        var sheet = workbook.Worksheet("Tabell 1");
        var names = MunicipalityRegistry.Default.Counties.Select(c => c.Name).ToHashSet();
        var countyRows = sheet.RowsUsed().Where(r => names.Contains(r.Cell(1).GetString())).ToArray();
        Assert.Equal(21, countyRows.Length);
        var gotland = countyRows.Single(r => r.Cell(1).GetString() == "Gotland");
        Assert.Equal(1, gotland.Cell(2).GetValue<int>());
        Assert.Equal(1, gotland.Cell(3).GetValue<int>());
        Assert.Equal("–", gotland.Cell(4).GetString());
        var skane = countyRows.Single(r => r.Cell(1).GetString() == "Skåne");
        Assert.Equal(MunicipalityRegistry.Default.InCounty("12").Count(), skane.Cell(2).GetValue<int>());
        Assert.Equal(2, skane.Cell(3).GetValue<int>());
        var riket = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Riket");
        Assert.Equal(290, riket.Cell(2).GetValue<int>());
        Assert.Equal(3, riket.Cell(3).GetValue<int>());
    }

    [Fact]
    public void Xlsx_CentralLevelTexts_ListedWithWhoReportedThem()
    {
        using var workbook = new XLWorkbook(new MemoryStream(new TotalsXlsxExporter().Export(SmallYear())));

        // Bilaga 1's third table (the other authorities): Brist, Konsekvens, Rapporterad av (name and county), Antal verksamheter.
        var sheet = workbook.Worksheet("Systembrister");
        var text = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Försäkringskassan svarar inte");
        Assert.Equal("Klienten blir utan ersättning", text.Cell(2).GetString());
        Assert.Equal("Verksamheten i Gotland (Gotland)", text.Cell(3).GetString()); // stored without its name: named by its kommun, never by its key
        Assert.Equal(1, text.Cell(4).GetValue<int>());
        Assert.Equal(Sheets, workbook.Worksheets.Select(w => w.Name));
    }

    [Fact]
    public void Csv_ParsesWithOneHeaderAndExactFigures()
    {
        var result = SmallYear();

        var bytes = new TotalsCsvExporter().Export(result.Totals);

        Assert.False(bytes.Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }));
        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("measure,dimensions,value", lines[0]);
        Assert.Single(lines, l => l.StartsWith("measure,", StringComparison.Ordinal));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(rows, r => Assert.Equal(3, r.Length));
        Assert.All(rows.Where(r => r[2].Length > 0), r => decimal.Parse(r[2], NumberStyles.Number, CultureInfo.InvariantCulture));
        string Value(string measure, string dims) => Assert.Single(rows, r => r[0] == measure && r[1] == dims)[2];
        Assert.Equal("2", Value("clients", "ageGroup=30-49;gender=women"));
        Assert.Equal("3", Value("clients", "ageGroup=65+;gender=men"));
        Assert.Equal("45", Value("clients", string.Empty));
        Assert.Equal(string.Empty, Value("municipalitiesOfferingPoChange", string.Empty));
        Assert.Equal("1", Value("municipalities", "county=09"));
        Assert.Equal(result.Totals.Economy.GrantedSek.ToString(CultureInfo.InvariantCulture), Value("grantedSek", string.Empty));
        Assert.Equal(21, rows.Count(r => r[0] == "operations" && r[1].StartsWith("county=", StringComparison.Ordinal)));
    }
}
