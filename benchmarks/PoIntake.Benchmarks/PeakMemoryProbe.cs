using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;

namespace PoIntake.Benchmarks;

/// <summary>
/// `-- peakmemory`: peak memory while ingesting one file, each scenario in fresh child processes of this program
/// (a process keeps the heap it once grew, so scenarios must not share one). A child reads the file, then measures
/// the first operation (cold: JIT and assembly loading included, as for the first report of a new instance) and,
/// after five more, one warm operation. Before each measured operation it collects garbage and resets the kernel's
/// resident-set high-water mark (<c>/proc/self/clear_refs</c>), so <c>VmHWM</c> afterwards is the peak of that
/// operation alone; a thread samples the managed heap in use (<see cref="GC.GetTotalMemory"/>) every millisecond.
/// Linux only.
/// </summary>
internal static class PeakMemoryProbe
{
    private const int Runs = 3;

    private static readonly (string Name, string Kind, string File)[] Scenarios =
    [
        ("Read the bytes (baseline)", "bytes", "one"),
        ("Raw SAX read of one sample", "sax", "one"),
        ("Screen + parse + validate one report", "intake", "one"),
        ("Screen + parse + validate the largest valid sample", "intake", "largest"),
        ("Screen + parse + validate all 41 valid samples, one after another", "intake-all", "valid"),
        ("Refuse a 1 GB zip bomb (honest headers)", "intake", "bomb"),
        ("Refuse a 1 GB zip bomb (headers claim 50 MB): screen + parse", "intake", "lying-bomb"),
    ];

    public static int Run(TextWriter output)
    {
        var work = Directory.CreateTempSubdirectory("pointake-peakmemory-");
        try
        {
            var files = WriteInputs(work.FullName);
            output.WriteLine($"// inputs: {string.Join(", ", files.Select(f => $"{f.Key} = {f.Value.Description}"))}");
            output.WriteLine($"// {Runs} child processes per scenario; medians. GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {System.Runtime.GCSettings.LatencyMode}");
            output.WriteLine("| Scenario | Accepted | Peak RSS, first op | Ratio | RSS added by the first op | Peak RSS, warm op | Ratio | RSS added by the warm op | Peak managed heap, warm (sampled) | Allocated per op |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            Measurement? baseline = null;
            foreach (var (name, kind, file) in Scenarios)
            {
                var runs = Enumerable.Range(0, Runs).Select(_ => RunChild(kind, files[file].Path, files[file].Origin)).ToList();
                var median = Measurement.Median(runs);
                baseline ??= median;
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {name} | {(kind is "bytes" or "sax" ? "—" : median.Result)} | {Mb(median.PeakRssCold)} | {(double)median.PeakRssCold / baseline.PeakRssCold:F2} | {Mb(Math.Max(0, median.PeakRssCold - median.RssBeforeCold))} | {Mb(median.PeakRssWarm)} | {(double)median.PeakRssWarm / baseline.PeakRssWarm:F2} | {Mb(Math.Max(0, median.PeakRssWarm - median.RssBeforeWarm))} | {Mb(median.PeakManagedWarm)} | {Mb(median.AllocatedWarm)} |"));
            }

            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The child's side: `peakmemory-child {kind} {path} {origin}` (origin: a sample path valid/{year}/{county}/…, whose
    /// year and county the parser expects); prints one measurement line.
    /// </summary>
    public static int RunChild(string kind, string path, string origin, TextWriter output)
    {
        var parser = new ReportParser(TimeProvider.System, MunicipalityRegistry.Default);
        var inputs = kind == "intake-all"
            ? Directory.EnumerateFiles(path, "*.xlsx", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(p => (File.ReadAllBytes(p), SampleFiles.Origin(Path.GetRelativePath(Path.GetDirectoryName(path)!, p).Replace('\\', '/'))))
                .ToList()
            : [(File.ReadAllBytes(path), SampleFiles.Origin(origin))];

        Func<long> operation = kind switch
        {
            "bytes" => () => inputs.Sum(i => (long)i.Item1.AsSpan().ToArray().Length),
            "sax" => () => SaxWorkbookReader.Read(inputs[0].Item1).Cells,
            "intake" or "intake-all" => () => inputs.Count(i => parser.Parse(i.Item1, i.Item2).Report is not null),
            _ => throw new ArgumentException($"Unknown kind {kind}."),
        };

        var (peakRssCold, rssBeforeCold, _, _, resultCold) = Measure(operation);
        for (var i = 0; i < 5; i++)
        {
            operation();
        }

        var (peakRssWarm, rssBeforeWarm, peakManagedWarm, allocatedWarm, result) = Measure(operation);
        if (result != resultCold)
        {
            throw new InvalidOperationException("The operation gave different results cold and warm.");
        }

        output.WriteLine(string.Join(' ', new long[] { peakRssCold, rssBeforeCold, peakRssWarm, rssBeforeWarm, peakManagedWarm, allocatedWarm, result }
            .Select(v => v.ToString(CultureInfo.InvariantCulture))));
        return 0;
    }

    private static (long PeakRss, long RssBefore, long PeakManaged, long Allocated, long Result) Measure(Func<long> operation)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        File.WriteAllText("/proc/self/clear_refs", "5");
        var rssBefore = Status("VmRSS");
        var peakManaged = GC.GetTotalMemory(forceFullCollection: false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var stop = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!stop.IsSet)
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sampler.Start();
        var result = operation();
        var atEnd = GC.GetTotalMemory(forceFullCollection: false);
        stop.Set();
        sampler.Join();
        peakManaged = Math.Max(peakManaged, atEnd);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (Status("VmHWM"), rssBefore, peakManaged, allocated, result);
    }

    /// <summary>A size line of /proc/self/status (kB) in bytes.</summary>
    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static Measurement RunChild(string kind, string path, string origin)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PeakMemoryProbe).Assembly.Location);
        }

