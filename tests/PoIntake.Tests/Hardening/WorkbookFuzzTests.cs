using System.Globalization;
using System.Xml;
using ClosedXML.Excel;
using CsCheck;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Tests.Intake;

namespace PoIntake.Tests.Hardening;

/// <summary>
/// Random mutations of a valid workbook, by cell value and by raw byte: the screener and parser never throw, and every
/// file ends as a report or with an error finding. CI runs a few iterations; <c>POINTAKE_FUZZ_SECONDS=600</c> runs each
/// property for that many seconds instead (docs/hardening.md).
/// </summary>
public sealed class WorkbookFuzzTests
{
    private static readonly byte[] Valid = HostileCorpus.Valid();
    private static readonly WorkbookScreener Screener = new(Options.Create(new ScreeningOptions()));
    private static readonly (string Sheet, string Address)[] Cells = UsedCells();

    private static readonly Gen<object> CellValue = Gen.OneOf(
        Gen.String.Select(s => (object)XmlSafe(s)),
        Gen.String[Gen.Char[(char)0x80, (char)0xFFFD], 0, 40].Select(s => (object)XmlSafe(s)),
        Gen.Double.Where(double.IsFinite).Select(d => (object)d),
        Gen.Int.Select(i => (object)i),
        Gen.OneOf<object>(
            "#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "1E+308", "-1E+308", "1e309", "-0", "12\u00A0345", "1,5",
            "0,000001", "٣", "１２", "\u202E12", "ja", "NEJ", "", " ", "Kvinnor", "Män", "2025", "99999999999999999999",
            1e308, -1e308, double.Epsilon, 4.9e-324, long.MaxValue, -1, 0.5, true, false));

    private static readonly Gen<(int Cell, object Value)[]> CellMutations = Gen.Select(Gen.Int[0, Cells.Length - 1], CellValue).Array[1, 4];

