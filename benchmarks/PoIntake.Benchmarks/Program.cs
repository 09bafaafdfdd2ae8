using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using PoIntake.Benchmarks;

if (args is ["peakmemory"])
{
    return PeakMemoryProbe.Run(Console.Out);
}

if (args is ["peakmemory-child", var kind, var path, var origin])
{
    return PeakMemoryProbe.RunChild(kind, path, origin, Console.Out);
}

if (args is ["paired", .. var seconds])
{
    PairedProbe.Run(Console.Out, seconds is [var given] ? double.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : 60);
    return 0;
}

if (args is ["cputime"])
{
    CpuTimeProbe.Run(Console.Out);
    return 0;
}

// The machine is shared; building the generated job project can take longer than the default two minutes.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
