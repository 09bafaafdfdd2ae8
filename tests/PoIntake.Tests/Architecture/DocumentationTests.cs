using System.Text.RegularExpressions;

namespace PoIntake.Tests.Architecture;

/// <summary>
/// The newcomer's path stays short and complete: the README fits on a few screens and indexes every document, the
/// documents' links lead somewhere, and neither they nor the code's comments send a reader to internal work items they
/// cannot follow.
/// </summary>
public sealed partial class DocumentationTests
{
    private static string Root => RepositoryRoot.Path;

    private static IEnumerable<string> Docs() => Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md");

    [Fact]
    public void Readme_AtMost120Lines()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md"));

        Assert.InRange(lines.Length, 1, 120);
    }

    [Fact]
    public void Readme_IndexesEveryDoc()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        Assert.All(Docs(), doc => Assert.Contains($"](docs/{Path.GetFileName(doc)})", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_RelativeLinksLeadToAFile()
    {
        foreach (var doc in Docs())
        {
            foreach (Match link in RelativeLink().Matches(File.ReadAllText(doc)))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc)!, link.Groups[1].Value));
                Assert.True(File.Exists(target) || Directory.Exists(target), $"{Path.GetFileName(doc)} links to {link.Groups[1].Value}, which does not exist");
            }
        }
    }

    [Fact]
    public void DocsAndComments_CiteNoWorkItems()
    {
        var texts = Docs().Append(Path.Combine(Root, "README.md"))
            .Select(f => (File: f, Lines: File.ReadAllLines(f).AsEnumerable()))
            .Concat(new[] { "core", "functions", "devhost", "tests", "scripts", "infra" }
                .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(Root, dir), "*.*", SearchOption.AllDirectories))
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sh", StringComparison.Ordinal) || f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".py", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && Path.GetFileName(f) != nameof(DocumentationTests) + ".cs")
                .Select(f => (File: f, Lines: File.ReadAllLines(f).Where(l => l.Contains("//", StringComparison.Ordinal) || l.TrimStart().StartsWith('#')))));

        foreach (var (file, lines) in texts)
        {
            foreach (var line in lines)
            {
                Assert.False(WorkItem().IsMatch(line), $"{Path.GetRelativePath(Root, file)}: {line.Trim()}");
            }
        }
    }

    /// <summary>A markdown link to a relative path (no scheme, no pure anchor), without its anchor.</summary>
    [GeneratedRegex(@"\]\((?![a-z]+:|#)([^)#\s]+)(?:#[^)]*)?\)")]
    private static partial Regex RelativeLink();

    /// <summary>"issue 25", "the issue's", "issue #3", "work item", "the brief": references a reader of the repository cannot follow.</summary>
    [GeneratedRegex(@"\b[Ii]ssue(?:'s|s)?\b(?:\s*#?\d+)?|\b[Ww]ork[- ]items?\b|\bthe brief\b")]
    private static partial Regex WorkItem();
}
