using ClosedXML.Excel;
using PoIntake.Core.Contacts;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Tests.Contacts;

public sealed class ContactsWorkbookParserTests
{
    private static readonly ContactsWorkbookParser Parser = new(MunicipalityRegistry.Default);

    internal static byte[] Workbook(string sheetName = "Kontakter", string[]? header = null, params string[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(sheetName);
        var headings = header ?? ["Roll", "Kommun", "Namn", "E-post"];
        for (var c = 0; c < headings.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = headings[c];
        }

        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cell(r + 2, c + 1).Value = rows[r][c];
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Parse_GoodRows_AllRolesByNameOrCode()
    {
        var result = Parser.Parse(Workbook(rows:
        [
            ["Kommun", "Upplands Väsby", "Anna Andersson", "anna@upplandsvasby.se"],
            ["kommun", "0115", "Bo Berg", "bo@vallentuna.se"],
            ["Länsstyrelse", "", "Lena Län", "lena@lansstyrelsen.se"],
        ]), "01");

        Assert.Empty(result.Findings);
        Assert.Equal(
            [ContactRole.Municipality, ContactRole.Municipality, ContactRole.CountyBoard],
            result.Contacts.Select(c => c.Role));
        Assert.Equal(["0114", "0115", null], result.Contacts.Select(c => c.MunicipalityCode));
        Assert.All(result.Contacts, c => Assert.Equal("01", c.CountyCode));
    }

    [Fact]
    public void Parse_GrantInformationColumn_JaOptsAMunicipalityIn_OtherValuesAndOtherRolesRefusedCellByCell()
    {
        string[] header = ["Roll", "Kommun", "Namn", "E-post", ContactsWorkbookParser.GrantInformationLabel];
        var result = Parser.Parse(Workbook(header: header, rows:
        [
            ["Kommun", "Upplands Väsby", "Anna Andersson", "anna@upplandsvasby.se", "Ja"],
            ["Kommun", "Vallentuna", "Bo Berg", "bo@vallentuna.se", "nej"],
            ["Kommun", "Österåker", "Cilla Ceder", "cilla@osteraker.se", ""],
            ["Kommun", "Värmdö", "Dan Dahl", "dan@varmdo.se", "Kanske"],
            ["Länsstyrelse", "", "Lena Län", "lena@lansstyrelsen.se", "Ja"],
        ]), "01");

        Assert.Equal([("0114", true), ("0115", false), ("0117", false)], result.Contacts.Select(c => (c.MunicipalityCode!, c.GrantInformation)));
        Assert.Equal(
            [(FindingCodes.ContactsGrantInformationInvalid, "E5"), (FindingCodes.ContactsGrantInformationInvalid, "E6")],
            result.Findings.Select(f => (f.Code, f.Cell!)));
        Assert.Contains("\"Kanske\"", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("bara kontakter med rollen Kommun", result.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FourColumnRegister_OptsNobodyIn_AWrongFifthHeaderRefusesTheFile()
    {
        var old = Parser.Parse(Workbook(rows: [["Kommun", "Upplands Väsby", "Anna Andersson", "anna@upplandsvasby.se"]]), "01");
        var wrong = Parser.Parse(Workbook(header: ["Roll", "Kommun", "Namn", "E-post", "Övrigt"], rows: [["Kommun", "Upplands Väsby", "Anna", "anna@upplandsvasby.se", "x"]]), "01");

        Assert.False(Assert.Single(old.Contacts).GrantInformation);
        Assert.Empty(old.Findings);
        Assert.True(wrong.Unreadable);
        Assert.Equal(FindingCodes.ContactsHeaderInvalid, Assert.Single(wrong.Findings).Code);
    }

    [Fact]
    public void Parse_BadCells_ReportedCellByCellAndGoodRowsKept()
    {
        var result = Parser.Parse(Workbook(rows:
        [
            ["Kommun", "Vallentuna", "Bo Berg", "bo@vallentuna.se"],
            ["Chef", "Vallentuna", "X", "x@vallentuna.se"],
            ["Kommun", "", "Y", "y@kommun.se"],
            ["Kommun", "Malmö", "Z", "z@malmo.se"],
            ["Kommun", "Atlantis", "Q", "q@kommun.se"],
            ["Kommun", "Solna", "", "inte-en-adress"],
        ]), "01");

        var kept = Assert.Single(result.Contacts);
        Assert.Equal("Bo Berg", kept.Name);
        var errors = result.Findings.Where(f => f.Severity == Severity.Error).Select(f => (f.Cell, f.Code)).ToArray();
        Assert.Equal(
            [
                ("A3", "CONTACTS_ROLE_INVALID"),
                ("B4", "CONTACTS_MUNICIPALITY_MISSING"),
                ("B5", "CONTACTS_MUNICIPALITY_OTHER_COUNTY"),
                ("B6", "CONTACTS_MUNICIPALITY_UNKNOWN"),
                ("C7", "CONTACTS_NAME_MISSING"),
                ("D7", "CONTACTS_EMAIL_INVALID"),
            ],
            errors);
        Assert.All(result.Findings, f => Assert.Equal("Kontakter", f.Sheet));
        Assert.Contains("Malmö", result.Findings.Single(f => f.Cell == "B5").Message, StringComparison.Ordinal);
        Assert.False(result.Unreadable);
    }

    [Fact]
    public void Parse_MissingAddress_KeptWithWarning()
    {
        var result = Parser.Parse(Workbook(rows: [["Kommun", "Solna", "Nils Namn", ""]]), "01");

        var contact = Assert.Single(result.Contacts);
        Assert.Null(contact.Email);
        var warning = Assert.Single(result.Findings);
        Assert.Equal((Severity.Warning, "D2"), (warning.Severity, warning.Cell));
    }

    [Fact]
    public void Parse_WrongSheetOrHeader_Unreadable()
    {
        Assert.True(Parser.Parse(Workbook("Blad1", rows: [["Kommun", "Solna", "A", "a@b.se"]]), "01").Unreadable);
        Assert.True(Parser.Parse(Workbook(header: ["Roll", "Kommun", "E-post", "Namn"]), "01").Unreadable);
        Assert.True(Parser.Parse("not a workbook"u8.ToArray(), "01").Unreadable);
    }

    [Fact]
    public void Parse_ControlAndBidiCharacters_StrippedFromNameAndAddress()
    {
        var result = Parser.Parse(Workbook(rows: [["Kommun", "Solna", "Anna \u202EnossrednA\u202C\u0007", "anna@solna.se\u200F"]]), "01");

        var contact = Assert.Single(result.Contacts);
        Assert.Equal("Anna nossrednA", contact.Name);
        Assert.Equal("anna@solna.se", contact.Email);
    }

    [Fact]
    public void Parse_NameOrAddressOver200Characters_RowRefusedCellByCell()
    {
        var result = Parser.Parse(Workbook(rows:
        [
            ["Kommun", "Solna", new string('n', 201), "a@solna.se"],
            ["Kommun", "Solna", "Bo", new string('b', 196) + "@s.se"],
            ["Kommun", "Solna", new string('c', 200), "c@solna.se"],
        ]), "01");

        Assert.Equal([("C2", "CONTACTS_TEXT_TOO_LONG"), ("D3", "CONTACTS_TEXT_TOO_LONG")], result.Findings.Select(f => (f.Cell, f.Code)));
        Assert.Equal(200, Assert.Single(result.Contacts).Name.Length);
        Assert.False(result.Unreadable);
    }

    [Fact]
    public void Parse_MoreRowsThanTheCap_UnreadableWithoutReadingRows()
    {
        var rows = Enumerable.Range(0, 4).Select(i => new[] { "Kommun", "Solna", "N" + i, $"n{i}@solna.se" }).ToArray();
        var capped = new ContactsWorkbookParser(MunicipalityRegistry.Default, Microsoft.Extensions.Options.Options.Create(new PoIntake.Core.Intake.Screening.ScreeningOptions { MaxContactRows = 3 }));

        var result = capped.Parse(Workbook(rows: rows), "01");

        Assert.True(result.Unreadable);
        Assert.Empty(result.Contacts);
        Assert.Equal("CONTACTS_ROWS_TOO_MANY", Assert.Single(result.Findings).Code);
        Assert.Equal(4, Parser.Parse(Workbook(rows: rows), "01").Contacts.Count);
    }
}
