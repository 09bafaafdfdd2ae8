using System.Text.RegularExpressions;
using PoIntake.Core.Intake;

namespace PoIntake.Tests.Intake;

public sealed partial class FindingCodesTests
{
    [Fact]
    public void Codes_AreDistinctUpperSnakeCase()
    {
        var codes = FindingCodes.All;

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$", c));
    }

    [Fact]
    public void WarningsAndScreeningRefusals_AreCodesOfTheCatalogue()
    {
        Assert.Subset(FindingCodes.All.ToHashSet(StringComparer.Ordinal), FindingCodes.Warnings.ToHashSet(StringComparer.Ordinal));
        Assert.Subset(FindingCodes.All.ToHashSet(StringComparer.Ordinal), FindingCodes.ScreeningRefusals.ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain(FindingCodes.ScreeningRefusals, FindingCodes.Warnings.Contains);
    }

    [Fact]
    public void FindingsMd_DocumentsEachCodeOnce()
    {
        var documented = DocumentedCodes().Select(d => d.Code).ToList();

        Assert.Empty(documented.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void CatalogueAndFindingsMd_HaveTheSameCodesWithTheSameSeverity()
    {
        var documented = DocumentedCodes().ToDictionary(d => d.Code, d => d.Severity, StringComparer.Ordinal);

        Assert.Equal(
            FindingCodes.All.Order(StringComparer.Ordinal).Select(c => (c, FindingCodes.SeverityOf(c).ToString())),
            documented.Keys.Order(StringComparer.Ordinal).Select(c => (c, documented[c])));
    }

    /// <summary>The rows of docs/findings.md's tables: <c>| `CODE` | Severity … |</c>.</summary>
    private static IEnumerable<(string Code, string Severity)> DocumentedCodes()
    {
        var docs = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "findings.md"));
        var rows = docs.Where(line => line.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var match = TableRow().Match(row);
            Assert.True(match.Success, $"A findings table row without code and severity: {row}");
            yield return (match.Groups["code"].Value, match.Groups["severity"].Value);
        }
    }

    [GeneratedRegex(@"^\| `(?<code>[^`]+)` \| (?<severity>Error|Warning)\b")]
    private static partial Regex TableRow();
}
