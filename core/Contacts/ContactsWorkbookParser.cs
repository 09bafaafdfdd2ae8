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
    public bool Unreadable => Findings.Any(f => f.Severity == Severity.Error && (f.Cell is null || FindingCodes.ScreeningRefusals.Contains(f.Code)));
}

/// <summary>
/// Parses <c>contacts/{countyCode}.xlsx</c>: sheet "Kontakter", header Roll | Kommun | Namn | E-post and, optional, a
/// fifth column <see cref="GrantInformationLabel"/> (Ja / Nej / empty; a register without it opts nobody in). Read like a report
/// (<see cref="WorkbookReader"/>: size limit, screening, the bounded read), then at most
/// <see cref="ScreeningOptions.MaxContactRows"/> rows.
/// </summary>
public sealed class ContactsWorkbookParser(MunicipalityRegistry registry, IOptions<ScreeningOptions>? screening = null)
{
    public const string SheetName = "Kontakter";

    /// <summary>Longest name or e-mail address kept, as for a report's short texts.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The optional column E: the county board opts a municipality without a duty in to the yearly information about the grant.</summary>
    public const string GrantInformationLabel = "Informera om statsbidrag";

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
            findings.Add(ContactsFindings.FileUnreadable());
            return new ContactsParseResult(contacts, findings);
        }

        if (workbook.Sheet(SheetName) is not { } sheet)
        {
            findings.Add(ContactsFindings.SheetMissing());
            return new ContactsParseResult(contacts, findings);
        }

        for (var column = 1; column <= Header.Length; column++)
        {
            var text = CellReader.AsText(sheet[1, column]) ?? string.Empty;
            if (!string.Equals(text, Header[column - 1], StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(ContactsFindings.HeaderInvalid(Header, column, text));
                return new ContactsParseResult(contacts, findings);
            }
        }

        var withGrantInformation = (CellReader.AsText(sheet[1, Header.Length + 1]) ?? string.Empty) is var fifth && fifth.Length > 0;
        if (withGrantInformation && !string.Equals(fifth, GrantInformationLabel, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(ContactsFindings.HeaderInvalid([.. Header, GrantInformationLabel], Header.Length + 1, fifth));
            return new ContactsParseResult(contacts, findings);
        }

        if (sheet.LastRow - 1 > _limits.MaxContactRows)
        {
            findings.Add(ContactsFindings.RowsTooMany(sheet.LastRow, _limits.MaxContactRows));
            return new ContactsParseResult(contacts, findings);
        }

        for (var row = 2; row <= sheet.LastRow; row++)
        {
            // Stripped of control and bidi characters like a report's texts (docs/hardening.md).
            var cells = Enumerable.Range(1, withGrantInformation ? 5 : 4).Select(c => CellReader.AsText(sheet[row, c]) ?? string.Empty).ToArray();
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
        var informationText = cells.Length > 4 ? cells[4] : string.Empty;
        ContactRole? role = roleText.ToLowerInvariant() switch
        {
            "kommun" => ContactRole.Municipality,
            "länsstyrelse" or "länsstyrelsen" => ContactRole.CountyBoard,
            "socialstyrelsen" => ContactRole.NationalBoard,
            _ => null,
        };
        if (role is null)
        {
            findings.Add(ContactsFindings.RoleInvalid(row, roleText));
        }

        string? municipalityCode = null;
        if (municipalityText.Length > 0)
        {
            var municipality = registry.FindMunicipality(municipalityText.All(char.IsAsciiDigit) ? municipalityText.PadLeft(4, '0') : municipalityText);
            if (municipality is null)
            {
                findings.Add(ContactsFindings.MunicipalityUnknown(row, municipalityText));
            }
            else if (municipality.CountyCode != countyCode)
            {
                findings.Add(ContactsFindings.MunicipalityOtherCounty(row, municipality.Name, countyCode));
            }
            else
            {
                municipalityCode = municipality.Code;
            }
        }
        else if (role == ContactRole.Municipality)
        {
            findings.Add(ContactsFindings.MunicipalityMissing(row));
        }

        if (name.Length == 0)
        {
            findings.Add(ContactsFindings.NameMissing(row));
        }
        else if (name.Length > MaxTextLength)
        {
            findings.Add(ContactsFindings.NameTooLong(row, name.Length, MaxTextLength));
        }

        string? address = null;
        if (email.Length == 0)
        {
            findings.Add(ContactsFindings.EmailMissing(row));
        }
        else if (email.Length > MaxTextLength)
        {
            findings.Add(ContactsFindings.EmailTooLong(row, email.Length, MaxTextLength));
        }
        else if (!IsAddress(email))
        {
            findings.Add(ContactsFindings.EmailInvalid(row, email));
        }
        else
        {
            address = email;
        }

        bool? information = informationText.ToLowerInvariant() switch
        {
            "" or "nej" => false,
            "ja" => true,
            _ => null,
        };
        if (information is null || (information == true && role != ContactRole.Municipality))
        {
            findings.Add(ContactsFindings.GrantInformationInvalid(row, informationText, information == true));
        }

        return findings.Count(f => f.Severity == Severity.Error) > errorsBefore
            ? null
            : new Contact(countyCode, role!.Value, municipalityCode, name, address, information == true);
    }

    private static bool IsAddress(string text) =>
        !text.Any(char.IsWhiteSpace) &&
        MailAddress.TryCreate(text, out var address) &&
        address.Address == text &&
        address.Host.Contains('.', StringComparison.Ordinal);
}
