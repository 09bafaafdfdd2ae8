using System.Globalization;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Reference;
using G = PoIntake.Core.Grants.GrantRegisterLayout;

namespace PoIntake.Core.Grants;

/// <summary>
/// The findings of a grant register (<see cref="GrantRegisterParser"/>, <see cref="GrantRegisterPath"/>): their Swedish
/// messages and fixes, in the report's form ("Bladet "Ansökningar", cell D7, fältet "…": … Förväntat: …."). The codes
/// are in <see cref="FindingCodes"/> (the GRANTS_ block and the shared value codes) and documented in docs/findings.md.
/// </summary>
internal static class GrantFindings
{
    private const string Sheet = G.SheetName;
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static Finding PathInvalid(string blobName) => Finding.ForFile(
        FindingCodes.GrantsPathInvalid,
        $"Filen ligger under \"{blobName}\", men ett bidragsregister ska läggas som grants/år/länskod.xlsx, till exempel grants/2021/25.xlsx.",
        "Lämna in registret på nytt under rätt år och länets tvåsiffriga länskod, som en .xlsx-fil.");

    public static void Unreadable(FindingSink sink) => sink.Error(
        FindingCodes.PackageUnreadable, null, null, null,
        "filen kan inte läsas som en Excel-arbetsbok (.xlsx)",
        "en arbetsbok sparad i formatet Excel-arbetsbok (.xlsx), t.ex. den ifyllda mallen för bidragsregistret",
        "Öppna filen i Excel eller LibreOffice och spara den som Excel-arbetsbok (.xlsx), och lämna in den igen.");

    public static void SheetMissing(FindingSink sink) => sink.Error(
        FindingCodes.SheetMissing, Sheet, null, null,
        $"bladet \"{Sheet}\" finns inte i arbetsboken",
        $"ett blad som heter \"{Sheet}\"",
        $"Använd mallen för bidragsregistret (GET /api/template/år/grants), eller rätta bladets namn till \"{Sheet}\".");

    public static void HeaderInvalid(FindingSink sink, int column, string text)
    {
        var cell = Cell(column, G.HeaderRow);
        sink.Error(
            FindingCodes.GrantsHeaderInvalid, Sheet, cell, G.Header[column - 1],
            text.Length == 0 ? "rubriken saknas" : $"rubriken är \"{text}\"",
            $"rubrikraden {G.HeaderRow} ska vara {string.Join(" | ", G.Header)}",
            $"Skriv \"{G.Header[column - 1]}\" i cell {cell}, eller utgå från mallen; ändra inte rubrikraden och flytta inte kolumnerna.");
    }

    public static void RowsTooMany(FindingSink sink, int lastRow, int maxRows) => sink.Error(
        FindingCodes.GrantsRowsTooMany, Sheet, null, null,
        $"något är ifyllt på rad {lastRow}, men högst {maxRows} ansökningar under rubrikraden läses",
        $"registret slutar senast på rad {G.HeaderRow + maxRows}",
        "Ta bort tomma rader och sådant som inte är ansökningar längre ned på bladet, och lämna in registret igen.");

    public static void YearLabelMissing(FindingSink sink) => sink.Error(
        FindingCodes.LabelMissing, Sheet, "A" + G.YearRow, G.YearLabel,
        $"texten \"{G.YearLabel}\" saknas i cell A{G.YearRow}",
        $"\"{G.YearLabel}\" i A{G.YearRow} och året i {G.YearCell}",
        $"Utgå från mallen för bidragsregistret och skriv året i cell {G.YearCell}.");

    public static void NotAYear(FindingSink sink, CellValue value, int year) => sink.Error(
        FindingCodes.ValueNotAYear, Sheet, G.YearCell, G.YearLabel,
        $"cellen innehåller {value.Display}",
        "ett årtal med fyra siffror, t.ex. " + year,
        $"Skriv bidragsåret med fyra siffror i cell {G.YearCell}.");

    public static void YearMismatch(FindingSink sink, int written, int year) => sink.Error(
        FindingCodes.YearMismatch, Sheet, G.YearCell, G.YearLabel,
        $"året {written} stämmer inte med året {year} som registret lämnades in under",
        year.ToString(CultureInfo.InvariantCulture),
        $"Rätta bidragsåret i cell {G.YearCell}, eller lämna in registret under år {written}.");

    public static void Missing(FindingSink sink, string cell, string field, string expected) => sink.Error(
        FindingCodes.ValueMissing, Sheet, cell, field, "cellen är tom", expected, $"Fyll i \"{field}\" i cell {cell}.");

