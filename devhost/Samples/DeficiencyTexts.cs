using PoIntake.Core.Intake;

namespace PoIntake.DevHost.Samples;

/// <summary>System deficiencies of the kind verksamheter report, paraphrased from the lägesrapporter.</summary>
internal static class DeficiencyTexts
{
    public static readonly IReadOnlyList<SystemDeficiency> All =
    [
        new(
            DeficiencyLevel.Central,
            DeficiencyArea.SocialInsuranceAgency,
            "Försäkringskassans bedömning av rätten till sjukpenning och aktivitetsersättning har skärpts. Flera klienter har fått avslag trots läkarintyg och långa handläggningstider när kompletteringar begärs in.",
            "Klienten står utan inkomst under utredningen och riskerar att hamna utanför sjukförsäkringen.",
            "Bristen har tagits upp i ledningsgruppen och rapporterats vidare till länsstyrelsen."),
        new(
            DeficiencyLevel.Local,
            DeficiencyArea.Other,
            "Det saknas bostäder för personer med låg inkomst och betalningsanmärkningar. Utan bostadsadress är det också svårt att få bank-id och id-kort.",
            "Klienter riskerar vräkning eller blir kvar i tillfälliga boenden under lång tid.",
            "Dialog har inletts med kommunens bostadsenhet om förturer för målgruppen."),
        new(
            DeficiencyLevel.Central,
            DeficiencyArea.OtherAuthority,
            "Myndigheternas tjänster kräver allt oftare e-legitimation, dator och internet, samtidigt som den personliga servicen och telefontiderna har minskat.",
            "Klienten kan inte själv ansöka om ersättningar eller följa sitt ärende och blir beroende av andras hjälp.",
            null),
        new(
            DeficiencyLevel.Local,
            DeficiencyArea.Healthcare,
            "Långa väntetider till läkare inom psykiatrin, och läkarintyg dröjer.",
            "Utbetalningar av ersättning avbryts i väntan på intyg, vilket ger akuta ekonomiska problem.",
            "Regionens representant i ledningsgruppen har tagit frågan vidare till psykiatrins ledning."),
        new(
            DeficiencyLevel.Caseworker,
            DeficiencyArea.SocialServices,
            "Handläggare inom ekonomiskt bistånd byts ofta ut, och klienten måste berätta om sin situation på nytt för varje ny handläggare.",
            "Ärenden drar ut på tiden och klientens tillit till socialtjänsten minskar.",
            "Socialtjänsten har infört fast handläggare för klienter som har personligt ombud."),
        new(
            DeficiencyLevel.Local,
            DeficiencyArea.Other,
            "Det är svårt att få god man eller förvaltare, och väntetiden hos överförmyndaren är lång.",
            "Skulder hinner växa och klienten riskerar att förlora sin bostad.",
            "Ombuden har medverkat i överförmyndarens utbildning av gode män och informerat om målgruppens behov."),
        new(
            DeficiencyLevel.Caseworker,
            DeficiencyArea.EmploymentService,
            "Kraven på digital aktivitetsrapportering anpassas sällan efter vad personer med psykisk funktionsnedsättning klarar av.",
            "Klienten riskerar att stängas av från ersättning och förlorar kontakten med Arbetsförmedlingen.",
            null),
        new(
            DeficiencyLevel.Central,
            DeficiencyArea.Healthcare,
            "Patientavgifter tas ut för slutenvård enligt lagen om psykiatrisk tvångsvård.",
            "Klienter med låga inkomster får skulder till regionen för vård de inte själva valt.",
            "Frågan har lyfts till länets beredningsgrupp för psykiatri men är inte löst."),
        new(
            DeficiencyLevel.Local,
            DeficiencyArea.SocialInsuranceAgency,
            "Det uppstår glapp mellan utbetalningar av olika ersättningar, till exempel när bostadstillägg ska ersättas av boendetillägg.",
            "Klienten saknar pengar till hyran under en eller flera månader.",
            null),
        new(
            DeficiencyLevel.Local,
            DeficiencyArea.SocialServices,
            "Samverkan mellan socialtjänsten och psykiatrin fungerar dåligt när klienter skrivs ut från slutenvården.",
            "Klienten kommer hem utan planerat stöd i boendet och återinläggs ofta.",
            "En gemensam rutin för samordnad individuell plan (SIP) vid utskrivning har tagits fram."),
    ];
}
