using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PoIntake.Core.Intake;
using PoIntake.Core.Totals;
using PoIntake.Tests.Samples;

namespace PoIntake.Tests.Totals;

public sealed class LagesrapportTests
{
    // The committed samples through the real parser with the sample settings (Appropriation), as PublishedTablesTests reads them.
    private static readonly Lazy<TotalsResult> Samples2020 = new(() => PublishedTablesTests.Result(2020));
    private static readonly Lazy<TotalsResult> Samples2021 = new(() => PublishedTablesTests.Result(2021));

    private static Lagesrapport Draft2021() => LagesrapportBuilder.Build(Samples2021.Value, Samples2020.Value.Totals);

    private static TotalsResult SmallYear() => TotalsExporterTests.SmallYear();

    [Fact]
    public void Build_TablesNumberedOnceAndInOrderPerKind_EachOnItsSheetWithItsSource()
    {
        var draft = Draft2021();

        foreach (var kind in Enum.GetValues<ReportTableKind>())
        {
            var numbers = draft.Tables.Where(t => t.Kind == kind).Select(t => t.Number).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        }

        Assert.Equal(draft.Tables.Count(), draft.Tables.Select(t => t.Caption).Distinct().Count());
        Assert.Equal(
            ["Tabell 1", "Tabell 2", "Tabell 3", "Tabell 4", "Figur 1", "Tabell 5", "Tabell 6", "Figur 2", "Tabell 7", "Tabell 8", "Bilaga 1"],
            draft.Tables.Select(t => t.Caption[..t.Caption.IndexOf('.', StringComparison.Ordinal)]));
        Assert.Equal(["Tabell 1", "Redovisningar", "Ombud", "Klienter", "Kontaktorsaker", "Väntetid", "Utförare", "Ledningsgrupper", "Systembrister", "Ekonomi", "Systembrister"], draft.Tables.Select(t => t.Sheet));
        Assert.All(draft.Tables.Where(t => t.Sheet != "Ekonomi"), t => Assert.Equal("Källa: Länsstyrelserna 2022", t.Source));
        Assert.Equal("Källa: Socialstyrelsen 2022", draft.Tables.Single(t => t.Sheet == "Ekonomi").Source);
    }

    [Fact]
    public void Build_Samples2021Against2020_StatesTheYearsChangeAsTheReportDoes()
    {
        // 2021 Tabell 1: 245 of 290, two fewer than 2020; one fewer in Uppsala, Värmland and Västra Götaland, one more in Norrbotten.
        var scope = Draft2021().Chapters.Single(c => c.Kind == ReportChapterKind.Municipalities).Paragraphs;

        Assert.Equal("I tabell 1 framgår att 245 av landets 290 kommuner hade verksamhet med personligt ombud under 2021.", scope[0]);
        Assert.Equal("Två färre kommuner erbjöd personligt ombud jämfört med 2020.", scope[1]);
        Assert.Contains("I tre län (Uppsala, Värmland och Västra Götaland) erbjöd färre kommuner personligt ombud än året innan.", scope);
        Assert.Contains("I ett län (Norrbotten) har det i stället tillkommit kommuner som erbjuder personligt ombud.", scope);
    }

