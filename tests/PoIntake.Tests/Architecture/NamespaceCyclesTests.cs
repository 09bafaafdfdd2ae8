using System.Diagnostics;

namespace PoIntake.Tests.Architecture;

/// <summary>
/// core's feature folders depend on each other without a cycle (a cycle means two features can only change together):
/// <c>scripts/namespace-cycles.py</c> over core/ must say "cycles: none", and the same script must catch a cycle when
/// there is one, so a green run is not a script that sees nothing.
/// </summary>
public sealed class NamespaceCyclesTests
{
    [Fact]
    public void Core_HasNoNamespaceCycle()
    {
        var (exitCode, output) = Run(Path.Combine(RepositoryRoot.Path, "core"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("cycles: none", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_TwoFeaturesUsingEachOther_ReportsTheCycleAndFails()
    {
        var folder = Directory.CreateTempSubdirectory("pointake-cycles-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "Alpha"));
            Directory.CreateDirectory(Path.Combine(folder.FullName, "Beta"));
            File.WriteAllText(Path.Combine(folder.FullName, "Alpha", "A.cs"), "using PoIntake.Core.Beta;\nnamespace PoIntake.Core.Alpha;\npublic sealed class A { public B? Other; }\n");
            File.WriteAllText(Path.Combine(folder.FullName, "Beta", "B.cs"), "using PoIntake.Core.Alpha;\nnamespace PoIntake.Core.Beta;\npublic sealed class B { public A? Other; }\n");

            var (exitCode, output) = Run(folder.FullName);

            Assert.Equal(1, exitCode);
            Assert.Contains("PoIntake.Core.Alpha <-> PoIntake.Core.Beta", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string folder)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "scripts", "namespace-cycles.py"));
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "namespace-cycles.py did not finish within a minute");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
