using System.Net.Mail;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Intake.Reading;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Contacts;

/// <summary>The good rows of a contacts workbook and a finding for every bad cell (Swedish, like report findings).</summary>
public sealed record ContactsParseResult(IReadOnlyList<Contact> Contacts, IReadOnlyList<Finding> Findings)
{
    /// <summary>
    /// The file as a whole could not be read (refused by screening, no sheet, wrong header, too many rows): the register
    /// must not be replaced.
    /// </summary>
    public bool Unreadable => Findings.Any(f => f.Severity == Severity.Error && (f.Cell is null || ScreeningFindings.IsRefusal(f.Code)));
}

/// <summary>
/// Parses <c>contacts/{countyCode}.xlsx</c>: sheet "Kontakter", header Roll | Kommun | Namn | E-post. Read like a report
/// (<see cref="WorkbookReader"/>: size limit, screening, the bounded read), then at most
/// <see cref="ScreeningOptions.MaxContactRows"/> rows.
/// </summary>
public sealed class ContactsWorkbookParser(MunicipalityRegistry registry, IOptions<ScreeningOptions>? screening = null)
{
    public const string SheetName = "Kontakter";

    /// <summary>Longest name or e-mail address kept, as for a report's short texts.</summary>
    public const int MaxTextLength = 200;

    private static readonly string[] Header = ["Roll", "Kommun", "Namn", "E-post"];

    private readonly ScreeningOptions _limits = screening?.Value ?? new ScreeningOptions();

    /// <summary>A refusal for a file too large to download and read, or null.</summary>
    public ContactsParseResult? RefuseBySize(long length) =>
        length > _limits.MaxFileBytes ? new ContactsParseResult([], [ScreeningFindings.FileTooLarge(length, _limits.MaxFileBytes)]) : null;

    public ContactsParseResult Parse(ReadOnlyMemory<byte> content, string countyCode)
    {
        var findings = new List<Finding>();
        var contacts = new List<Contact>();
        var workbook = WorkbookReader.Read(content, _limits);
        if (workbook.Refusals.Count > 0)
        {
            return new ContactsParseResult(contacts, workbook.Refusals);
        }

        if (workbook.Unreadable)
        {
            findings.Add(FileError("contacts.file.unreadable", "Filen kunde inte läsas som en Excel-arbetsbok (.xlsx).", "Spara kontaktlistan som .xlsx och ladda upp den igen."));
            return new ContactsParseResult(contacts, findings);
        }

        if (workbook.Sheet(SheetName) is not { } sheet)
        {
            findings.Add(FileError("contacts.sheet.missing", $"Bladet \"{SheetName}\" saknas.", $"Lägg kontakterna på ett blad som heter \"{SheetName}\"."));
            return new ContactsParseResult(contacts, findings);
        }

        for (var column = 1; column <= Header.Length; column++)
        {
            var text = CellReader.AsText(sheet[1, column]) ?? string.Empty;
            if (!string.Equals(text, Header[column - 1], StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(FileError(
                    "contacts.header.invalid",
                    $"Rubrikraden ska vara {string.Join(" | ", Header)}, men kolumn {column} heter \"{text}\".",
                    "Använd rubrikerna Roll, Kommun, Namn och E-post i kolumn A–D på rad 1."));
                return new ContactsParseResult(contacts, findings);
            }
        }

        if (sheet.LastRow - 1 > _limits.MaxContactRows)
        {
            findings.Add(FileError(
                "contacts.rows.tooMany",
                $"Kontaktlistan har något ifyllt på rad {sheet.LastRow}, men högst {_limits.MaxContactRows} rader under rubrikraden läses.",
                $"Ta bort tomma rader och rader som inte är kontakter, så att listan slutar senast på rad {_limits.MaxContactRows + 1}, och ladda upp den igen."));
            return new ContactsParseResult(contacts, findings);
        }

        for (var row = 2; row <= sheet.LastRow; row++)
        {
            // Stripped of control and bidi characters like a report's texts (docs/hardening.md).
            var cells = Enumerable.Range(1, 4).Select(c => CellReader.AsText(sheet[row, c]) ?? string.Empty).ToArray();
            if (cells.All(string.IsNullOrEmpty))
            {
                continue;
            }

            if (ParseRow(row, cells, countyCode, findings) is { } contact && ContactRegisterRules.Admits(contact, row, countyCode, findings))
            {
                contacts.Add(contact);
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
        else if (name.Length > MaxTextLength)
        {
            findings.Add(CellError(row, "C", "Namn", "contacts.text.tooLong",
                $"Namnet är {name.Length} tecken långt, men högst {MaxTextLength} tas emot.", "Skriv bara kontaktpersonens namn."));
        }

        string? address = null;
        if (email.Length == 0)
        {
            findings.Add(new Finding("contacts.email.missing", Severity.Warning, SheetName, "D" + row, "E-post",
                "E-postadress saknas: kontakten kan inte få påminnelser.", "Skriv kontaktpersonens e-postadress."));
        }
        else if (email.Length > MaxTextLength)
        {
            findings.Add(CellError(row, "D", "E-post", "contacts.text.tooLong",
                $"E-postadressen är {email.Length} tecken lång, men högst {MaxTextLength} tas emot.", "Skriv en adress som namn@exempel.se."));
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
