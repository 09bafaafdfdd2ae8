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
/// Every hostile file of issue 6, built in code from a valid workbook (<see cref="TestWorkbook"/>, 2025/Norrbotten) or
/// from the screener tests' hand-written packages, so no opaque binaries live in the repo.
/// </summary>
internal static class HostileCorpus
{
    private const string Women = "Kvinnor";
    private const string Men = "Män";
    private const string Ok = "2025/25";

    public static IEnumerable<HostileCase> All()
    {
        yield return new("truncated zip", Ok, () => Valid()[..(Valid().Length / 2)], IntakeOutcome.Rejected, ScreeningFindings.Corrupt);
        yield return new("empty file", Ok, () => [], IntakeOutcome.Rejected, ScreeningFindings.Empty);
        yield return new("zip bomb 1 GiB lying sizes", Ok, () => HostileFiles.ZeroBomb(1L << 30, 1000), IntakeOutcome.Rejected, ScreeningFindings.ZipBomb);
        yield return new("entity expansion in sharedStrings", Ok, () => ReplacePart(Valid(), "xl/sharedStrings.xml", BillionLaughs), IntakeOutcome.Rejected, FindingCodes.PackageUnreadable);
        yield return new("entity expansion in a sheet", Ok, () => ReplacePart(Valid(), "xl/worksheets/sheet2.xml", BillionLaughs), IntakeOutcome.Rejected, FindingCodes.PackageUnreadable);
        yield return new("external entity in a sheet", Ok, () => ReplacePart(Valid(), "xl/worksheets/sheet2.xml", ExternalEntity), IntakeOutcome.Rejected, FindingCodes.PackageUnreadable);
        yield return new("sheet declaring 1 048 576 rows and 16 384 columns", Ok, MaximalDimension, IntakeOutcome.Accepted, null);
        yield return new("xlsm with a VBA part", Ok, () => AddPart(Valid(), "xl/vbaProject.bin", "not really VBA"), IntakeOutcome.Rejected, ScreeningFindings.MacroEnabled);
        yield return new("encrypted workbook", Ok, () => HostileFiles.CompoundFile("EncryptionInfo", "EncryptedPackage"), IntakeOutcome.Rejected, ScreeningFindings.Encrypted);
        yield return new("legacy xls", Ok, () => HostileFiles.CompoundFile("Workbook"), IntakeOutcome.Rejected, ScreeningFindings.LegacyXls);
        yield return new("csv renamed xlsx", Ok, () => Encoding.UTF8.GetBytes("Redovisningsår;Län\n2025;Norrbotten\n"), IntakeOutcome.Rejected, ScreeningFindings.NotXlsx);
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
    private static byte[] MaximalDimension()
    {
        var bytes = Valid();
        var sheet = ReadPart(bytes, "xl/worksheets/sheet2.xml");
        sheet = System.Text.RegularExpressions.Regex.Replace(sheet, "<dimension ref=\"[^\"]*\"", "<dimension ref=\"A1:XFD1048576\"");
        sheet = sheet.Replace("</sheetData>", "<row r=\"1048576\" spans=\"16384:16384\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>", StringComparison.Ordinal);
        return ReplacePart(bytes, "xl/worksheets/sheet2.xml", sheet);
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

    private static string ReadPart(byte[] package, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] ReplacePart(byte[] package, string name, string content)
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
