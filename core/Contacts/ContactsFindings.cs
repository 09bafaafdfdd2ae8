using PoIntake.Core.Intake;

namespace PoIntake.Core.Contacts;

/// <summary>
/// The findings of a contacts register (<see cref="ContactsWorkbookParser"/>, <see cref="ContactRegisterRules"/>): their
/// Swedish messages and fixes. The codes are in <see cref="FindingCodes"/> and documented in docs/findings.md (Contacts register).
/// </summary>
internal static class ContactsFindings
{
    private const string SheetName = ContactsWorkbookParser.SheetName;

    private const string WriteAddress = "Skriv en adress som namn@exempel.se.";

    public static Finding FileUnreadable() => Finding.ForFile(
        FindingCodes.ContactsFileUnreadable,
        "Filen kunde inte läsas som en Excel-arbetsbok (.xlsx).",
        "Spara kontaktlistan som .xlsx och ladda upp den igen.");

    public static Finding SheetMissing() => Finding.ForFile(
        FindingCodes.ContactsSheetMissing,
        $"Bladet \"{SheetName}\" saknas.",
        $"Lägg kontakterna på ett blad som heter \"{SheetName}\".");

    public static Finding HeaderInvalid(IEnumerable<string> header, int column, string text) => Finding.ForFile(
        FindingCodes.ContactsHeaderInvalid,
        $"Rubrikraden ska vara {string.Join(" | ", header)}, men kolumn {column} heter \"{text}\".",
        "Använd rubrikerna Roll, Kommun, Namn och E-post i kolumn A–D på rad 1.");

    public static Finding RowsTooMany(int lastRow, int maxRows) => Finding.ForFile(
        FindingCodes.ContactsRowsTooMany,
        $"Kontaktlistan har något ifyllt på rad {lastRow}, men högst {maxRows} rader under rubrikraden läses.",
        $"Ta bort tomma rader och rader som inte är kontakter, så att listan slutar senast på rad {maxRows + 1}, och ladda upp den igen.");

    public static Finding RoleInvalid(int row, string roleText) => RoleError(
        row,
        FindingCodes.ContactsRoleInvalid,
        roleText.Length == 0 ? "Roll saknas." : $"Rollen \"{roleText}\" finns inte.",
        "Skriv Kommun, Länsstyrelse eller Socialstyrelsen.");

    public static Finding RoleNationalOnly(int row) => RoleError(
        row,
        FindingCodes.ContactsRoleNationalOnly,
        "Rollen Socialstyrelsen kan bara läggas in i Socialstyrelsens egen kontaktlista, inte i ett läns.",
        $"Ta bort raden. Socialstyrelsens mottagare förs in av Socialstyrelsen i contacts/{ContactRegisterRules.NationalRegister}.xlsx.");

    public static Finding RoleCountyOnly(int row, ContactRole role) => RoleError(
        row,
        FindingCodes.ContactsRoleCountyOnly,
        $"Rollen {(role == ContactRole.Municipality ? "Kommun" : "Länsstyrelse")} hör inte hemma i Socialstyrelsens kontaktlista.",
        "Ta bort raden. Kommunernas och länsstyrelsens kontakter förs in av länsstyrelsen i länets egen kontaktlista (contacts/{länskod}.xlsx).");

    public static Finding MunicipalityUnknown(int row, string municipalityText) => MunicipalityError(
        row,
        FindingCodes.ContactsMunicipalityUnknown,
        $"Kommunen \"{municipalityText}\" finns inte.",
        "Skriv kommunens namn eller fyrsiffriga kommunkod.");

    public static Finding MunicipalityOtherCounty(int row, string municipalityName, string countyCode) => MunicipalityError(
        row,
        FindingCodes.ContactsMunicipalityOtherCounty,
        $"{municipalityName} ligger inte i det här länet ({countyCode}).",
        "Lägg kontakten i sitt eget läns kontaktlista.");

    public static Finding MunicipalityMissing(int row) => MunicipalityError(
        row,
        FindingCodes.ContactsMunicipalityMissing,
        "Kommun saknas för en kontakt med rollen Kommun.",
        "Skriv kommunens namn eller kommunkod.");

    public static Finding NameMissing(int row) => NameError(row, FindingCodes.ContactsNameMissing, "Namn saknas.", "Skriv kontaktpersonens namn.");

    public static Finding NameTooLong(int row, int length, int maxLength) => NameError(
        row,
        FindingCodes.ContactsTextTooLong,
        $"Namnet är {length} tecken långt, men högst {maxLength} tas emot.",
        "Skriv bara kontaktpersonens namn.");

    public static Finding EmailMissing(int row) => EmailFinding(
        row,
        FindingCodes.ContactsEmailMissing,
        "E-postadress saknas: kontakten kan inte få påminnelser.",
        "Skriv kontaktpersonens e-postadress.");

    public static Finding EmailTooLong(int row, int length, int maxLength) => EmailFinding(
        row,
        FindingCodes.ContactsTextTooLong,
        $"E-postadressen är {length} tecken lång, men högst {maxLength} tas emot.",
        WriteAddress);

    public static Finding EmailInvalid(int row, string email) => EmailFinding(
        row,
        FindingCodes.ContactsEmailInvalid,
        $"\"{email}\" är ingen giltig e-postadress.",
        WriteAddress);

    public static Finding GrantInformationInvalid(int row, string text, bool notMunicipality) => CellFinding(
        FindingCodes.ContactsGrantInformationInvalid, "E", row, ContactsWorkbookParser.GrantInformationLabel,
        notMunicipality ? "Ja gäller bara kontakter med rollen Kommun." : $"\"{text}\" är varken Ja eller Nej.",
        "Skriv Ja om kommunen ska få ett informationsbrev om möjligheten att söka statsbidrag, annars Nej eller lämna tomt. Ja gäller bara rollen Kommun.");

    private static Finding RoleError(int row, string code, string message, string fix) => CellFinding(code, "A", row, "Roll", message, fix);

    private static Finding MunicipalityError(int row, string code, string message, string fix) => CellFinding(code, "B", row, "Kommun", message, fix);

    private static Finding NameError(int row, string code, string message, string fix) => CellFinding(code, "C", row, "Namn", message, fix);

    private static Finding EmailFinding(int row, string code, string message, string fix) => CellFinding(code, "D", row, "E-post", message, fix);

    private static Finding CellFinding(string code, string column, int row, string field, string message, string fix) =>
        new(code, FindingCodes.SeverityOf(code), SheetName, column + row, field, message, fix);
}
