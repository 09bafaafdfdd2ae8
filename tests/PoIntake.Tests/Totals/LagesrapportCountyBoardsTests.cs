using PoIntake.Core.CountyBoards;
using PoIntake.Core.Reference;
using PoIntake.Core.Reporting;
using PoIntake.Core.Totals;
using PoIntake.DevHost.Samples;
using PoIntake.Tests.Samples;

namespace PoIntake.Tests.Totals;

/// <summary>
/// Chapter "Länsstyrelsernas arbete" from the county boards' own reports: the 2021 samples give the 2021 lägesrapport's
/// own sentences ("16 av 20" with network meetings, every county board's action plan), a county without its form is named,
/// a county board's draft shows only its own form, and a year without forms keeps the analyst's placeholders.
/// </summary>
public sealed class LagesrapportCountyBoardsTests
{
    private static Lagesrapport Draft(IReadOnlyList<CountyBoardReport>? forms, CountyScope? county = null)
    {
        var result = PublishedTablesTests.Result(2021);
        var narrative = LagesrapportService.WithCountyBoards(LagesrapportService.Narrative(result), forms ?? [], MunicipalityRegistry.Default);
        return LagesrapportBuilder.Build(new LagesrapportInputs(result, Narrative: narrative, County: county, CountyBoardReports: forms));
    }

    private static ReportChapter Chapter(Lagesrapport draft) => draft.Chapters.Single(c => c.Kind == ReportChapterKind.CountyBoards);

    [Fact]
    public void Build_Samples2021_SaysWhatThe2021ReportSays()
    {
        var chapter = Chapter(Draft([.. CountyBoardSamples.All().Select(s => s.Report)]));

        // "Majoriteten (16 av 20) av länsstyrelserna har tillsammans med de personliga ombuden arrangerat regionala digitala
        // nätverksträffar" and "Samtliga länsstyrelser förutom Gotland har också lämnat in en handlingsplan" (2021).
        Assert.Contains(chapter.Paragraphs, p => p.StartsWith("20 av 20 länsstyrelser i län med verksamhet har lämnat sin redovisning", StringComparison.Ordinal));
        Assert.Contains(chapter.Paragraphs, p => p.StartsWith("16 av 20 länsstyrelser har tillsammans med de personliga ombuden arrangerat regionala nätverksträffar", StringComparison.Ordinal));
        Assert.Contains(chapter.Paragraphs, p => p.StartsWith("Samtliga länsstyrelser som har redovisat har också lämnat in en handlingsplan", StringComparison.Ordinal));
        var table = Assert.Single(chapter.Tables);
        Assert.Equal(ReportTableKind.Appendix, table.Kind);
        Assert.Equal(21, table.Blocks[0].Rows.Count); // 20 county boards and Totalt
        Assert.DoesNotContain(table.Blocks[0].Rows, r => r.Cells[0].Display == "Gotland");
        // The published tables keep their numbers: the county boards' table is a Bilaga after the deficiencies'.
        Assert.Equal(2, table.Number);
    }

    [Fact]
    public void Build_TwoCountiesWithoutTheirForm_NamedInTheTextAndTheTable()
    {
        var forms = CountyBoardSamples.All().Select(s => s.Report).Where(r => r.CountyCode is not ("03" or "25")).ToList();

        var chapter = Chapter(Draft(forms));

        Assert.Contains(chapter.Paragraphs, p => p.Contains("18 av 20 länsstyrelser", StringComparison.Ordinal) && p.Contains("Redovisning saknas från Norrbotten och Uppsala.", StringComparison.Ordinal));
        var rows = Assert.Single(chapter.Tables).Blocks[0].Rows;
        Assert.All(rows.Where(r => r.Cells[0].Display is "Uppsala" or "Norrbotten"), r => Assert.Equal(LagesrapportBuilder.CountyBoardFormMissing, r.Cells[1].Display));
        Assert.Equal(2, rows.Count(r => r.Cells[1].Display == LagesrapportBuilder.CountyBoardFormMissing));
    }

    [Fact]
    public void Build_TotalRow_SumsTheCountyBoardsCounts()
    {
        var forms = CountyBoardSamples.All().Select(s => s.Report).ToList();

        var total = Assert.Single(Chapter(Draft(forms)).Tables).Blocks[0].Rows.Single(r => r.Bold);

        Assert.Equal(
            new[] { forms.Sum(f => f.NetworkMeetings), forms.Sum(f => f.Trainings), forms.Sum(f => f.TrainingParticipants), forms.Sum(f => f.Visits), forms.Sum(f => f.ManagementGroupMeetings) }.Select(n => ReportCell.FormatNumber(n)),
            total.Cells.Skip(1).Take(5).Select(c => c.Display));
        Assert.Equal("20 av 20", total.Cells[6].Display);
    }

    [Fact]
    public void Build_CountyBoardsDraft_OnlyItsOwnFormAndTexts()
    {
        var forms = CountyBoardSamples.All().Select(s => s.Report).ToList();
        var own = forms.Single(f => f.CountyCode == "14");

        var chapter = Chapter(Draft(forms, new CountyScope("14", "Västra Götaland")));

        var row = Assert.Single(Assert.Single(chapter.Tables).Blocks[0].Rows);
        Assert.Equal("Västra Götaland", row.Cells[0].Display);
        Assert.Contains(chapter.Paragraphs, p => p.Contains(own.Work!, StringComparison.Ordinal));
        var others = forms.Where(f => f.CountyCode != "14" && f.Work != own.Work).Select(f => f.Work!).Distinct().ToList();
        Assert.All(others, w => Assert.DoesNotContain(chapter.Paragraphs, p => p.Contains(w, StringComparison.Ordinal)));
    }

    [Fact]
    public void Build_NoFormsRead_ChapterAsBefore_PlaceholdersAndNoTable()
    {
        var chapter = Chapter(Draft(null));

        Assert.Empty(chapter.Tables);
        Assert.Contains(chapter.Paragraphs, p => p.StartsWith("[Skriv: länsstyrelsernas arbete under året", StringComparison.Ordinal));
        Assert.Contains(chapter.Paragraphs, p => p.StartsWith("[Skriv: länsstyrelsernas förslag", StringComparison.Ordinal));
    }

    [Fact]
    public void Samples2021_EveryFormReadsBackFromItsWorkbook()
    {
        var parser = new CountyBoardReportParser(MunicipalityRegistry.Default);

        Assert.All(CountyBoardSamples.All(), s => Assert.Equal(s.Report, parser.Parse(s.Write(), s.Report.Year, s.Report.CountyCode).Report));
    }
}