    [Fact]
    public void Build_NoPreviousYear_SaysTheChangeCannotBeGiven()
    {
        var scope = LagesrapportBuilder.Build(Samples2020.Value).Chapters.Single(c => c.Kind == ReportChapterKind.Municipalities).Paragraphs;

        Assert.Contains("Uppgifter för 2019 saknas, så förändringen från föregående år kan inte anges.", scope);
        Assert.DoesNotContain(scope, p => p.Contains("färre", StringComparison.Ordinal) || p.Contains("fler", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SmallCounts_SentencesShowOnlyWhatTheTablesShow()
    {
        var draft = LagesrapportBuilder.Build(SmallYear());

        var clients = draft.Chapters.Single(c => c.Kind == ReportChapterKind.Clients);
        Assert.Equal("Sammanlagt arbetade de personliga ombuden med cirka 40 klienter (tabell 4).", clients.Paragraphs[0]);
        Assert.DoesNotContain(clients.Paragraphs, p => p.Contains("45", StringComparison.Ordinal));
        Assert.Equal("Under 2025 fanns det cirka 10 personliga ombud i landet (tabell 3).", draft.Chapters.Single(c => c.Kind == ReportChapterKind.Ombud).Paragraphs[0]);
        Assert.DoesNotContain(draft.Chapters.Single(c => c.Kind == ReportChapterKind.Ombud).Paragraphs, p => p.Contains("procent", StringComparison.Ordinal));
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

    [Theory]
    [InlineData(0, "noll verksamheter")]
    [InlineData(1, "en verksamhet")]
    [InlineData(2, "två verksamheter")]
    [InlineData(40, "40 verksamheter")]
    public void Of_TheNounInTheCountsNumber(int value, string expected) =>
        Assert.Equal(expected, SwedishNumberWords.Of(value, "verksamhet", "verksamheter"));

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
                var printed = table.Printed(block.Header.Count);
                IEnumerable<IReadOnlyList<string>> expected = block.Header.Count > 0 ? [block.Header.Take(printed).ToList(), .. block.Rows.Select(r => Texts(r).Take(printed).ToList())] : block.Rows.Select(Texts);
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
        static string Figure(string text) => ReportCell.FormatNumber(decimal.Parse(text, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(2020)]
    [InlineData(2021)]
    public void DocxAndXlsx_FromSamples_Tabell5EqualsThePublishedBudgetAndOutcome(int year)
    {
        var result = year == 2021 ? Samples2021.Value : Samples2020.Value;
        var draft = year == 2021 ? Draft2021() : LagesrapportBuilder.Build(result);
        var table = draft.Tables.Single(t => t.Sheet == "Ekonomi");

        var docx = ReadDocxTables(new LagesrapportDocxWriter().Write(draft))[table.Caption][0];
        using var workbook = new XLWorkbook(new MemoryStream(new TotalsXlsxExporter().Export(result)));
        var sheet = workbook.Worksheet("Ekonomi");

        Assert.Equal($"Budget och utfall för verksamhet med personligt ombud {year}", table.Title);
        Assert.Equal($"Källa: Socialstyrelsen {year + 1}", table.Source);
        Assert.Equal(["Kostnader", "Budget (kr)", "Utfall (kr)", "Kontroll: enligt kommunernas årsrapporter (kr)"], docx[0]);
        var published = PublishedCsv.ForYear("budget-and-outcome.csv", year).ToList();
        Assert.Equal(
            published.Select(r => r["line"] == "Ombudstjänster statsbidrag" ? BudgetAndOutcomeTotals.GrantsLineLabel : r["line"]),
            docx.Skip(1).Select(r => r[0]));
        foreach (var row in published)
        {
            var label = row["line"] == "Ombudstjänster statsbidrag" ? BudgetAndOutcomeTotals.GrantsLineLabel : row["line"];
            var cells = docx.Single(r => r[0] == label);
            var xlsx = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == label);

            // 2021's table prints 2020's 1 346 391 for Socialstyrelsen's utfall but sums 1 483 382, the figure of its text,
            // which the sample settings hold (docs/api.md); every other cell, the sums included, is the published one.
            // 2020's Återbetalning is -1 353 785.
            // The check column carries the municipalities' own figure on the statsbidrag line only.
            var outcome = label == "Socialstyrelsen" && year == 2021 ? "1483382" : row["outcome_sek"];
            var check = label == BudgetAndOutcomeTotals.GrantsLineLabel ? row["outcome_sek"] : string.Empty;
            Assert.Equal([Money(row["budget_sek"]), Money(outcome), Money(check)], cells[1..]);
            Assert.Equal([Number(row["budget_sek"]), Number(outcome), Number(check)], [Number(xlsx.Cell(2)), Number(xlsx.Cell(3)), Number(xlsx.Cell(4))]);
        }

        Assert.Equal(year == 2021 ? "129 595 233" : "129 460 867", docx.Single(r => r[0] == BudgetAndOutcomeTotals.GrantsLineLabel)[2]);
        Assert.Equal(year == 2020 ? "-1 353 785" : "0", docx.Single(r => r[0] == "Återbetalning")[2]);
        Assert.Contains(
            year == 2020
                ? "För 2020 var budgeten för ombudstjänster 130 000 000 kronor, varav länsstyrelserna har betalat ut 129 460 867 kronor i statsbidrag till kommunerna (tabell 8). Enligt kommunernas årsrapporter har de beviljats 129 460 867 kronor."
                : "För 2021 var budgeten för ombudstjänster 130 000 000 kronor, varav länsstyrelserna har betalat ut 129 595 233 kronor i statsbidrag till kommunerna (tabell 8). Enligt kommunernas årsrapporter har de beviljats 129 595 233 kronor.",
            draft.Chapters.Single(c => c.Kind == ReportChapterKind.Economy).Paragraphs);

        static string Money(string sek) => sek.Length == 0 ? string.Empty : ReportCell.FormatNumber(decimal.Parse(sek, CultureInfo.InvariantCulture), CellFormat.Money);
        static decimal? Number(object cell) => cell switch
        {
            string text => text.Length == 0 ? null : decimal.Parse(text, CultureInfo.InvariantCulture),
            IXLCell c => c.IsEmpty() || c.GetString().Length == 0 ? null : c.GetValue<decimal>(),
            _ => throw new ArgumentException(cell.ToString()),
        };
    }

    [Fact]
    public void Build_NoAppropriationForTheYear_KeepsTheGrantedAndSpentTable()
    {
        var table = LagesrapportBuilder.Build(SmallYear()).Tables.Single(t => t.Sheet == "Ekonomi");

        Assert.Equal("Ekonomi och personal 2025", table.Title);
        Assert.Equal("Källa: Länsstyrelserna 2026", table.Source);
        Assert.Equal(WorkbookLabels.Economy.Granted, table.Blocks[0].Rows[0].Cells[0].Text);
    }

    [Fact]
    public void DocxAndXlsx_FromSamples2021_OvrigaUtforareAsThePublishedList()
    {
        var draft = Draft2021();
        var table = draft.Tables.Single(t => t.Sheet == "Utförare");

        var docx = ReadDocxTables(new LagesrapportDocxWriter().Write(draft))[table.Caption][0];
        using var workbook = new XLWorkbook(new MemoryStream(new TotalsXlsxExporter().Export(Samples2021.Value)));
        var sheet = workbook.Worksheet("Utförare");

        Assert.Equal("Tabell 6. Övriga utförare av verksamhet med personligt ombud", table.Caption);
        Assert.Equal(["Namn", "Organisationsform", "Län"], docx[0]);
        var published = PublishedCsv.ForYear("other-providers.csv", 2021)
            .GroupBy(r => r["name"])
            .Select(g => (Name: g.Key, Form: FormLabel(g.First()["organisation_form"]), Counties: g.Select(r => r["lan"]).Order(StringComparer.Ordinal).ToArray()))
            .ToList();
        var rows = docx.Skip(1).ToList();
        Assert.Equal(published.Select(p => p.Name), rows.Select(r => r[0]));
        Assert.Equal(published.Select(p => p.Form), rows.Select(r => r[1]));
        Assert.Equal(published.Select(p => string.Join("|", p.Counties)), rows.Select(r => string.Join("|", r[2].Split(", ").Order(StringComparer.Ordinal))));
        Assert.Contains(["PO-Skåne", "Ideell förening", "Skåne"], rows);
        foreach (var row in rows)
        {
            Assert.Contains(sheet.RowsUsed(), r => r.Cell(1).GetString() == row[0] && r.Cell(2).GetString() == row[1] && r.Cell(3).GetString() == row[2]);
        }

        var operations = Samples2021.Value.Totals.OtherProviders!.Sum(p => p.Operations);
        Assert.StartsWith($"{SwedishNumberWords.CountAtStart(operations)} verksamheter, som omfattar ", draft.Chapters.Single(c => c.Kind == ReportChapterKind.Providers).Paragraphs[1], StringComparison.Ordinal);

        static string FormLabel(string id) =>
            Dimensions.OrganisationForms.TryFindId(id, out var form) ? Dimensions.OrganisationForms.Label(form) : throw new InvalidDataException(id);
    }

    [Fact]
    public void Build_FromSamples2021_SupervisionByGenderAndMeetingsAsTheTotals()
    {
        var totals = Samples2021.Value.Totals;
        var draft = Draft2021();

        var ombud = draft.Tables.Single(t => t.Sheet == "Ombud");
        Assert.True(ombud.HasPersonCounts);
        var supervised = ombud.Blocks[0].Rows[1].Cells;
        Assert.Equal(WorkbookLabels.Ombud.WithSupervision, supervised[0].Text);
        Assert.Equal(
            [.. totals.OmbudWithSupervision!.Counts.Values.Select(v => (decimal?)v), totals.Ombud.WithSupervision],
            supervised.Skip(1).Select(c => c.Number));

        // The 2021 samples: 20 verksamheter answered, median 5, three to eight meetings.
        var meetings = totals.ManagementGroupMeetings!;
        Assert.Equal(new MeetingTotals(20, 5, 3, 8), meetings);
        var block = draft.Tables.Single(t => t.Sheet == "Ledningsgrupper").Blocks[^1];
        Assert.Equal(LagesrapportBuilder.MeetingsHeader, block.Header[0]);
        Assert.Equal([meetings.OperationsReporting, meetings.Median, meetings.Min, meetings.Max], block.Rows.Select(r => r.Cells[1].Number));
        Assert.Contains(
            $"De {SwedishNumberWords.Count(meetings.OperationsReporting)} verksamheter som har redovisat antalet möten hade i median fem ledningsgruppsmöten under året, som minst {SwedishNumberWords.Count(meetings.Min!.Value, neuter: true)} och som mest {SwedishNumberWords.Count(meetings.Max!.Value, neuter: true)}.",
            draft.Chapters.Single(c => c.Kind == ReportChapterKind.ManagementGroups).Paragraphs);
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
    internal static Dictionary<string, List<List<string[]>>> ReadDocxTables(byte[] docx)
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
