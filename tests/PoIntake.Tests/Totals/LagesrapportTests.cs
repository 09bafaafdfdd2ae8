using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Totals;
using PoIntake.DevHost.Samples;
using PoIntake.Tests.Samples;

namespace PoIntake.Tests.Totals;

public sealed class LagesrapportTests
{
    private static readonly Lazy<TotalsResult> Samples2020 = new(() => FromSamples(2020));
    private static readonly Lazy<TotalsResult> Samples2021 = new(() => FromSamples(2021));

    private static TotalsResult FromSamples(int year)
    {
        var reports = SampleSet.Valid(year).Select(s => s.Report).ToList();
        var previous = year == 2021 ? SampleSet.Valid(2020).Select((s, i) => PublishedReportSets.Current(s.Report, i)).ToArray() : [];
        var contents = reports.Select((r, i) => PublishedReportSets.Content(PublishedReportSets.Current(r, i), r)).ToArray();
        return new TotalsCalculator(MunicipalityRegistry.Default).Calculate(year, contents, previous, DateTimeOffset.UnixEpoch);
    }

    private static Lagesrapport Draft2021() => LagesrapportBuilder.Build(Samples2021.Value, Samples2020.Value.Totals);

    private static TotalsResult SmallYear() => TotalsExporterTests.SmallYear();

    [Fact]
    public void Build_ChaptersInThePublishedOrder_TablesNumberedOnceAndInOrderPerKind()
    {
        var draft = Draft2021();

        Assert.Equal(
            ["Antalet kommuner som erbjuder verksamhet med personligt ombud", "Utförare av verksamhet med personligt ombud", "Personliga ombud", "Klienterna", "Kontaktorsaker", "Väntetid", "Ledningsgrupper", "Systembrister", "Ekonomisk redovisning"],
            draft.Chapters.Select(c => c.Heading));
        foreach (var kind in Enum.GetValues<ReportTableKind>())
        {
            var numbers = draft.Tables.Where(t => t.Kind == kind).Select(t => t.Number).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        }

        Assert.Equal(draft.Tables.Count(), draft.Tables.Select(t => t.Caption).Distinct().Count());
        Assert.Equal(
            ["Tabell 1", "Tabell 2", "Figur 1", "Tabell 3", "Figur 2", "Tabell 4", "Tabell 5", "Bilaga 1"],
            draft.Tables.Select(t => t.Caption[..t.Caption.IndexOf('.', StringComparison.Ordinal)]));
        Assert.All(draft.Tables, t => Assert.Equal("Källa: Länsstyrelserna 2022", t.Source));
    }

    [Fact]
    public void Build_Samples2021Against2020_StatesTheYearsChangeAsTheReportDoes()
    {
        // 2021 Tabell 1: 245 of 290, two fewer than 2020; one fewer in Uppsala, Värmland and Västra Götaland, one more in Norrbotten.
        var scope = Draft2021().Chapters[0].Paragraphs;

        Assert.Equal("I tabell 1 framgår att 245 av landets 290 kommuner hade verksamhet med personligt ombud under 2021.", scope[0]);
        Assert.Equal("Två färre kommuner erbjöd personligt ombud jämfört med 2020.", scope[1]);
        Assert.Contains("I tre län (Uppsala, Värmland och Västra Götaland) erbjöd färre kommuner personligt ombud än året innan.", scope);
        Assert.Contains("I ett län (Norrbotten) har det i stället tillkommit kommuner som erbjuder personligt ombud.", scope);
    }

