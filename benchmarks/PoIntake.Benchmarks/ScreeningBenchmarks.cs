using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;

namespace PoIntake.Benchmarks;

/// <summary>
/// Refusing hostile uploads. Baseline: copying the valid sample's bytes (what buffering the blob costs anyway).
/// Each refusal is checked in setup, so a screener that let a file through fails the run instead of timing a parse.
/// </summary>
[MemoryDiagnoser]
public class ScreeningBenchmarks
{
    private const long OneGigabyte = 1L << 30;

    private readonly WorkbookScreener _screener = new(Options.Create(new ScreeningOptions()));
    private readonly ReportParser _parser = new(TimeProvider.System, MunicipalityRegistry.Default);
    private byte[] _valid = [];
    private byte[] _corrupt = [];
    private byte[] _bomb = [];
    private byte[] _lyingBomb = [];

    [GlobalSetup]
    public void Setup()
    {
        _valid = SampleFiles.Valid().Single(f => f.Path.EndsWith("2021/12/personligt-ombud-skane-nordost.xlsx", StringComparison.Ordinal)).Content;
        _corrupt = HostileFiles.Truncated(_valid);
        _bomb = HostileFiles.ZipBomb(OneGigabyte, lie: false);
        _lyingBomb = HostileFiles.ZipBomb(OneGigabyte, lie: true);
        Expect(_corrupt, FindingCodes.FileCorrupt);
        Expect(_bomb, FindingCodes.FileZipBomb);
        LyingBombFindings = Check(_lyingBomb);
        if (!LyingBombFindings.Any(f => f.Severity == Severity.Error))
        {
            throw new InvalidOperationException("The zip bomb with lying headers was accepted.");
        }

        Console.WriteLine($"// zip bomb: {_bomb.Length:N0} bytes compressed, {OneGigabyte:N0} bytes inflated");
        Console.WriteLine($"// lying zip bomb refused with: {string.Join(", ", LyingBombFindings.Select(f => f.Code))}");
    }

    [Benchmark(Baseline = true, Description = "Copy the sample's bytes (baseline)")]
    public byte[] CopyBytes() => _valid.AsSpan().ToArray();

    [Benchmark(Description = "Screen a valid sample (accept)")]
    public int ScreenValid() => _screener.Screen(_valid).Count;

    [Benchmark(Description = "Refuse a truncated workbook")]
    public int RefuseCorrupt() => _screener.Screen(_corrupt).Count;

    [Benchmark(Description = "Refuse a 1 GB zip bomb (honest headers)")]
    public int RefuseZipBomb() => _screener.Screen(_bomb).Count;

    /// <summary>.NET stops reading a part at its declared size, so the screener sees 50 MB of zeros and passes it on; the whole check must still refuse it.</summary>
    [Benchmark(Description = "Refuse a 1 GB zip bomb (headers claim 50 MB): screen + parse")]
    public int RefuseLyingZipBomb() => Check(_lyingBomb).Count;

    public IReadOnlyList<Finding> LyingBombFindings { get; private set; } = [];

    private IReadOnlyList<Finding> Check(byte[] content) =>
        _parser.Parse(content, new ExpectedOrigin(2021, "12")).Findings;

    private void Expect(byte[] content, string code)
    {
        var findings = _screener.Screen(content);
        if (!findings.Any(f => f.Code == code))
        {
            throw new InvalidOperationException($"Expected {code}, got [{string.Join(", ", findings.Select(f => f.Code))}].");
        }
    }
}
