using System.Reflection;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;

namespace PoIntake.Tests.Intake;

public sealed class FindingCodesTests
{
    private static IReadOnlyList<string> Codes() =>
        typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(ScreeningFindings).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

    [Fact]
    public void Codes_AreDistinctUpperSnakeCase()
    {
        var codes = Codes();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$", c));
    }

    [Fact]
    public void Codes_AreEachDocumentedInFindingsMd()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "findings.md"));

        Assert.All(Codes(), c => Assert.Contains($"| `{c}` |", docs, StringComparison.Ordinal));
    }
}
