using BenchmarkDotNet.Attributes;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;

namespace PoIntake.Benchmarks;

/// <summary>
/// The intake's ClosedXML-based screen + parse + validate against the floor of any parser: a raw SAX read
/// (<see cref="SaxWorkbookReader"/>) of the same workbook. Setup checks that the SAX read sees exactly the cells
/// ClosedXML sees, so the baseline does the same reading, not less.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ParserFloorBenchmarks
{
    private readonly WorkbookScreener _screener = new(Options.Create(new ScreeningOptions()));
    private readonly ReportParser _parser = new(TimeProvider.System, MunicipalityRegistry.Default);
    private byte[] _one = [];
    private byte[] _largest = [];
    private ExpectedOrigin _oneOrigin = new(2021, "12");
    private ExpectedOrigin _largestOrigin = new(2021, "01");

    [GlobalSetup]
    public void Setup()
    {
        var valid = SampleFiles.Valid();
        var one = valid.Single(f => f.Path.EndsWith("2021/12/personligt-ombud-skane-nordost.xlsx", StringComparison.Ordinal));
        _one = one.Content;
        _oneOrigin = SampleFiles.Origin(one.Path);
        var largest = valid.MaxBy(f => f.Content.Length);
        _largest = largest.Content;
        _largestOrigin = SampleFiles.Origin(largest.Path);

        foreach (var (content, origin) in new[] { (_one, _oneOrigin), (_largest, _largestOrigin) })
        {
            if (_screener.Screen(content).Count > 0 || _parser.Parse(content, origin).Report is null)
            {
                throw new InvalidOperationException("The sample does not pass; the benchmark would measure a rejection.");
            }

            CheckBaselineIsHonest(content);
        }

        Console.WriteLine($"// largest valid sample: {largest.Path} ({_largest.Length:N0} bytes)");
    }

    [Benchmark(Baseline = true, Description = "Raw SAX read of one sample, every cell as a string (baseline)")]
    public SaxReadResult SaxReadOne() => SaxWorkbookReader.Read(_one);

    [Benchmark(Description = "Screen + parse + validate one report (ClosedXML)")]
    public AnnualReport? ParseOne() =>
        _screener.Screen(_one).Count == 0 ? _parser.Parse(_one, _oneOrigin).Report : null;

    [Benchmark(Description = "Raw SAX read of the largest valid sample")]
    public SaxReadResult SaxReadLargest() => SaxWorkbookReader.Read(_largest);

    [Benchmark(Description = "Screen + parse + validate the largest valid sample (ClosedXML)")]
    public AnnualReport? ParseLargest() =>
        _screener.Screen(_largest).Count == 0 ? _parser.Parse(_largest, _largestOrigin).Report : null;

    /// <summary>
    /// The SAX read must see every cell ClosedXML loads (including styled empty ones) and every value, and must
    /// resolve the whole shared-string table; otherwise the baseline would be cheaper for the wrong reason.
    /// </summary>
    private static void CheckBaselineIsHonest(byte[] content)
    {
        var sax = SaxWorkbookReader.Read(content);
        int closedXmlCells;
        int closedXmlValues;
        using (var workbook = new XLWorkbook(new MemoryStream(content)))
        {
            closedXmlCells = workbook.Worksheets.Sum(w => w.CellsUsed(XLCellsUsedOptions.All).Count());
            closedXmlValues = workbook.Worksheets.Sum(w => w.CellsUsed(XLCellsUsedOptions.Contents).Count());
        }

        int sharedStrings;
        using (var document = SpreadsheetDocument.Open(new MemoryStream(content), isEditable: false))
        {
            sharedStrings = document.WorkbookPart?.SharedStringTablePart?.SharedStringTable.Count() ?? 0;
        }

        var seen = $"SAX: {sax.Cells} cells, {sax.CellsWithValue} values + {sax.FormulasWithoutValue} formulas without a value, {sax.ValueChars:N0} chars, {sax.SharedStrings} shared strings; "
            + $"ClosedXML: {closedXmlCells} cells, {closedXmlValues} with contents; {sharedStrings} shared strings in the table";
        Console.WriteLine("// " + seen);
        if (sax.Cells == 0 || sax.CellsWithValue == 0 || sax.Cells != closedXmlCells
            || sax.CellsWithValue + sax.FormulasWithoutValue != closedXmlValues || sax.SharedStrings != sharedStrings)
        {
            throw new InvalidOperationException("The SAX baseline does not read what ClosedXML reads: " + seen);
        }
    }
}
