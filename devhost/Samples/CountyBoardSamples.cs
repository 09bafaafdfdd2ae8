using PoIntake.Core.CountyBoards;
using PoIntake.Core.Reference;

namespace PoIntake.DevHost.Samples;

/// <summary>A county board's sample report of its own work, at <c>countyboard/{year}/{countyCode}.xlsx</c>.</summary>
internal sealed record CountyBoardSample(CountyBoardReport Report)
{
    public string BlobName => CountyBoardReportPath.BlobName(Report.Year, Report.CountyCode);

    public byte[] Write() => CountyBoardReportTemplate.Write(Report.Year, Report.CountyCode, Report);
}

/// <summary>
/// Sample county board reports for 2021, the first year the form is asked (<see cref="CountyBoardReportLayout.FirstYear"/>),
/// written from the 2021 lägesrapport's chapter "Länsstyrelsernas arbete": every county board with verksamhet (all but
/// Gotland's, whose verksamhet closed in 2016) reported and sent its action plan ("Samtliga länsstyrelser förutom
/// Gotland har också lämnat in en handlingsplan"); 16 of the 20 arranged regional network meetings with the ombud
/// ("Majoriteten (16 av 20)"). Which four did not is not published; the samples take the four with the fewest
/// verksamheter. The report gives no other count per county: the other counts are illustrative, kept small and
/// digital-year-like. The texts paraphrase the chapter (pandemic, digital meetings, cooperation with neighbouring county
/// boards, about 10 % of a handläggare's time, the proposals listed there), one proposal per county board.
/// </summary>
internal static class CountyBoardSamples
{
    public const int Year = 2021;

    /// <summary>The county boards without network meetings in the samples (the published "16 av 20" names none).</summary>
    public static readonly IReadOnlySet<string> WithoutNetworkMeetings = new HashSet<string>(StringComparer.Ordinal) { "07", "10", "19", "23" };

    private static readonly string[] Work =
    [
        "Länsstyrelsen har haft fortlöpande kontakt med ombuden och verksamhetscheferna och deltagit på digitala ledningsgruppsmöten. Fysiska besök har fått ställas in under pandemin.",
        "Under året har länsstyrelsen påbörjat en strukturerad samverkan med närliggande länsstyrelser kring kompetensstärkande insatser för ombuden.",
        "Länsstyrelsen har informerat kommuner utan verksamhet om statsbidragets möjligheter, skriftligt och genom erbjudande om besök.",
        "Nätverksträffarna har hållits digitalt. En del verksamheter saknar utrustning eller vana för digitala möten, vilket har gjort det svårare att nå alla ombud.",
        "Länsstyrelsen har gett råd och stöd till en nystartad verksamhet och bistått kommunerna i arbetet med att etablera ledningsgrupper enligt förordningens villkor.",
    ];

    private static readonly string[] Assessments =
    [
        "De administrativa medlen räcker inte: handläggaren har cirka 10 procent av sin arbetstid för personligt ombud. Med mer tid skulle samverkan och samordning i länet kunna utvecklas mer strategiskt.",
        "Verksamheterna i länet fungerar väl, men det är fortsatt svårt att få fulltaliga ledningsgrupper.",
        "Pandemin har försvårat uppföljningen; de digitala mötesformerna har ändå gjort det möjligt att hålla kontakten med alla verksamheter.",
        "Hög personalomsättning bland chefer gör att kunskapen om verksamheten behöver byggas upp på nytt i flera kommuner.",
    ];

    private static readonly string[] Proposals =
    [
        "Nya chefer bör erbjudas en introduktionsutbildning om verksamheten med personligt ombud, eftersom verksamheten är komplex.",
        "Informationsmaterial behöver tas fram till Försäkringskassan, Arbetsförmedlingen, primärvården, psykiatrin och patient-, brukar- och närståendeorganisationerna.",
        "En nationell översyn av statsbidraget och förordningen behövs, så att bidraget kan betalas ut på rätt grunder.",
        "Statsbidraget bör bli mer permanent, eller personligt ombud en lagstadgad verksamhet.",
        "En tydligare nationell struktur behövs för att ta hand om de nationella systembristerna och återkoppla vilka som ska åtgärdas.",
        "Verksamheterna bör kunna lämna sina återrapporter digitalt direkt till Socialstyrelsen.",
        "Socialstyrelsen bör tydliggöra kopplingen mellan verksamheten och den nationella funktionshinderspolitiken.",
    ];

    private static readonly string[] People =
    [
        "Anna Lindqvist", "Erik Holm", "Maria Sjöberg", "Johan Ek", "Karin Nyström", "Lars Berglund", "Sara Wikström",
        "Mats Forsberg", "Eva Lundin", "Per Sandberg",
    ];

    public static IReadOnlyList<CountyBoardSample> All()
    {
        var counties = SampleSet.Valid(Year).Select(r => r.Report.Operation.CountyCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return [.. counties.Select((code, i) => new CountyBoardSample(Report(code, i)))];
    }

    private static CountyBoardReport Report(string countyCode, int index)
    {
        var meetings = WithoutNetworkMeetings.Contains(countyCode) ? 0 : 2 + (index % 4);
        var trainings = 1 + (index % 3);
        var person = People[index % People.Length];
        var slug = MunicipalityRegistry.Default.FindCountyByCode(countyCode)!.Code;
        return new CountyBoardReport(
            Year,
            countyCode,
            meetings,
            trainings,
            trainings * (8 + (index % 5) * 3),
            index % 3,
            3 + (index % 6),
            ActionPlanSubmitted: true,
            Work[index % Work.Length],
            index % 2 == 0 ? Assessments[index / 2 % Assessments.Length] : null,
            index < Proposals.Length * 2 && index % 2 == 1 ? Proposals[index / 2 % Proposals.Length] : null,
            person,
            $"personligt.ombud.{slug}@lansstyrelsen.example.se",
            null);
    }
}
