namespace PoIntake.Core.Intake.Screening;

/// <summary>
/// The refusals of <see cref="WorkbookScreener"/>: their Swedish messages and fixes. The codes are in <see cref="FindingCodes"/>
/// and documented in docs/findings.md (Screening).
/// </summary>
public static class ScreeningFindings
{
    private const string SaveAsXlsx =
        "Öppna filen i Excel och spara den som \"Excel-arbetsbok (*.xlsx)\", eller fyll i den senaste mallen, och ladda upp den igen.";

    internal static Finding FileEmpty() => Finding.ForFile(
        FindingCodes.FileEmpty,
        "Filen är tom (0 byte).",
        "Kontrollera att rätt fil valdes och att den sparades innan den laddades upp, och ladda upp den igen.");

    internal static Finding FileTooLarge(long size, long limit) => Finding.ForFile(
        FindingCodes.FileTooLarge,
        $"Filen är {Megabytes(size)} MB, men största tillåtna storlek är {Megabytes(limit)} MB.",
        "Ta bort bilder, extra flikar och annat som inte hör till redovisningen, eller fyll i en ny mall, och ladda upp igen.");

    internal static Finding FileNotXlsx(string what) => Finding.ForFile(
        FindingCodes.FileNotXlsx,
        $"Filen är inte en Excel-arbetsbok (.xlsx) utan {what}.",
        SaveAsXlsx);

    internal static Finding FileLegacyXls() => Finding.ForFile(
        FindingCodes.FileLegacyXls,
        "Filen är i det äldre Excel-formatet (.xls, Excel 97–2003), som inte tas emot.",
        SaveAsXlsx);

    internal static Finding FileEncrypted() => Finding.ForFile(
        FindingCodes.FileEncrypted,
        "Filen är lösenordsskyddad (krypterad) och kan inte läsas.",
        "Öppna filen i Excel, ta bort lösenordet (Arkiv > Info > Skydda arbetsbok > Kryptera med lösenord, töm fältet), spara och ladda upp igen.");

    internal static Finding FileMacroEnabled() => Finding.ForFile(
        FindingCodes.FileMacroEnabled,
        "Filen innehåller makron (VBA), till exempel en .xlsm-fil. Arbetsböcker med makron tas inte emot.",
        "Spara filen som \"Excel-arbetsbok (*.xlsx)\" (då tas makrona bort) och ladda upp den igen.");

    internal static Finding FileXlsb() => Finding.ForFile(
        FindingCodes.FileXlsb,
        "Filen är en binär Excel-arbetsbok (.xlsb), som inte tas emot.",
        SaveAsXlsx);

    internal static Finding FileOds() => Finding.ForFile(
        FindingCodes.FileOds,
        "Filen är ett OpenDocument-kalkylblad (.ods, t.ex. från LibreOffice), som inte tas emot.",
        "Spara filen i formatet \"Excel 2007-365 (.xlsx)\" och ladda upp den igen.");

    internal static Finding FileCorrupt() => Finding.ForFile(
        FindingCodes.FileCorrupt,
        "Filen är skadad eller ofullständig och kan inte öppnas som en Excel-arbetsbok.",
        "Kontrollera att filen går att öppna i Excel, spara den på nytt som .xlsx och ladda upp den igen. Avbröts uppladdningen, försök igen.");

    internal static Finding FileZipBomb(string detail) => Finding.ForFile(
        FindingCodes.FileZipBomb,
        $"Filen har ett orimligt innehåll för en redovisning ({detail}) och öppnas inte av säkerhetsskäl.",
        "Fyll i en ny mall med enbart redovisningens uppgifter, spara som .xlsx och ladda upp den igen.");

    internal static Finding FileExternalLinks() => Finding.ForFile(
        FindingCodes.FileExternalLinks,
        "Arbetsboken innehåller länkar till andra filer (externa referenser), som inte tas emot.",
        "Ersätt länkarna med värden (Data > Redigera länkar > Bryt länk), spara och ladda upp igen.");

    internal static Finding FileTooManySheets(int sheets, int limit) => Finding.ForFile(
        FindingCodes.FileTooManySheets,
        $"Arbetsboken har {sheets} blad, men högst {limit} tas emot.",
        "Ta bort de blad som inte hör till redovisningen, eller fyll i en ny mall, och ladda upp filen igen.");

    internal static Finding FileTooManyStrings(string detail) => Finding.ForFile(
        FindingCodes.FileTooManyStrings,
        $"Arbetsboken innehåller orimligt mycket text för en redovisning ({detail}).",
        "Ta bort text som inte hör till redovisningen, eller fyll i en ny mall, och ladda upp filen igen.");

    internal static Finding SheetOutsideArea(string sheet, string cell, string area, string detail) => new(
        FindingCodes.SheetOutsideArea,
        Severity.Error,
        sheet,
        cell,
        Field: null,
        $"Bladet \"{sheet}\", cell {cell}: {detail}, utanför det område som läses ({area}). Arbetsboken läses inte.",
        $"Töm eller ta bort celler och rader utanför {area} i bladet \"{sheet}\" (även tomma celler med formatering), spara och ladda upp filen igen.");

    internal static Finding SheetTooManyCells(string sheet, int limit) => new(
        FindingCodes.SheetTooManyCells,
        Severity.Error,
        sheet,
        Cell: null,
        Field: null,
        $"Bladet \"{sheet}\" har fler än {limit.ToString("#,0", SwedishCulture)} ifyllda celler, orimligt många för en redovisning. Arbetsboken läses inte.",
        $"Ta bort uppgifter som inte hör till redovisningen ur bladet \"{sheet}\", eller fyll i en ny mall, och ladda upp filen igen.");

    private static readonly System.Globalization.CultureInfo SwedishCulture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"));
}
