using System.Net.Mail;
using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Contacts;

/// <summary>The good rows of a contacts workbook and a finding for every bad cell (Swedish, like report findings).</summary>
public sealed record ContactsParseResult(IReadOnlyList<Contact> Contacts, IReadOnlyList<Finding> Findings)
{
    /// <summary>The file as a whole could not be read (no sheet, wrong header): the register must not be replaced.</summary>
    public bool Unreadable => Findings.Any(f => f.Severity == Severity.Error && f.Cell is null);
}

/// <summary>Parses <c>contacts/{countyCode}.xlsx</c>: sheet "Kontakter", header Roll | Kommun | Namn | E-post.</summary>
public sealed class ContactsWorkbookParser(MunicipalityRegistry registry)
{
    public const string SheetName = "Kontakter";

    private static readonly string[] Header = ["Roll", "Kommun", "Namn", "E-post"];

    public ContactsParseResult Parse(ReadOnlyMemory<byte> content, string countyCode)
    {
        var findings = new List<Finding>();
        var contacts = new List<Contact>();
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(content.ToArray(), writable: false));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException or FormatException or System.Xml.XmlException)
        {
            findings.Add(FileError("contacts.file.unreadable", "Filen kunde inte läsas som en Excel-arbetsbok (.xlsx).", "Spara kontaktlistan som .xlsx och ladda upp den igen."));
            return new ContactsParseResult(contacts, findings);
        }

        using (workbook)
        {
            if (!workbook.Worksheets.TryGetWorksheet(SheetName, out var sheet))
            {
                findings.Add(FileError("contacts.sheet.missing", $"Bladet \"{SheetName}\" saknas.", $"Lägg kontakterna på ett blad som heter \"{SheetName}\"."));
                return new ContactsParseResult(contacts, findings);
            }

            for (var column = 1; column <= Header.Length; column++)
            {
                var text = sheet.Cell(1, column).GetString().Trim();
                if (!string.Equals(text, Header[column - 1], StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add(FileError(
                        "contacts.header.invalid",
                        $"Rubrikraden ska vara {string.Join(" | ", Header)}, men kolumn {column} heter \"{text}\".",
                        "Använd rubrikerna Roll, Kommun, Namn och E-post i kolumn A–D på rad 1."));
                    return new ContactsParseResult(contacts, findings);
                }
            }

            var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 1;
            for (var row = 2; row <= lastRow; row++)
            {
                var cells = Enumerable.Range(1, 4).Select(c => sheet.Cell(row, c).GetString().Trim()).ToArray();
                if (cells.All(string.IsNullOrEmpty))
                {
                    continue;
                }

                if (ParseRow(row, cells, countyCode, findings) is { } contact && ContactRegisterRules.Admits(contact, row, countyCode, findings))
                {
                    contacts.Add(contact);
                }
            }
        }

        return new ContactsParseResult(contacts, findings);
    }

    private Contact? ParseRow(int row, string[] cells, string countyCode, List<Finding> findings)
    {
        var errorsBefore = findings.Count(f => f.Severity == Severity.Error);
        var (roleText, municipalityText, name, email) = (cells[0], cells[1], cells[2], cells[3]);
        ContactRole? role = roleText.ToLowerInvariant() switch
        {
            "kommun" => ContactRole.Municipality,
            "länsstyrelse" or "länsstyrelsen" => ContactRole.CountyBoard,
            "socialstyrelsen" => ContactRole.NationalBoard,
            _ => null,
        };
        if (role is null)
        {
            findings.Add(CellError(row, "A", "Roll", "contacts.role.invalid",
                roleText.Length == 0 ? "Roll saknas." : $"Rollen \"{roleText}\" finns inte.",
                "Skriv Kommun, Länsstyrelse eller Socialstyrelsen."));
        }

        string? municipalityCode = null;
        if (municipalityText.Length > 0)
        {
            var municipality = registry.FindMunicipality(municipalityText.All(char.IsAsciiDigit) ? municipalityText.PadLeft(4, '0') : municipalityText);
            if (municipality is null)
            {
                findings.Add(CellError(row, "B", "Kommun", "contacts.municipality.unknown",
                    $"Kommunen \"{municipalityText}\" finns inte.", "Skriv kommunens namn eller fyrsiffriga kommunkod."));
            }
            else if (municipality.CountyCode != countyCode)
            {
                findings.Add(CellError(row, "B", "Kommun", "contacts.municipality.otherCounty",
                    $"{municipality.Name} ligger inte i det här länet ({countyCode}).", "Lägg kontakten i sitt eget läns kontaktlista."));
            }
            else
            {
                municipalityCode = municipality.Code;
            }
        }
        else if (role == ContactRole.Municipality)
        {
            findings.Add(CellError(row, "B", "Kommun", "contacts.municipality.missing",
                "Kommun saknas för en kontakt med rollen Kommun.", "Skriv kommunens namn eller kommunkod."));
        }

        if (name.Length == 0)
        {
            findings.Add(CellError(row, "C", "Namn", "contacts.name.missing", "Namn saknas.", "Skriv kontaktpersonens namn."));
        }

        string? address = null;
        if (email.Length == 0)
        {
            findings.Add(new Finding("contacts.email.missing", Severity.Warning, SheetName, "D" + row, "E-post",
                "E-postadress saknas: kontakten kan inte få påminnelser.", "Skriv kontaktpersonens e-postadress."));
        }
        else if (!IsAddress(email))
        {
            findings.Add(CellError(row, "D", "E-post", "contacts.email.invalid",
                $"\"{email}\" är ingen giltig e-postadress.", "Skriv en adress som namn@exempel.se."));
        }
        else
        {
            address = email;
        }

        return findings.Count(f => f.Severity == Severity.Error) > errorsBefore
            ? null
            : new Contact(countyCode, role!.Value, municipalityCode, name, address);
    }

    private static bool IsAddress(string text) =>
        !text.Any(char.IsWhiteSpace) &&
        MailAddress.TryCreate(text, out var address) &&
        address.Address == text &&
        address.Host.Contains('.', StringComparison.Ordinal);

    private static Finding CellError(int row, string column, string field, string code, string message, string fix) =>
        new(code, Severity.Error, SheetName, column + row, field, message, fix);

    private static Finding FileError(string code, string message, string fix) =>
        new(code, Severity.Error, null, null, null, message, fix);
}
