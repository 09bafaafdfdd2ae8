using BenchmarkDotNet.Attributes;
using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Benchmarks;

/// <summary>
/// Screening, parsing and validating committed sample reports (one bounded read). Baseline: merely
/// opening the same workbook with ClosedXML, the floor the ClosedXML-based parser before it paid.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private readonly ReportParser _parser = new(TimeProvider.System, MunicipalityRegistry.Default);
    private (byte[] Content, ExpectedOrigin Origin)[] _all = [];
    private (byte[] Content, ExpectedOrigin Origin) _one;
    private byte[] _minimal = [];

    [GlobalSetup]
    public void Setup()
    {
        _all = [.. SampleFiles.Valid().Select(f => (f.Content, SampleFiles.Origin(f.Path)))];
        _one = _all.Single(s => s.Origin is { Year: 2021, CountyCode: "12" });
        using (var minimal = new XLWorkbook())
        {
            minimal.AddWorksheet("Blad1").Cell(1, 1).Value = 1;
            using var stream = new MemoryStream();
            minimal.SaveAs(stream);
            _minimal = stream.ToArray();
        }

        foreach (var (content, origin) in _all)
        {
            if (_parser.Parse(content, origin).Report is null)
            {
                throw new InvalidOperationException("A valid sample does not pass; the benchmark would measure a rejection.");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Open one sample with ClosedXML (baseline)")]
    public int OpenWithClosedXml()
    {
        using var workbook = new XLWorkbook(new MemoryStream(_one.Content));
        return workbook.Worksheets.Count;
    }

    /// <summary>ClosedXML's fixed cost, to tell it apart from what the template's size adds.</summary>
    [Benchmark(Description = "Open a one-cell workbook with ClosedXML")]
    public int OpenMinimalWorkbook()
    {
        using var workbook = new XLWorkbook(new MemoryStream(_minimal));
        return workbook.Worksheets.Count;
    }

    /// <summary>The parser's one bounded read applies the screening rules, so this is screen + parse + validate.</summary>
    [Benchmark(Description = "Screen + parse + validate one report")]
    public AnnualReport? ParseOneReport() => _parser.Parse(_one.Content, _one.Origin).Report;

    [Benchmark(Description = "Screen + parse + validate all valid samples")]
    public int ParseAllSamples()
    {
        var accepted = 0;
        foreach (var (content, origin) in _all)
        {
            if (_parser.Parse(content, origin).Report is not null)
            {
                accepted++;
            }
        }

        return accepted;
    }
}
