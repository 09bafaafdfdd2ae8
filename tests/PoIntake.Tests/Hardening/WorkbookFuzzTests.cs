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