        foreach (var argument in new[] { "peakmemory-child", kind, path, origin })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEnd();
        var stderr = child.StandardError.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"peakmemory-child {kind} failed ({child.ExitCode}): {stderr}");
        }

        var v = stdout.Trim().Split(' ').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new Measurement(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    private static Dictionary<string, (string Path, string Origin, string Description)> WriteInputs(string directory)
    {
        var valid = SampleFiles.Valid();
        var one = valid.Single(f => f.Path.EndsWith("2021/12/personligt-ombud-skane-nordost.xlsx", StringComparison.Ordinal));
        var largest = valid.MaxBy(f => f.Content.Length);
        string Save(string name, byte[] content)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllBytes(path, content);
            return path;
        }

        const long OneGigabyte = 1L << 30;
        var bomb = HostileFiles.ZipBomb(OneGigabyte, lie: false);
        var lyingBomb = HostileFiles.ZipBomb(OneGigabyte, lie: true);
        // The bombs never reach the parser's origin check; they claim the first sample's year and county.
        return new Dictionary<string, (string, string, string)>(StringComparer.Ordinal)
        {
            ["one"] = (Save("one.xlsx", one.Content), one.Path, $"{one.Path} ({one.Content.Length:N0} B)"),
            ["largest"] = (Save("largest.xlsx", largest.Content), largest.Path, $"{largest.Path} ({largest.Content.Length:N0} B)"),
            ["valid"] = (Path.Combine(SampleFiles.Root, "valid"), one.Path, $"samples/valid ({valid.Count} files)"),
            ["bomb"] = (Save("bomb.xlsx", bomb), one.Path, $"zip bomb ({bomb.Length:N0} B → 1 GiB)"),
            ["lying-bomb"] = (Save("lying-bomb.xlsx", lyingBomb), one.Path, $"lying zip bomb ({lyingBomb.Length:N0} B)"),
        };
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");

    private sealed record Measurement(long PeakRssCold, long RssBeforeCold, long PeakRssWarm, long RssBeforeWarm, long PeakManagedWarm, long AllocatedWarm, long Result)
    {
        public static Measurement Median(IReadOnlyList<Measurement> runs)
        {
            long M(Func<Measurement, long> field) => runs.Select(field).Order().ElementAt(runs.Count / 2);
            return new Measurement(M(r => r.PeakRssCold), M(r => r.RssBeforeCold), M(r => r.PeakRssWarm), M(r => r.RssBeforeWarm), M(r => r.PeakManagedWarm), M(r => r.AllocatedWarm), M(r => r.Result));
        }
    }
}
