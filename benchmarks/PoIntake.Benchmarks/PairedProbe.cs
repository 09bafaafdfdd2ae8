using System.Diagnostics;
using System.Globalization;

namespace PoIntake.Benchmarks;

/// <summary>
/// `-- paired [seconds]`: the intake's screen + parse + validate against ExcelDataReader reading every cell of the same
/// sample, in alternating blocks of 10 operations each (which runs first alternates too), after a warm-up. On a shared
/// machine the load moves between BenchmarkDotNet's benchmarks, which run one after another; two neighbouring blocks
/// see nearly the same load, so the median of their ratios is comparable between runs where the absolute times are not.
/// </summary>
internal static class PairedProbe
{
    private const int Block = 10;

    public static void Run(TextWriter output, double seconds)
    {
        var floor = new ParserFloorBenchmarks();
        floor.Setup();
        for (var i = 0; i < 2_000; i++)
        {
            floor.ParseOne();
            floor.ExcelDataReaderOne();
        }

        var ratios = new List<double>();
        var intake = new List<double>();
        var library = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var intakeFirst = ratios.Count % 2 == 0;
            var first = intakeFirst ? Time(() => floor.ParseOne()) : Time(() => floor.ExcelDataReaderOne());
            var second = intakeFirst ? Time(() => floor.ExcelDataReaderOne()) : Time(() => floor.ParseOne());
            var (ours, theirs) = intakeFirst ? (first, second) : (second, first);
            ratios.Add(ours / theirs);
            intake.Add(ours);
            library.Add(theirs);
        }

        ratios.Sort();
        intake.Sort();
        library.Sort();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{ratios.Count} pairs of {Block}-operation blocks: intake / ExcelDataReader median {ratios[ratios.Count / 2]:F3} (quartiles {ratios[ratios.Count / 4]:F3}–{ratios[3 * ratios.Count / 4]:F3}); "
            + $"intake fastest {intake[0]:F0} µs, median {intake[intake.Count / 2]:F0} µs; ExcelDataReader fastest {library[0]:F0} µs, median {library[library.Count / 2]:F0} µs"));
    }

    private static double Time(Action operation)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < Block; i++)
        {
            operation();
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / Block;
    }
}
