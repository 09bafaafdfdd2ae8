using PoIntake.Core.Intake;
using PoIntake.Core.Template;

namespace PoIntake.DevHost.Samples;

/// <summary>
/// Sheet Uppföljning of the 2021 samples, paraphrased from the 2021 lägesrapport's chapters "Förändringar i klientgruppen",
/// "Coronapandemin har påverkat kommunernas arbete" and the handledning, fortbildning and ledningsgrupp passages, and from
/// Stockholm's 2023 report (brukarundersökning). Shares are the report's: about a third of new clients referred by other
/// authorities, 89 % of ombud in supervision through the employer, 92 % offered further training, 53 newly hired ombud
/// in the introductory course.
/// </summary>
internal static class FollowUpTexts
{
    public static readonly IReadOnlyList<string> ClientGroupChanges =
    [
        "Fler personer med samsjuklighet och fler som är bostadslösa eller riskerar att bli det söker stöd.",
        "Fler hushåll med barn och fler unga vuxna utan sociala kontakter tar kontakt med ombuden.",
        "Fler unga vuxna med neuropsykiatriska diagnoser, och fler personer med autism eller autismliknande tillstånd, söker stöd.",
        "Klienterna har fler kontaktorsaker än tidigare, främst stöd i kontakten med myndigheter när kontoren har stängt.",
    ];

    public static readonly IReadOnlyList<string> UserInfluence =
    [
        "Klienterna lämnar synpunkter i en årlig brukarundersökning; resultatet tas upp i ledningsgruppen.",
        "Brukarorganisationerna sitter i ledningsgruppen och ombuden träffar föreningarna två gånger per år.",
        "Klienten bestämmer själv uppdraget och kan när som helst avsluta det; synpunkter samlas in vid avslut.",
    ];

    public static readonly IReadOnlyList<string> PandemicAnswers =
    [
        "Färre fysiska möten; i stället tätare kontakt via telefon, sms och digitala möten. Ombuden har stöttat klienterna i digitala möten med myndigheter.",
        "Aktiviteter hos socialtjänsten, Arbetsförmedlingen och vården pausades och flera klienter blev mer isolerade och mådde sämre.",
        "Handledningen ställdes in under våren på grund av pandemin; ombuden har i stället haft kollegialt utbyte.",
    ];

    /// <summary>The answers of the county sample at <paramref name="index"/> of <paramref name="count"/>.</summary>
    public static FollowUpAnswers For(int index, ClientFigures clients, OmbudFigures ombud, int newlyHired)
    {
        var authority = clients.New / 3;
        var relatives = clients.New / 10;
        var self = clients.New * 2 / 5;
        var collegial = index == 3 ? Math.Min(1, ombud.WithSupervision.Total) : 0;
        var supervised = ombud.WithSupervision.Total;
        return new FollowUpAnswers(
            ClientGroupChanges[index % ClientGroupChanges.Count],
            new Dictionary<NewClientSource, int>
            {
                [NewClientSource.OtherAuthority] = authority,
                [NewClientSource.Relatives] = relatives,
                [NewClientSource.Self] = self,
                [NewClientSource.Other] = clients.New - authority - relatives - self,
            },
            new Dictionary<SupervisionForm, int>
            {
                [SupervisionForm.External] = supervised - collegial,
                [SupervisionForm.Collegial] = collegial,
                [SupervisionForm.None] = ombud.Ombud.Total - supervised,
            },
            (int)Math.Round(ombud.Ombud.Total * 0.92m, MidpointRounding.AwayFromZero),
            Math.Min(newlyHired, ombud.Ombud.Total),
            Math.Min(newlyHired, ombud.Ombud.Total),
            UserInfluence[index % UserInfluence.Count],
            index % 3 != 1,
            (index % 5) switch
            {
                1 => ManagementGroupForm.SharedWithMunicipalities,
                3 => ManagementGroupForm.CoordinationAssociation,
                _ => ManagementGroupForm.Own,
            },
            index % 4 != 2,
            new ThemeAnswer(DefaultThemeQuestions.Pandemic2021, PandemicAnswers[index % PandemicAnswers.Count]));
    }
}
