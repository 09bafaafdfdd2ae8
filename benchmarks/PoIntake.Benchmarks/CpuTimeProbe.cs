using System.Diagnostics;
using System.Globalization;

namespace PoIntake.Benchmarks;

/// <summary>
/// `-- cputime`: process CPU time per operation, after a long warm-up (tier-1 JIT). On a shared, oversubscribed
/// machine wall-clock times mostly measure waiting for a core; CPU time is what the operation itself costs.
/// </summary>
internal static class CpuTimeProbe
{
    public static void Run(TextWriter output)
    {
        var reports = new ReportBenchmarks();
        reports.Setup();
        var screening = new ScreeningBenchmarks();
        screening.Setup();
        var floor = new ParserFloorBenchmarks();
        floor.Setup();

        (string Name, Func<object?> Operation, int Count)[] probes =
        [
            ("Open one sample with ClosedXML (baseline)", () => reports.OpenWithClosedXml(), 60),
            ("Open a one-cell workbook with ClosedXML", () => reports.OpenMinimalWorkbook(), 60),
            ("Screen + parse + validate one report", () => reports.ParseOneReport(), 60),
            ("Screen + parse + validate all valid samples", () => reports.ParseAllSamples(), 3),
            ("Raw SAX read of one sample (floor of any parser)", () => floor.SaxReadOne(), 60),
            ("Raw SAX read of the largest valid sample", () => floor.SaxReadLargest(), 60),
            ("Screen + parse + validate the largest valid sample", () => floor.ParseLargest(), 60),
            ("Refuse a truncated workbook", () => screening.RefuseCorrupt(), 60),
            ("Refuse a 1 GB zip bomb (honest headers)", () => screening.RefuseZipBomb(), 60),
            ("Refuse a 1 GB zip bomb (headers claim 50 MB): screen + parse", () => screening.RefuseLyingZipBomb(), 20),
        ];

        output.WriteLine($"Lying zip bomb refused with: {string.Join(", ", screening.LyingBombFindings.Select(f => f.Code))}");
        output.WriteLine("| Operation | CPU time per op | Wall-clock median | Managed allocations per op |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, operation, count) in probes)
        {
            for (var i = 0; i < count; i++)
            {
                operation();
            }

            var process = Process.GetCurrentProcess();
            var walls = new List<double>(count);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            for (var i = 0; i < count; i++)
            {
                var watch = Stopwatch.StartNew();
                operation();
                walls.Add(watch.Elapsed.TotalMilliseconds);
            }

            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / count / 1024.0;
            walls.Sort();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {cpu:F2} ms | {walls[walls.Count / 2]:F2} ms | {allocated:F0} KB |"));
        }
    }
}
