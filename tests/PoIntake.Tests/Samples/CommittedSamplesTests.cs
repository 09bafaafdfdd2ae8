using PoIntake.DevHost.Samples;

namespace PoIntake.Tests.Samples;

/// <summary>The files under samples/ are what SampleSet generates (regenerate with `dotnet run --project devhost -- samples`).</summary>
public sealed class CommittedSamplesTests
{
    [Fact]
    public void Committed_EverySampleHasItsFileAndNoStrayFilesRemain()
    {
        var root = SamplesRoot();
        var expected = SampleSet.Valid().Select(s => SampleWriter.RelativePath("valid", s.Year, s.CountyCode, s.Slug))
            .Concat(InvalidSamples.All().Select(s => SampleWriter.RelativePath("invalid", s.Year, s.CountyCode, s.Slug)))
            .Order(StringComparer.Ordinal);

        var committed = Directory.EnumerateFiles(root, "*.xlsx", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, committed);
    }

    [Fact]
    public void Readme_DocumentsEveryInvalidFileWithItsCode()
    {
        var readme = File.ReadAllText(Path.Combine(SamplesRoot(), "README.md"));

        foreach (var sample in InvalidSamples.All())
        {
            var line = readme.Split('\n').Single(l => l.Contains(SampleWriter.RelativePath("invalid", sample.Year, sample.CountyCode, sample.Slug), StringComparison.Ordinal));
            Assert.Contains($"`{sample.ExpectedCode}`", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Writer_WritesTheSameFilesItListsIntoAnEmptyFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "po-samples-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = SampleWriter.Write(root);

            Assert.All(written, p => Assert.True(new FileInfo(p).Length > 0, p));
            Assert.Equal(written.Count, Directory.EnumerateFiles(root, "*.xlsx", SearchOption.AllDirectories).Count());
            Assert.True(File.Exists(Path.Combine(root, "README.md")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    internal static string SamplesRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PoIntake.sln")))
            {
                return Path.Combine(directory.FullName, "samples");
            }
        }

        throw new InvalidOperationException("PoIntake.sln not found above the test output folder.");
    }
}
