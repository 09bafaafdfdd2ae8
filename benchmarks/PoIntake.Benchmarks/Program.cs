using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using PoIntake.Benchmarks;

if (args is ["cputime"])
{
    CpuTimeProbe.Run(Console.Out);
    return;
}

// The machine is shared; building the generated job project can take longer than the default two minutes.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