    public static void Unusable(FindingSink sink, string cell, string field, CellValue value) => sink.Error(
        value.Kind == CellKind.Error ? FindingCodes.ExcelErrorValue : value.Kind == CellKind.FormulaFailed ? FindingCodes.FormulaFailed : FindingCodes.FormulaNotEvaluated,
        Sheet, cell, field,
        $"cellen innehåller {value.Display}",
        "ett värde, inte ett felvärde eller en formel som inte går att beräkna",
        $"Skriv värdet direkt i cell {cell}.");

    public static void TextTooLong(FindingSink sink, string cell, string field, int length, int max) => sink.Error(
        FindingCodes.TextTooLong, Sheet, cell, field,
        $"texten är {length} tecken lång",
        $"högst {max} tecken",
        $"Korta texten i cell {cell}.");

    public static void MunicipalityUnknown(FindingSink sink, string cell, string part) => sink.Error(
        FindingCodes.MunicipalityUnknown, Sheet, cell, G.Municipalities,
        $"\"{part}\" är ingen kommun",
        "kommunnamn eller fyrsiffriga kommunkoder, åtskilda med kommatecken, semikolon eller radbrytning",
        $"Rätta stavningen av \"{part}\" i cell {cell} (namn som i SCB:s kommunlista) eller skriv kommunkoden.");

    public static void MunicipalityOtherCounty(FindingSink sink, string cell, Municipality municipality, string countyCode, MunicipalityRegistry registry)
    {
        var county = registry.FindCountyByCode(countyCode);
        var countyText = county is null ? $"länskod {countyCode}" : county.Name + "s län";
        sink.Error(
            FindingCodes.MunicipalityOtherCounty, Sheet, cell, G.Municipalities,
            $"kommunen {municipality.Name} ({municipality.Code}) ligger inte i {countyText}",
            $"kommuner i {countyText}",
            $"Ta bort {municipality.Name} från cell {cell}; ansökan tas upp i det egna länets register.");
    }

    public static void NotADate(FindingSink sink, string cell, string field, CellValue value) => sink.Error(
        FindingCodes.GrantsValueNotADate, Sheet, cell, field,
        $"cellen innehåller {value.Display}",
        "ett datum som ÅÅÅÅ-MM-DD, t.ex. 2021-02-26",
        $"Skriv datumet som ÅÅÅÅ-MM-DD i cell {cell}.");

    public static void NotADecimal(FindingSink sink, string cell, string field, CellValue value, string expected) => sink.Error(
        FindingCodes.ValueNotADecimal, Sheet, cell, field,
        $"cellen innehåller {value.Display}",
        expected,
        $"Skriv ett tal, 0 eller mer, i cell {cell} (decimaler med komma).");

    public static void AppliedOutOfRange(FindingSink sink, string cell, decimal applied, decimal max) => sink.Error(
        FindingCodes.GrantsAppliedOutOfRange, Sheet, cell, G.Applied,
        $"ansökan gäller {applied.ToString("0.##", Swedish)} årsarbetare",
        $"mer än 0 och högst {max.ToString("0.##", Swedish)} årsarbetare per ansökan",
        $"Kontrollera antalet sökta ombudstjänster i cell {cell} (t.ex. 3,2 och inte 320). En ansökan utan sökta tjänster tas bort från registret.");

    public static void DecisionInvalid(FindingSink sink, string cell, string text) => sink.Error(
        FindingCodes.ValueNotInList, Sheet, cell, G.Decision,
        $"beslutet \"{text}\" finns inte",
        string.Join(", ", G.Decisions.Select(d => d.Label)),
        $"Välj Beviljat, Avslag eller Ej beslutad i listan i cell {cell}.");

    public static void AmountWithoutGrant(FindingSink sink, string cell, string field, string decision) => sink.Error(
        FindingCodes.GrantsAmountWithoutGrant, Sheet, cell, field,
        $"ett belopp är ifyllt fast beslutet är {decision}",
        "ett belopp bara när beslutet är Beviljat",
        $"Töm cell {cell}, eller ändra beslutet till Beviljat om bidrag har beviljats.");

    public static void DateWithoutDecision(FindingSink sink, string cell) => sink.Error(
        FindingCodes.GrantsDateWithoutDecision, Sheet, cell, G.DecidedOn,
        "ett beslutsdatum är ifyllt fast beslutet är Ej beslutad",
        "beslutsdatum bara när beslutet är Beviljat eller Avslag",
        $"Fyll i beslutet, eller töm cell {cell} om ansökan inte är beslutad.");

    public static void DecidedBeforeReceived(FindingSink sink, string cell, DateOnly decided, DateOnly received) => sink.Error(
        FindingCodes.GrantsDecidedBeforeReceived, Sheet, cell, G.DecidedOn,
        $"beslutet {decided:yyyy-MM-dd} är fattat före ansökan inkom {received:yyyy-MM-dd}",
        "ett beslutsdatum samma dag som ansökan inkom eller senare",
        $"Rätta beslutsdatumet i cell {cell} eller datumet då ansökan inkom.");

