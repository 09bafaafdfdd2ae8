using PoIntake.Core.Reporting;
using PoIntake.Core.Totals;
using PoIntake.Tests.Samples;

namespace PoIntake.Tests.Totals;

/// <summary>
/// The seam between sheet Uppföljning's free texts (stored per report, listed in <see cref="TotalsResult.FollowUpTexts"/>)
/// and the chapters that quote them: the committed samples' 2021 answers reach the draft by the verksamhet's name, and a
/// year whose template did not ask keeps the analyst's placeholder.
/// </summary>
public sealed class LagesrapportNarrativeTests
{
    [Fact]
    public void Narrative_Samples2021_EveryWrittenAnswerQuotedUnderTheVerksamhetsNameNeverItsKey()
    {
        var result = PublishedTablesTests.Result(2021);
        var texts = result.FollowUpTexts!;
        var narrative = LagesrapportService.Narrative(result);

        var expected = texts.Where(t => !string.IsNullOrWhiteSpace(t.ClientGroupChanges)).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(t => t.ClientGroupChanges!.Trim()), narrative.ClientGroupChanges!.Select(a => a.Text));
        Assert.Equal(texts.Count(t => !string.IsNullOrWhiteSpace(t.UserInfluence)), narrative.UserInfluence!.Count);
        Assert.Equal(texts.Count(t => !string.IsNullOrWhiteSpace(t.ThemeAnswer)), narrative.ThemeAnswers!.Count);
        // The theme question is the one the template put to the verksamheter (stored with their answers), not a second setting.
        Assert.Equal(PoIntake.Core.Template.DefaultThemeQuestions.Pandemic2021, narrative.ThemeQuestion);
        var keys = texts.Select(t => t.OperationKey).ToHashSet(StringComparer.Ordinal);
        Assert.All(narrative.ClientGroupChanges!.Concat(narrative.UserInfluence!).Concat(narrative.ThemeAnswers!), a =>
        {
            Assert.DoesNotContain(a.OperationName, keys);
            Assert.DoesNotContain(keys, k => a.OperationName.Contains(k, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Build_Samples2021WithTheirNarrative_ClientGroupChapterQuotesTheAnswersInsteadOfTheMissingDataPlaceholder()
    {
        var result = PublishedTablesTests.Result(2021);
        var previous = PublishedTablesTests.Result(2020).Totals;
        var settings = LagesrapportChaptersTests.SampleSettings().For(2021);

        var without = LagesrapportBuilder.Build(new LagesrapportInputs(result, previous, settings, null));
        var with = LagesrapportBuilder.Build(new LagesrapportInputs(result, previous, settings, null, Narrative: LagesrapportService.Narrative(result)));

        var before = without.Chapters.Single(c => c.Kind == ReportChapterKind.ClientGroupChanges);
        var after = with.Chapters.Single(c => c.Kind == ReportChapterKind.ClientGroupChanges);
        // Without the texts the chapter is the analyst's placeholder for the answers; with them it quotes the answers and
        // leaves only the summary, the analyst's judgement, as a placeholder.
        var missing = Assert.Single(before.Paragraphs, SwedishSentences.IsPlaceholder);
        Assert.DoesNotContain(missing, after.Paragraphs);
        var firstAnswer = LagesrapportService.Narrative(result).ClientGroupChanges![0].Text;
        var theme = with.Chapters.Single(c => c.Kind == ReportChapterKind.Theme);
        Assert.Contains(theme.Paragraphs, p => p.Contains(PoIntake.Core.Template.DefaultThemeQuestions.Pandemic2021, StringComparison.Ordinal));
        Assert.Contains(after.Paragraphs, p => p.Contains(firstAnswer[..Math.Min(40, firstAnswer.Length)], StringComparison.Ordinal));
    }

    [Fact]
    public void Narrative_Samples2020_TemplateDidNotAsk_EveryListNullSoTheChaptersKeepTheirPlaceholder()
    {
        var narrative = LagesrapportService.Narrative(PublishedTablesTests.Result(2020));

        Assert.Null(narrative.ClientGroupChanges);
        Assert.Null(narrative.UserInfluence);
        Assert.Null(narrative.ThemeAnswers);
        Assert.Null(narrative.ThemeQuestion);
    }
}