    [Fact]
    public void Build_NoPreviousYear_SaysTheChangeCannotBeGiven()
    {
        var scope = LagesrapportBuilder.Build(Samples2020.Value).Chapters[0].Paragraphs;

        Assert.Contains("Uppgifter för 2019 saknas, så förändringen från föregående år kan inte anges.", scope);
        Assert.DoesNotContain(scope, p => p.Contains("färre", StringComparison.Ordinal) || p.Contains("fler", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SmallCounts_SentencesShowOnlyWhatTheTablesShow()
    {
        var draft = LagesrapportBuilder.Build(SmallYear());

        var clients = draft.Chapters.Single(c => c.Heading == "Klienterna");
        Assert.Equal("Sammanlagt arbetade de personliga ombuden med cirka 40 klienter (tabell 2).", clients.Paragraphs[0]);
        Assert.DoesNotContain(clients.Paragraphs, p => p.Contains("45", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, false, "noll")]
    [InlineData(1, false, "en")]
    [InlineData(1, true, "ett")]
    [InlineData(2, false, "två")]
    [InlineData(12, false, "tolv")]
    [InlineData(13, false, "13")]
    [InlineData(1933, false, "1 933")]
    public void Count_BelowThirteenInWords_LargerAsFigures(int value, bool neuter, string expected) =>
        Assert.Equal(expected, SwedishNumberWords.Count(value, neuter));

    [Fact]
    public void Docx_FromSamples2021_EveryTableCellEqualsTheModel()
    {
        var draft = Draft2021();

        var tables = ReadDocxTables(new LagesrapportDocxWriter().Write(draft));

        foreach (var table in draft.Tables)
        {
            var blocks = tables.GetValueOrDefault(table.Caption) ?? [];
            Assert.Equal(table.Blocks.Count, blocks.Count);
            for (var b = 0; b < blocks.Count; b++)
            {
                var block = table.Blocks[b];
                IEnumerable<IReadOnlyList<string>> expected = block.Header.Count > 0 ? [block.Header, .. block.Rows.Select(Texts)] : block.Rows.Select(Texts);
                Assert.Equal(expected.Select(r => string.Join("|", r)), blocks[b].Select(r => string.Join("|", r)));
            }
        }

        static IReadOnlyList<string> Texts(ReportRow row) => [.. row.Cells.Select(c => c.Display)];
    }

    [Fact]
    public void Docx_FromSamples2021_ReproducesThePublishedTabell1AndTabell3()
    {
        var draft = Draft2021();

        var tables = ReadDocxTables(new LagesrapportDocxWriter().Write(draft));

        var scope = tables[draft.Tables.First().Caption][0];
        foreach (var published in PublishedCsv.ForYear("municipalities-by-county.csv", 2021))
        {
            // The samples carry one report per county, so the counts of verksamheter are not the published ones.
            var row = scope.Single(r => r[0] == published["lan"]);
            Assert.Equal([published["municipalities"], published["municipalities_offering_po"]], [row[1], row[2]]);
        }

        Assert.Equal(["Riket", "290", "245", "-2"], scope[^1].Take(4));
        var clients = tables[draft.Tables.Single(t => t.Sheet == "Klienter").Caption][0];
        foreach (var published in PublishedCsv.ForYear("clients-by-gender-age.csv", 2021))
        {
            var row = clients.Single(r => r[0] == (published["gender"] == "women" ? "Kvinnor" : "Män"));
            Assert.Equal(
                new[] { "age_18_29", "age_30_49", "age_50_64", "age_65_plus", "total" }.Select(c => Figure(published[c])),
                row.Skip(1).Take(4).Append(row[^1]));
        }

        // The published Totalt is women and men; the samples also carry clients of annan könstillhörighet.
        Assert.Equal(ReportCell.FormatNumber(Samples2021.Value.Totals.Clients.Total), clients[^1][^1]);
        var economy = tables[draft.Tables.Single(t => t.Sheet == "Ekonomi").Caption][0];
        Assert.Equal(ReportCell.FormatNumber(Samples2021.Value.Totals.Economy.GrantedSek, CellFormat.Money), economy[1][1]);

        static string Figure(string text) => ReportCell.FormatNumber(decimal.Parse(text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DocxAndXlsx_SmallCounts_SameCellsHiddenAndApproximated()
    {
        var result = SmallYear();
        var draft = LagesrapportBuilder.Build(result);

        var docx = ReadDocxTables(new LagesrapportDocxWriter().Write(draft));
        using var workbook = new XLWorkbook(new MemoryStream(new TotalsXlsxExporter().Export(result)));

        foreach (var table in draft.Tables.Where(t => t.HasPersonCounts))
        {
            var xlsxSuppressed = workbook.Worksheet(table.Sheet).CellsUsed().Select(c => c.GetString()).Where(IsSuppressed);
            var docxSuppressed = docx[table.Caption].SelectMany(rows => rows).SelectMany(cells => cells).Where(IsSuppressed);
            Assert.Equal(xlsxSuppressed.Order(StringComparer.Ordinal), docxSuppressed.Order(StringComparer.Ordinal));
        }

        var clients = docx[draft.Tables.Single(t => t.Sheet == "Klienter").Caption][0];
        Assert.Equal(["Kvinnor", "40", "<4", "0", "0", "Ca 40"], clients[1]);
        Assert.Equal(["Totalt", "40", "<10", "0", "<10", "Ca 40"], clients[^1]);

        static bool IsSuppressed(string text) =>
            text is Suppression.Hidden or Suppression.UnderTen || text.StartsWith(Suppression.Approximately + " ", StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_EverySheetCaptionedAsTheDocxAndEndsWithItsSourceLine()
    {
        var result = SmallYear();
        var draft = LagesrapportBuilder.Build(result);

        using var workbook = new XLWorkbook(new MemoryStream(new TotalsXlsxExporter().Export(result)));

        foreach (var sheet in workbook.Worksheets)
        {
            var tables = draft.Chapters.SelectMany(c => c.Tables).Where(t => t.Sheet == sheet.Name).ToList();
            Assert.Equal(tables[0].Caption, sheet.Cell(1, 1).GetString());
            Assert.All(tables.Skip(1), t => Assert.Contains(sheet.Column(1).CellsUsed(), c => c.GetString() == t.Caption));
            Assert.Equal("Källa: Länsstyrelserna 2026", sheet.Cell(sheet.LastRowUsed()!.RowNumber(), 1).GetString());
        }

        Assert.StartsWith("Tabell 1. ", workbook.Worksheet("Tabell 1").Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Bilaga 1. ", workbook.Worksheet("Systembrister").Column(1).CellsUsed().Skip(1).Single(c => c.Style.Font.Bold && c.GetString().StartsWith("Bilaga", StringComparison.Ordinal)).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_OpensInLibreOffice_ConvertsToPdf()
    {
        var docx = new LagesrapportDocxWriter().Write(Draft2021());
        var work = Directory.CreateTempSubdirectory("pointake-lagesrapport-");
        try
        {
            var file = Path.Combine(work.FullName, "lagesrapport-2021.docx");
            File.WriteAllBytes(file, docx);

            Template.PrintedPages.Convert(work.FullName, [file]);

            var pages = Template.PrintedPages.CountPages(Path.ChangeExtension(file, ".pdf"));
            Assert.InRange(pages, 3, 30);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The docx's tables by their caption (tblCaption): each block a list of rows of cell texts.</summary>
    private static Dictionary<string, List<List<string[]>>> ReadDocxTables(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var tables = new Dictionary<string, List<List<string[]>>>(StringComparer.Ordinal);
        foreach (var table in body.Elements<Table>())
        {
            var caption = table.GetFirstChild<TableProperties>()!.GetFirstChild<TableCaption>()!.Val!.Value!;
            var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
            if (!tables.TryGetValue(caption, out var blocks))
            {
                tables[caption] = blocks = [];
            }

            blocks.Add(rows);
        }

        return tables;
    }
}
