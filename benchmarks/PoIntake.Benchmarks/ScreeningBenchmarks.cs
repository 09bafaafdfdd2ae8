using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;

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
        Expect(_corrupt, ScreeningFindings.Corrupt);
        Expect(_bomb, ScreeningFindings.ZipBomb);
        Expect(_lyingBomb, ScreeningFindings.ZipBomb);
        Console.WriteLine($"// zip bomb: {_bomb.Length:N0} bytes compressed, {OneGigabyte:N0} bytes inflated");
    }

    [Benchmark(Baseline = true, Description = "Copy the sample's bytes (baseline)")]
    public byte[] CopyBytes() => _valid.AsSpan().ToArray();

    [Benchmark(Description = "Screen a valid sample (accept)")]
    public int ScreenValid() => _screener.Screen(_valid).Count;

    [Benchmark(Description = "Refuse a truncated workbook")]
    public int RefuseCorrupt() => _screener.Screen(_corrupt).Count;

    [Benchmark(Description = "Refuse a 1 GB zip bomb (honest headers)")]
    public int RefuseZipBomb() => _screener.Screen(_bomb).Count;

    [Benchmark(Description = "Refuse a 1 GB zip bomb (headers claim 50 MB)")]
    public int RefuseLyingZipBomb() => _screener.Screen(_lyingBomb).Count;

    private void Expect(byte[] content, string code)
    {
        var findings = _screener.Screen(content);
        if (!findings.Any(f => f.Code == code))
        {
            throw new InvalidOperationException($"Expected {code}, got [{string.Join(", ", findings.Select(f => f.Code))}].");
        }
    }
}