    public static void PaidExceedsGranted(FindingSink sink, string cell, decimal paid, decimal granted) => sink.Error(
        FindingCodes.GrantsPaidExceedsGranted, Sheet, cell, G.Paid,
        $"utbetalt {Kronor(paid)} är mer än beviljat {Kronor(granted)}",
        "högst det beviljade beloppet",
        $"Rätta det utbetalda beloppet i cell {cell} eller det beviljade beloppet.");

    public static void OperationDuplicate(FindingSink sink, int row, string name, int firstRow)
    {
        var cell = G.Letter(G.Operation) + row.ToString(CultureInfo.InvariantCulture);
        sink.Error(
            FindingCodes.GrantsOperationDuplicate, Sheet, cell, G.Operation,
            $"verksamheten \"{name}\" har redan en ansökan på rad {firstRow}",
            "en rad per verksamhet och år",
            $"Slå ihop raderna {firstRow} och {row} till en ansökan, eller rätta verksamhetens namn i cell {cell}.");
    }

    public static void GrantedFullTimeEquivalentsWithoutGrant(FindingSink sink, string cell, string decision) => sink.Error(
        FindingCodes.GrantsGrantedFteWithoutGrant, Sheet, cell, G.GrantedFullTimeEquivalents,
        $"beviljade årsarbetare är ifyllda fast beslutet är {decision}",
        "beviljade årsarbetare bara när beslutet är Beviljat",
        $"Töm cell {cell}, eller ändra beslutet till Beviljat om bidrag har beviljats.");

    public static void GrantedFullTimeEquivalentsOutOfRange(FindingSink sink, string cell, decimal granted, decimal? applied) => sink.Error(
        FindingCodes.GrantsGrantedFteOutOfRange, Sheet, cell, G.GrantedFullTimeEquivalents,
        $"beviljat för {Fte(granted)} årsarbetare" + (applied is { } a ? $" när ansökan gäller {Fte(a)}" : string.Empty),
        "mer än 0 och högst de sökta ombudstjänsterna",
        $"Rätta antalet beviljade årsarbetare i cell {cell}, eller de sökta ombudstjänsterna om ansökan gällde fler.");

    public static void ApplicationLate(FindingSink sink, string cell, DateOnly received, DateOnly deadline, DateOnly nominal) => sink.Warning(
        FindingCodes.GrantsApplicationLate, Sheet, cell, G.ReceivedOn,
        $"ansökan inkom {received:yyyy-MM-dd}, efter sista ansökningsdag {deadline:yyyy-MM-dd}" +
            (deadline != nominal ? $" ({nominal.Day} mars flyttad till närmaste vardag)" : string.Empty),
        $"en ansökan som inkommit senast {deadline:yyyy-MM-dd}",
        $"Kontrollera datumet i cell {cell}. Registret tas emot; om en sen ansökan ska prövas avgör länsstyrelsen.");

    public static void GrantedAmountDiffersFromRate(FindingSink sink, string cell, decimal granted, decimal rate, decimal fte, decimal tolerance) => sink.Warning(
        FindingCodes.GrantsAmountRateDiffers, Sheet, cell, G.Granted,
        $"beviljat {Kronor(granted)} skiljer sig från {Kronor(rate)} × {Fte(fte)} beviljade årsarbetare = {Kronor(GrantMoney.ToKrona(rate * fte))}" +
            $" med {Kronor(GrantMoney.ToKrona(Math.Abs(granted - rate * fte)))}",
        $"beviljat belopp = beloppet per årsanställning × beviljade årsarbetare, högst {Kronor(tolerance)} ifrån",
        $"Kontrollera beviljat belopp i cell {cell} och beviljade årsarbetare. Registret tas emot; beslutet ändras inte av systemet.");

    public static void EmailInvalid(FindingSink sink, string cell, string text) => sink.Error(
        FindingCodes.EmailInvalid, Sheet, cell, G.ContactEmail,
        $"\"{text}\" är ingen giltig e-postadress",
        "en adress som namn@exempel.se",
        $"Rätta e-postadressen i cell {cell}, eller töm cellen.");

    /// <summary>Årsarbetare as Swedish text: "2,5".</summary>
    public static string Fte(decimal value) => value.ToString("0.##", Swedish);

    /// <summary>An amount as Swedish text: "404 530 kr".</summary>
    public static string Kronor(decimal amount) => amount.ToString("#,##0.##", Swedish) + " kr";

    private static string Cell(int column, int row) => ((char)('A' + column - 1)).ToString() + row.ToString(CultureInfo.InvariantCulture);
}
