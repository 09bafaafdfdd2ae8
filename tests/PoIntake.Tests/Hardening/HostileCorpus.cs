using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Tests.Intake;
using PoIntake.Tests.Intake.Screening;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Hardening;

/// <summary>One hostile upload: where it is dropped (relative to reports/), its bytes, and how the intake must end.</summary>
public sealed record HostileCase(string Name, string Folder, Func<byte[]> Content, IntakeOutcome Outcome, string? Code)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every hostile file of docs/hardening.md, built in code from a valid workbook (<see cref="TestWorkbook"/>, 2025/Norrbotten) or
/// from the screener tests' hand-written packages, so no opaque binaries live in the repo.
/// </summary>
internal static class HostileCorpus
{
    private const string Women = "Kvinnor";
    private const string Men = "Män";
    private const string Ok = "2025/25";

    public static IEnumerable<HostileCase> All()
    {
        yield return new("truncated zip", Ok, () => Valid()[..(Valid().Length / 2)], IntakeOutcome.Rejected, FindingCodes.FileCorrupt);
        yield return new("empty file", Ok, () => [], IntakeOutcome.Rejected, FindingCodes.FileEmpty);
        yield return new("zip bomb 1 GiB lying sizes", Ok, () => HostileFiles.ZeroBomb(1L << 30, 1000), IntakeOutcome.Rejected, FindingCodes.FileZipBomb);
        yield return new("entity expansion in sharedStrings", Ok, () => ReplacePart(Valid(), "xl/sharedStrings.xml", BillionLaughs), IntakeOutcome.Rejected, FindingCodes.PackageUnreadable);
        yield return new("entity expansion in a sheet", Ok, () => ReplacePart(Valid(), "xl/worksheets/sheet2.xml", BillionLaughs), IntakeOutcome.Rejected, FindingCodes.PackageUnreadable);
        yield return new("external entity in a sheet", Ok, () => ReplacePart(Valid(), "xl/worksheets/sheet2.xml", ExternalEntity), IntakeOutcome.Rejected, FindingCodes.PackageUnreadable);
        // Rows and columns past the limits are never looked at; a cell out there refuses the file, naming it.
        yield return new("sheet declaring 1 048 576 rows and 16 384 columns", Ok, () => MaximalDimension(withValue: false), IntakeOutcome.Accepted, null);
        yield return new("a value in XFD1048576", Ok, () => MaximalDimension(withValue: true), IntakeOutcome.Rejected, FindingCodes.SheetOutsideArea);
        yield return new("SUM(A1:XFD1048575) without a saved value in a count", Ok, () => Build(w => w.SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=SUM(A1:XFD1048575)"))), IntakeOutcome.Rejected, FindingCodes.FormulaNotEvaluated);
        yield return new("a value in XFD1 and SUM(A1:XFD1) without a saved value", Ok, FarValueAndWideSum, IntakeOutcome.Rejected, FindingCodes.SheetOutsideArea);
        yield return new("small SUM without a saved value in a count (evaluated)", Ok, SmallSum, IntakeOutcome.Accepted, null);
        yield return new("3.8 million empty styled cells <c r=… s=\"0\"/>, 50 a row in 76 000 rows", Ok, () => StyledEmptyCells(rows: 76_000, perRow: 50, withAddress: true), IntakeOutcome.Rejected, FindingCodes.SheetOutsideArea);
        yield return new("4.2 million empty styled cells <c s=\"0\"/> in 2 000 rows", Ok, () => StyledEmptyCells(rows: 2_000, perRow: 2_100, withAddress: false), IntakeOutcome.Rejected, FindingCodes.SheetOutsideArea);
        yield return new("xlsm with a VBA part", Ok, () => AddPart(Valid(), "xl/vbaProject.bin", "not really VBA"), IntakeOutcome.Rejected, FindingCodes.FileMacroEnabled);
        yield return new("encrypted workbook", Ok, () => HostileFiles.CompoundFile("EncryptionInfo", "EncryptedPackage"), IntakeOutcome.Rejected, FindingCodes.FileEncrypted);
        yield return new("legacy xls", Ok, () => HostileFiles.CompoundFile("Workbook"), IntakeOutcome.Rejected, FindingCodes.FileLegacyXls);
        yield return new("csv renamed xlsx", Ok, () => Encoding.UTF8.GetBytes("Redovisningsår;Län\n2025;Norrbotten\n"), IntakeOutcome.Rejected, FindingCodes.FileNotXlsx);
        yield return new("wrong county in path", "2025/01", Valid, IntakeOutcome.Rejected, FindingCodes.CountyMismatch);
        yield return new("wrong year in path", "2024/25", Valid, IntakeOutcome.Rejected, FindingCodes.YearMismatch);
        yield return new("unknown municipality", Ok, () => Build(w => w.Set(Sheets.Operation, WorkbookLabels.Operation.Municipalities, "Kiruna, Atlantis")), IntakeOutcome.Rejected, FindingCodes.MunicipalityUnknown);
        yield return new("municipality of another county", Ok, () => Build(w => w.Set(Sheets.Operation, WorkbookLabels.Operation.Municipalities, "Kiruna, Uppsala")), IntakeOutcome.Rejected, FindingCodes.MunicipalityOtherCounty);
        yield return new("#REF!", Ok, () => Build(w => w.SetCell(Sheets.Clients, Women, "65– år", new ErrorValue("#REF!"))), IntakeOutcome.Rejected, FindingCodes.ExcelErrorValue);
        yield return new("#DIV/0!", Ok, () => Build(w => w.SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=1/0"))), IntakeOutcome.Rejected, FindingCodes.ExcelErrorValue);
        yield return new("circular formula", Ok, Circular, IntakeOutcome.Rejected, FindingCodes.FormulaFailed);
        yield return new("\"tolv\" in a count", Ok, () => Build(w => w.SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Men, "tolv")), IntakeOutcome.Rejected, FindingCodes.ValueNotACount);
        yield return new("negative count", Ok, () => Build(w => w.SetCell(Sheets.Clients, Men, "50–64 år", -3.0)), IntakeOutcome.Rejected, FindingCodes.ValueNotACount);
        yield return new("1E+308 in a count", Ok, () => Build(w => w.SetCell(Sheets.Clients, Men, "50–64 år", 1E+308)), IntakeOutcome.Rejected, FindingCodes.ValueNotACount);
        // Found by WorkbookFuzzTests (seed 7eJzY9vHnJm1): int.MaxValue in a client cell overflowed the table's total.
        yield return new("2 147 483 647 (int.MaxValue) in a count", Ok, () => Build(w => w.SetCell(Sheets.Clients, Men, "50–64 år", 2147483647.0)), IntakeOutcome.Rejected, FindingCodes.ValueNotACount);
        yield return new("100 001 as text in a count", Ok, () => Build(w => w.SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Men, "100 001")), IntakeOutcome.Rejected, FindingCodes.ValueNotACount);
        yield return new("1E+308 as granted SEK", Ok, () => Build(w => w.Set(Sheets.Economy, WorkbookLabels.Economy.Granted, 1E+308)), IntakeOutcome.Rejected, FindingCodes.ValueNotADecimal);
        yield return new("merged label cells", Ok, MergedLabels, IntakeOutcome.Accepted, null);
        yield return new("100 000-character operation name", Ok, () => HugeCell(100_000), IntakeOutcome.Rejected, FindingCodes.TextTooLong);
        yield return new("32 767-character (Excel maximum) deficiency text", Ok, () => Build(w => w.Deficiencies(["Lokal nivå", "Socialtjänst", new string('y', 32_767), null, null])), IntakeOutcome.Rejected, FindingCodes.TextTooLong);
        yield return new("control and bidi-override characters in the name", Ok, () => Build(w => w.Set(Sheets.Operation, WorkbookLabels.Operation.Name, "PO \u202Eanrön\u202C\u0007 Nord")), IntakeOutcome.Accepted, null);
        yield return new("twin sheets \"Ombud\" and \" ombud \"", Ok, TwinSheets, IntakeOutcome.Rejected, FindingCodes.SheetDuplicate);
        yield return new("HTML and script in text fields", Ok, () => Build(w => w.Set(Sheets.Operation, WorkbookLabels.Operation.Name, "<script>alert('x')</script><b>PO</b>")), IntakeOutcome.Accepted, null);
    }

    public static byte[] Valid() => TestWorkbook.Valid().Build();

    private static byte[] Build(Action<TestWorkbook> change)
    {
        var workbook = TestWorkbook.Valid();
        change(workbook);
        return workbook.Build();
    }

    private static byte[] Circular()
    {
        var workbook = TestWorkbook.Valid();
        var address = workbook.AddressOf(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women);
        workbook.SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula($"={address}+1"));
        return workbook.Build();
    }

    private const string BillionLaughs = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lollollollollollollollollollol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <!DOCTYPE worksheet [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
        """;

    /// <summary>A stray value in XFD1048576 and a dimension covering the whole grid: the parser must not walk every cell.</summary>
    private static byte[] MaximalDimension(bool withValue)
    {
        var bytes = Valid();
        var sheet = ReadPart(bytes, "xl/worksheets/sheet2.xml");
        var dimension = System.Text.RegularExpressions.Regex.Replace(sheet, "<x:dimension ref=\"[^\"]*\"", "<x:dimension ref=\"A1:XFD1048576\"");
        Assert.NotEqual(sheet, dimension);
        sheet = dimension;
        if (withValue)
        {
            // ClosedXML writes the main namespace with the prefix x:, so the stray cell does too.
            var stray = sheet.Replace("</x:sheetData>", "<x:row r=\"1048576\" spans=\"16384:16384\"><x:c r=\"XFD1048576\" t=\"inlineStr\"><x:is><x:t>x</x:t></x:is></x:c></x:row></x:sheetData>", StringComparison.Ordinal);
            Assert.NotEqual(sheet, stray);
            sheet = stray;
        }

        return ReplacePart(bytes, "xl/worksheets/sheet2.xml", sheet);
    }

    /// <summary>A value far out in column XFD and a sum reaching it, neither with a saved value.</summary>
    private static byte[] FarValueAndWideSum()
    {
        var workbook = TestWorkbook.Valid().Raw(Sheets.Ombud, "XFD1", 1.0);
        workbook.SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=SUM(A1:XFD1)"));
        return workbook.Build();
    }

    /// <summary>Z1:Z3 = 2, 3, 4 and the count = SUM(Z1:Z3) without a saved value: small, so it is evaluated (9).</summary>
    public static byte[] SmallSum()
    {
        var workbook = TestWorkbook.Valid().Raw(Sheets.Ombud, "Z1", 2.0).Raw(Sheets.Ombud, "Z2", 3.0).Raw(Sheets.Ombud, "Z3", 4.0);
        workbook.SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=SUM(Z1:Z3)"));
        return workbook.Build();
    }

    /// <summary>
    /// A valid workbook whose Ombud sheet gets <paramref name="rows"/> more rows of empty styled cells below its content
    /// (before the bounded reader: 3.8 million such cells passed the old limits and took 13.5 s and 3.3 GB).
    /// </summary>
    public static byte[] StyledEmptyCells(int rows, int perRow, bool withAddress)
    {
        var bytes = Valid();
        var sheet = ReadPart(bytes, "xl/worksheets/sheet2.xml");
        var xml = new StringBuilder(rows * perRow * 20);
        for (var row = 1_000; row < 1_000 + rows; row++)
        {
            xml.Append("<x:row r=\"").Append(row).Append("\">");
            for (var column = 1; column <= perRow; column++)
            {
                xml.Append(withAddress ? $"<x:c r=\"{Core.Intake.Parsing.A1.Address(row, column)}\" s=\"0\"/>" : "<x:c s=\"0\"/>");
            }

            xml.Append("</x:row>");
        }

        return ReplacePart(bytes, "xl/worksheets/sheet2.xml", sheet.Replace("</x:sheetData>", xml + "</x:sheetData>", StringComparison.Ordinal));
    }

    private static byte[] MergedLabels()
    {
        using var workbook = new XLWorkbook(new MemoryStream(Valid()));
        foreach (var worksheet in workbook.Worksheets)
        {
            // A label merged with the empty cell above it, as a hand-formatted template would have.
            var label = worksheet.CellsUsed().FirstOrDefault(c => c.GetString() is WorkbookLabels.Operation.Name or WorkbookLabels.Ombud.Count or WorkbookLabels.Economy.Granted);
            if (label is not null && label.Address.RowNumber > 1 && worksheet.Cell(label.Address.RowNumber - 1, label.Address.ColumnNumber).IsEmpty())
            {
                worksheet.Range(label, label.CellAbove()).Merge();
            }
        }

        return Save(workbook);
    }

    /// <summary>A second sheet " ombud " next to "Ombud": both match the contract name, so the report is ambiguous.</summary>
    public static byte[] TwinSheets()
    {
        using var workbook = new XLWorkbook(new MemoryStream(Valid()));
        workbook.Worksheet(Sheets.Ombud).CopyTo(" ombud ");
        return Save(workbook);
    }

    /// <summary>Past Excel's 32 767-character cell limit, so written into the shared strings by hand.</summary>
    private static byte[] HugeCell(int length)
    {
        const string marker = "PO Norrbotten Nord";
        var bytes = Valid();
        var strings = ReadPart(bytes, "xl/sharedStrings.xml");
        Assert.Contains(marker, strings, StringComparison.Ordinal);
        return ReplacePart(bytes, "xl/sharedStrings.xml", strings.Replace(marker, new string('x', length), StringComparison.Ordinal));
    }

    private static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    internal static string ReadPart(byte[] package, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    internal static byte[] ReplacePart(byte[] package, string name, string content)
    {
        var buffer = new MemoryStream();
        buffer.Write(package);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(name)?.Delete();
            using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(content);
        }

        return buffer.ToArray();
    }

    private static byte[] AddPart(byte[] package, string name, string content) => ReplacePart(package, name, content);
}
