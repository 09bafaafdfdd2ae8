using System.ComponentModel.DataAnnotations;
using PoIntake.Core.CountyBoards;

namespace PoIntake.Core.Totals;

/// <summary>
/// Everything the draft lägesrapport is written from besides the year's totals. Each part may be absent; a chapter whose
/// data is absent gets a "[Skriv: …]" placeholder (<see cref="SwedishSentences.Placeholder"/>) instead of a guess.
/// <see cref="CountyBoardReports"/> are the county boards' own reports of the year (one current form per county); null
/// when they were not read, empty when none has been submitted.
/// </summary>
public sealed record LagesrapportInputs(
    TotalsResult Result,
    NationalTotals? Previous = null,
    LagesrapportYear? Settings = null,
    ReportCoverage? Coverage = null,
    GrantCycleFigures? Grants = null,
    LagesrapportNarrative? Narrative = null,
    CountyScope? County = null,
    int MaxQuotes = LagesrapportOptions.DefaultMaxQuotes,
    int MaxQuoteLength = LagesrapportOptions.DefaultMaxQuoteLength,
    IReadOnlyList<CountyBoardReport>? CountyBoardReports = null);

/// <summary>A county board's draft: its own part of the report, written from its county's reports only.</summary>
public sealed record CountyScope(string Code, string Name);

/// <summary>
/// A text a verksamhet answered in its annual report to one of the report's free-text questions, with the names a reader
/// knows it by (never the operation key).
/// </summary>
public sealed record ReportedText(string CountyName, string OperationName, string Text);

/// <summary>A text a county board wrote in its own report to Socialstyrelsen.</summary>
public sealed record CountyBoardText(string CountyName, string Text);

/// <summary>
/// The free-text answers the chapters quote and group. Each list is null while the report template does not ask the
/// question (the chapter then gets a placeholder) and empty when it asks but nobody answered. The template's new
/// fields (client group changes, where new clients came from, supervision, training, user influence, measures against
/// deficiencies, the management group's form, the year's theme question and the county boards' own report) feed these.
/// </summary>
public sealed record LagesrapportNarrative(
    IReadOnlyList<ReportedText>? ClientGroupChanges = null,
    IReadOnlyList<ReportedText>? NewClientSources = null,
    IReadOnlyList<ReportedText>? Supervision = null,
    IReadOnlyList<ReportedText>? Training = null,
    IReadOnlyList<ReportedText>? UserInfluence = null,
    IReadOnlyList<ReportedText>? MeasuresAgainstDeficiencies = null,
    IReadOnlyList<ReportedText>? ManagementGroupForm = null,
    IReadOnlyList<ReportedText>? ThemeAnswers = null,
    string? ThemeQuestion = null,
    IReadOnlyList<CountyBoardText>? CountyBoardWork = null,
    IReadOnlyList<CountyBoardText>? CountyBoardProposals = null,
    IReadOnlyList<CountyBoardText>? CountyBoardAssessments = null);

/// <summary>
/// Owed against received: per county, how many verksamheter owe the year's report (granted money in the county's grant
/// register, or, without a register, those that reported the year before) and how many of them have reported.
/// </summary>
public sealed record ReportCoverage(IReadOnlyList<CountyCoverage> Counties)
{
    public int Owed => Counties.Sum(c => c.Owed);

    public int Received => Counties.Sum(c => c.Received);

    public int Missing => Owed - Received;
}

/// <summary>One county's owed and received reports; <see cref="FromGrantRegister"/> false when owed is the guess from the year before.</summary>
public sealed record CountyCoverage(string CountyName, bool FromGrantRegister, int Owed, int Received);

/// <summary>The grant cycle's figures the chapter on the county boards' work cites (from the grant registers and the appropriation).</summary>
public sealed record GrantCycleFigures(
    decimal? GrantsSek,
    decimal? DistributedSek,
    decimal AppliedFullTimeEquivalents,
    decimal? AmountPerFullTimeEquivalentSek,
    int CountiesWithRegister);

/// <summary>
/// Settings of the draft lägesrapport (section <c>Lagesrapport</c>, docs/lagesrapport.md): per year the government
/// assignment's diary number, the date the report is due, and the year's theme; limits of the quotations.
/// E.g. <c>Lagesrapport__Years__2021__DiaryNumber=S2020/09593/FST</c>.
/// </summary>
public sealed class LagesrapportOptions
{
    public const string SectionName = "Lagesrapport";
    public const int DefaultMaxQuotes = 6;
    public const int DefaultMaxQuoteLength = 400;

    /// <summary>Keyed by reporting year ("2021").</summary>
    public Dictionary<string, LagesrapportYear> Years { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many answers a chapter quotes at most (the rest are counted, and kept in the workbooks).</summary>
    [Range(1, 50)]
    public int MaxQuotes { get; set; } = DefaultMaxQuotes;

    /// <summary>Characters of one quotation before it is cut at a word with " […]".</summary>
    [Range(80, 4000)]
    public int MaxQuoteLength { get; set; } = DefaultMaxQuoteLength;

    public LagesrapportYear? For(int year) =>
        Years.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var value) ? value : null;
}

/// <summary>One reporting year's settings; each may be absent (then the draft says "[Skriv: …]").</summary>
public sealed class LagesrapportYear
{
    /// <summary>The government's diary number of the assignment, printed after the title ("S2020/09593/FST" for 2021).</summary>
    public string? DiaryNumber { get; set; }

    /// <summary>The day the report is due; förordning (2013:522) says 15 May of the year after the reporting year.</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>The heading of the year's theme chapter ("Coronapandemin har påverkat kommunernas arbete" in 2021).</summary>
    public string? ThemeTitle { get; set; }
}
