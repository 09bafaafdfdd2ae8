using BenchmarkDotNet.Attributes;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using ExcelDataReader;
using MiniExcelLibs;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Benchmarks;

/// <summary>
/// The intake's screen + parse + validate (one bounded streaming read) against the floor of any parser: a raw
/// SAX read (<see cref="SaxWorkbookReader"/>) of the same workbook; and, on the same sample, two libraries that read
/// every cell (ExcelDataReader, MiniExcel; benchmark project only). Setup checks that the SAX read sees exactly the
/// cells ClosedXML sees, and that both libraries see every value, so no row does less reading than it claims.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ParserFloorBenchmarks
{
    private readonly ReportParser _parser = new(TimeProvider.System, MunicipalityRegistry.Default);
    private byte[] _one = [];
    private byte[] _largest = [];
    private ExpectedOrigin _oneOrigin = new(2021, "12");
    private ExpectedOrigin _largestOrigin = new(2021, "01");

    [GlobalSetup]
    public void Setup()
    {
        // ExcelDataReader asks for code page 1252 even for .xlsx; .NET has it, but only once registered.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var valid = SampleFiles.Valid();
        var one = valid.Single(f => f.Path.EndsWith("2021/12/personligt-ombud-skane-nordost.xlsx", StringComparison.Ordinal));
        _one = one.Content;
        _oneOrigin = SampleFiles.Origin(one.Path);
        var largest = valid.MaxBy(f => f.Content.Length);
        _largest = largest.Content;
        _largestOrigin = SampleFiles.Origin(largest.Path);

        foreach (var (content, origin) in new[] { (_one, _oneOrigin), (_largest, _largestOrigin) })
        {
            if (_parser.Parse(content, origin).Report is null)
            {
                throw new InvalidOperationException("The sample does not pass; the benchmark would measure a rejection.");
            }

            CheckBaselineIsHonest(content);
            CheckLibrariesReadEveryValue(content);
        }

        Console.WriteLine($"// largest valid sample: {largest.Path} ({_largest.Length:N0} bytes)");
    }

    [Benchmark(Baseline = true, Description = "Raw SAX read of one sample, every cell as a string (baseline)")]
    public SaxReadResult SaxReadOne() => SaxWorkbookReader.Read(_one);

    [Benchmark(Description = "Screen + parse + validate one report (one bounded read)")]
    public AnnualReport? ParseOne() => _parser.Parse(_one, _oneOrigin).Report;

    [Benchmark(Description = "ExcelDataReader 3.6.0: every cell of one sample")]
    public int ExcelDataReaderOne() => ExcelDataReaderCells(_one);

    [Benchmark(Description = "MiniExcel 1.46.0: every cell of one sample")]
    public int MiniExcelOne() => MiniExcelCells(_one);

    [Benchmark(Description = "Raw SAX read of the largest valid sample")]
    public SaxReadResult SaxReadLargest() => SaxWorkbookReader.Read(_largest);

    [Benchmark(Description = "Screen + parse + validate the largest valid sample (one bounded read)")]
    public AnnualReport? ParseLargest() => _parser.Parse(_largest, _largestOrigin).Report;

    /// <summary>Every cell of every sheet through ExcelDataReader's data reader, each value materialised.</summary>
    internal static int ExcelDataReaderCells(byte[] content)
    {
        var values = 0;
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(content, writable: false));
        do
        {
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values += reader.GetValue(i) is null ? 0 : 1;
                }
            }
        }
        while (reader.NextResult());

        return values;
    }

    /// <summary>Every cell of every sheet through MiniExcel's dynamic rows, each value materialised.</summary>
    internal static int MiniExcelCells(byte[] content)
    {
        var values = 0;
        using var stream = new MemoryStream(content, writable: false);
        foreach (var sheet in MiniExcel.GetSheetNames(stream))
        {
            foreach (IDictionary<string, object?> row in stream.Query(sheetName: sheet))
            {
                foreach (var value in row.Values)
                {
                    values += value is null ? 0 : 1;
                }
            }
        }

        return values;
    }

    /// <summary>Both libraries must see every value the SAX read sees (they read saved values, so formulas without one are not counted).</summary>
    private static void CheckLibrariesReadEveryValue(byte[] content)
    {
        var sax = SaxWorkbookReader.Read(content);
        var (excelDataReader, miniExcel) = (ExcelDataReaderCells(content), MiniExcelCells(content));
        Console.WriteLine($"// values: SAX {sax.CellsWithValue}, ExcelDataReader {excelDataReader}, MiniExcel {miniExcel}");
        if (excelDataReader < sax.CellsWithValue || miniExcel < sax.CellsWithValue)
        {
            throw new InvalidOperationException("A library read fewer values than the workbook holds.");
        }
    }

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
