using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Reporting;

/// <summary>
/// Gathers what the draft lägesrapport is written from: the year's totals and the year before, the year's settings, who
/// owed a report against who sent one (<see cref="ObligationService"/>: the grant registers, or the year before), and
/// the grant cycle's figures; for a county board, its county's reports only. The free texts of sheet Uppföljning
/// (<see cref="TotalsResult.FollowUpTexts"/>) become the <see cref="LagesrapportNarrative"/> the chapters quote; a year
/// whose template did not ask them, and the questions no sheet asks, keep the chapter's "[Skriv: …]". The county boards'
/// own reports (<see cref="CountyBoardReportStore"/>) feed the chapter "Länsstyrelsernas arbete": their counts per county
/// and their quoted texts.
/// </summary>
public sealed class LagesrapportService(
    TotalsService totals,
    ObligationService obligations,
    GrantFiguresService grants,
    MunicipalityRegistry registry,
    IOptions<LagesrapportOptions> options,
    CountyBoardReportStore countyBoards)
{
    /// <summary>The national draft's inputs, or null when the year has no accepted report.</summary>
    public async Task<LagesrapportInputs?> NationalAsync(int year, CancellationToken cancellationToken)
    {
        if (await totals.GetAsync(year, cancellationToken) is not { } computed)
        {
            return null;
        }

        var previous = await totals.GetAsync(year - 1, cancellationToken);
        return await InputsAsync(computed.Result, previous?.Totals, null, cancellationToken);
    }

    /// <summary>A county board's draft: the same chapters from its county's reports only; null when it has none for the year.</summary>
    public async Task<LagesrapportInputs?> CountyAsync(int year, County county, CancellationToken cancellationToken)
    {
        if (await totals.GetCountyAsync(year, county.Code, cancellationToken) is not { } result)
        {
            return null;
        }

        var previous = await totals.GetCountyAsync(year - 1, county.Code, cancellationToken);
        return await InputsAsync(result, previous?.Totals, new CountyScope(county.Code, county.Name), cancellationToken);
    }

    private async Task<LagesrapportInputs> InputsAsync(TotalsResult result, NationalTotals? previous, CountyScope? county, CancellationToken cancellationToken)
    {
        var year = result.Totals.Year;
        var owed = await obligations.ForYearAsync(year, cancellationToken);
        var figures = await grants.GetAsync(year, cancellationToken);
        var forms = (await countyBoards.ReadYearAsync(year, cancellationToken)).Select(f => f.Report).ToList();
        var settings = options.Value;
        return new LagesrapportInputs(
            result,
            previous,
            settings.For(year),
            Coverage(owed),
            figures is null ? null : GrantCycle(figures),
            WithCountyBoards(Narrative(result), forms, registry),
            county,
            settings.MaxQuotes,
            settings.MaxQuoteLength,
            forms);
    }

    /// <summary>
    /// The county boards' free texts from their own reports, as chapter "Länsstyrelsernas arbete" quotes them: null lists
    /// (the chapter's "[Skriv: …]") while no county board has sent its report for the year, empty when none wrote that text.
    /// </summary>
    public static LagesrapportNarrative WithCountyBoards(LagesrapportNarrative narrative, IReadOnlyList<CountyBoards.CountyBoardReport> forms, MunicipalityRegistry registry)
    {
        if (forms.Count == 0)
        {
            return narrative;
        }

        IReadOnlyList<CountyBoardText> Of(Func<CountyBoards.CountyBoardReport, string?> text) =>
            [.. forms
                .Where(f => !string.IsNullOrWhiteSpace(text(f)))
                .Select(f => new CountyBoardText(registry.FindCountyByCode(f.CountyCode)?.Name ?? f.CountyCode, text(f)!.Trim()))
                .OrderBy(t => t.CountyName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: false))];
        return narrative with
        {
            CountyBoardWork = Of(f => f.Work),
            CountyBoardAssessments = Of(f => f.Assessment),
            CountyBoardProposals = Of(f => f.Proposals),
        };
    }

    /// <summary>
    /// The free texts the verksamheter wrote in sheet Uppföljning, as the chapters quote them (verksamhet by name, never
    /// by key). Null lists where the year's template did not ask the question, so the chapter says "[Skriv: …]"; empty
    /// where it asked and nobody answered.
    /// </summary>
    public static LagesrapportNarrative Narrative(TotalsResult result)
    {
        if (!WorkbookLabels.ContractYears.Asks(WorkbookLabels.ContractYears.FollowUp, result.Totals.Year) || result.FollowUpTexts is not { } texts)
        {
            return new LagesrapportNarrative();
        }

        IReadOnlyList<ReportedText> Of(Func<FollowUpText, string?> text) =>
            [.. texts
                .Where(t => !string.IsNullOrWhiteSpace(text(t)))
                .Select(t => new ReportedText(t.CountyName, DisplayName(t), text(t)!.Trim()))];

        // The question as the template put it to the verksamheter (Template:ThemeQuestions, stored with each answer): the
        // one most of them answered, so the draft quotes what was asked rather than a second setting of the same text.
        var question = texts
            .Select(t => t.ThemeQuestion?.Trim())
            .Where(q => q is { Length: > 0 })
            .GroupBy(q => q!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();
        return new LagesrapportNarrative(
            ClientGroupChanges: Of(t => t.ClientGroupChanges),
            UserInfluence: Of(t => t.UserInfluence),
            ThemeAnswers: Of(t => t.ThemeAnswer),
            ThemeQuestion: question);
    }

    private static string DisplayName(FollowUpText text)
    {
        var name = text.OperationName is { Length: > 0 } operation ? operation : $"En verksamhet i {text.CountyName}";
        return text.District is { Length: > 0 } district ? $"{name} ({district})" : name;
    }

    /// <summary>Owed against received per county, every county listed (one that owes nothing: 0 of 0).</summary>
    public ReportCoverage Coverage(YearObligations owed) =>
        new([.. registry.Counties.Select(c =>
        {
            var county = owed.For(c.Code);
            return new CountyCoverage(c.Name, county.Rule == ObligationRule.GrantRegister, county.Owed.Count, county.Owed.Count(o => !o.Missing));
        })]);

    public static GrantCycleFigures GrantCycle(GrantFigures figures) =>
        new(
            figures.Appropriation.GrantsSek,
            figures.Appropriation.DistributedSek,
            figures.National.AppliedFullTimeEquivalents,
            figures.Appropriation.FixedAmountPerFullTimeEquivalentSek,
            figures.National.CountiesWithRegister);
}

public static class ReportingServiceCollectionExtensions
{
    /// <summary>The draft lägesrapport's inputs; needs totals, reminders (obligations) and grants registered.</summary>
    public static IServiceCollection AddPoIntakeReporting(this IServiceCollection services)
    {
        services.TryAddSingleton<LagesrapportService>();
        return services;
    }
}