    private static readonly Gen<(int Position, byte Value)[]> ByteMutations = Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Byte).Array[1, 8];

    [Fact]
    public void ScreenAndParse_RandomCellValues_NeverThrowAndEndInReportOrError()
    {
        CellMutations.Sample(
            mutations => AssertHandled(WithCells(mutations)),
            iter: 25,
            time: FuzzSeconds(),
            threads: 1,
            print: m => string.Join("; ", m.Select(x => $"{Cells[x.Cell].Sheet}!{Cells[x.Cell].Address}={Show(x.Value)}")));
    }

    [Fact]
    public void ScreenAndParse_RandomBytes_NeverThrowAndEndInReportOrError()
    {
        ByteMutations.Sample(
            mutations =>
            {
                var bytes = (byte[])Valid.Clone();
                foreach (var (position, value) in mutations)
                {
                    bytes[position] = value;
                }

                AssertHandled(bytes);
            },
            iter: 200,
            time: FuzzSeconds(),
            threads: 1,
            print: m => string.Join(", ", m.Select(x => $"{x.Position}:{x.Value:X2}")));
    }

    [Fact]
    public void ScreenAndParse_RandomXmlEdits_NeverThrowAndEndInReportOrError()
    {
        // The byte fuzzer mostly hits deflate data; this one edits the parts' XML (cell types, value texts, references,
        // style and shared-string indexes, removed and duplicated elements) and zips them again, so the package stays
        // readable and the damage reaches the OpenXML reader, ClosedXML and the parser.
        XmlMutations.Sample(
            mutations => AssertHandled(WithXmlEdits(mutations)),
            iter: 150,
            time: FuzzSeconds(),
            threads: 1,
            print: m => string.Join("; ", m.Select(x => $"{Parts[x.Part % Parts.Length]} #{x.Element} {x.Kind}={x.Text}")));
    }

    private static readonly string[] Parts = XmlPartNames();

    private static readonly Gen<(int Part, int Element, XmlEdit Kind, string Text)[]> XmlMutations = Gen.Select(
        Gen.Int[0, 1000],
        Gen.Int[0, 100_000],
        Gen.Enum<XmlEdit>(),
        Gen.OneOf(
            Gen.OneOf<string>("s", "b", "e", "str", "inlineStr", "n", "d", "x", "", "-1", "0", "1", "99999", "2147483648", "1e400",
                "NaN", "abc", "A0", "ZZZZ1", "XFE1048577", "1A", "A1048577", "$B$2", "Klienter!A1", "#REF!", "rId999", "Ombud"),
            Gen.String[0, 12].Select(XmlSafe)))
        .Array[1, 3];

    internal enum XmlEdit { CellType, ValueText, Reference, StyleIndex, RemoveElement, DuplicateElement, AnyAttribute }

    private static byte[] WithXmlEdits((int Part, int Element, XmlEdit Kind, string Text)[] mutations)
    {
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(Valid), System.IO.Compression.ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var input = entry.Open();
                using var copy = new MemoryStream();
                input.CopyTo(copy);
                parts[entry.FullName] = copy.ToArray();
            }
        }

        foreach (var (part, element, kind, text) in mutations)
        {
            var name = Parts[part % Parts.Length];
            var document = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(parts[name]));
            var elements = document.Descendants().Where(e => e.Parent is not null).ToList();
            if (elements.Count > 0)
            {
                Edit(elements[element % elements.Count], kind, text);
                parts[name] = System.Text.Encoding.UTF8.GetBytes(document.ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
            }
        }

        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in parts)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return output.ToArray();
    }

    private static void Edit(System.Xml.Linq.XElement element, XmlEdit kind, string text)
    {
        var cell = element.Name.LocalName == "c" ? element : element.AncestorsAndSelf().FirstOrDefault(e => e.Name.LocalName == "c");
        switch (kind)
        {
            case XmlEdit.CellType when cell is not null:
                cell.SetAttributeValue("t", text);
                break;
            case XmlEdit.ValueText:
                var value = element.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName is "v" or "t" or "f");
                if (value is not null)
                {
                    value.Value = text;
                }

                break;
            case XmlEdit.Reference when cell is not null:
                cell.SetAttributeValue("r", text);
                break;
            case XmlEdit.StyleIndex when cell is not null:
                cell.SetAttributeValue("s", text);
                break;
            case XmlEdit.RemoveElement:
                element.Remove();
                break;
            case XmlEdit.DuplicateElement:
                element.AddAfterSelf(new System.Xml.Linq.XElement(element));
                break;
            case XmlEdit.AnyAttribute when element.Attributes().FirstOrDefault(a => !a.IsNamespaceDeclaration) is { } attribute:
                attribute.Value = text;
                break;
        }
    }

    private static string[] XmlPartNames()
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(Valid), System.IO.Compression.ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName)
            .Where(n => n.EndsWith(".xml", StringComparison.Ordinal) && (n.Contains("worksheets/", StringComparison.Ordinal) || n.EndsWith("sharedStrings.xml", StringComparison.Ordinal) || n.EndsWith("workbook.xml", StringComparison.Ordinal) || n.EndsWith("styles.xml", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private static void AssertHandled(byte[] content)
    {
        var screened = Screener.Screen(content);
        if (screened.Any(f => f.Severity == Severity.Error))
        {
            return;
        }

        var result = ParserTestKit.Parser().Parse(content, TestWorkbook.Origin);
        Assert.All(result.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        if (result.Report is null)
        {
            Assert.Contains(result.Findings, f => f.Severity == Severity.Error);
        }
    }

    private static byte[] WithCells((int Cell, object Value)[] mutations)
    {
        using var workbook = new XLWorkbook(new MemoryStream(Valid));
        foreach (var (cell, value) in mutations)
        {
            workbook.Worksheet(Cells[cell].Sheet).Cell(Cells[cell].Address).Value = value;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static (string, string)[] UsedCells()
    {
        using var workbook = new XLWorkbook(new MemoryStream(Valid));
        return workbook.Worksheets
            .SelectMany(w => w.CellsUsed().Select(c => (w.Name, c.Address.ToStringRelative())))
            .ToArray();
    }

    private static int FuzzSeconds() =>
        int.TryParse(Environment.GetEnvironmentVariable("POINTAKE_FUZZ_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : -1;

    // ClosedXML cannot save characters XML forbids (lone surrogates, most C0 controls); that is not the file under test.
    private static string XmlSafe(string text) => new(text.Where(XmlConvert.IsXmlChar).ToArray());

    private static string Show(object value) => value is string s && s.Length > 40 ? $"\"{s[..40]}…\"({s.Length})" : $"{value}";
}
