namespace PoIntake.Benchmarks;

/// <summary>The committed sample workbooks (samples/ at the repository root), found from wherever BenchmarkDotNet runs the job.</summary>
internal static class SampleFiles
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<(string Path, byte[] Content)> Valid() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "valid"), "*.xlsx", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => (Path.GetRelativePath(Root, p).Replace('\\', '/'), File.ReadAllBytes(p)))];

    /// <summary>The year and county a sample's path (valid/{year}/{county}/…) says it comes from.</summary>
    public static PoIntake.Core.Intake.ExpectedOrigin Origin(string relativePath)
    {
        var parts = relativePath.Split('/');
        return new(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("POINTAKE_SAMPLES") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "PoIntake.sln")))
                {
                    return Path.Combine(directory.FullName, "samples");
                }
            }
        }

        throw new InvalidOperationException("samples/ not found: run from the repository or set POINTAKE_SAMPLES.");
    }
}
