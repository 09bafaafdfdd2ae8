using Microsoft.Extensions.Time.Testing;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Tests.Intake;

/// <summary>Shared helpers for parser tests: parse a built workbook and assert on findings and reports.</summary>
internal static class ParserTestKit
{
    public static ReportParser Parser(DateTimeOffset? now = null) =>
        new(new FakeTimeProvider(now ?? TestWorkbook.Now), MunicipalityRegistry.Default);

    public static ParseResult Parse(TestWorkbook workbook, ExpectedOrigin? origin = null) =>
        Parser().Parse(workbook.Build(), origin ?? TestWorkbook.Origin);

    public static AnnualReport AssertValid(ParseResult result)
    {
        Assert.True(
            result.Findings.All(f => f.Severity != Severity.Error),
            "unexpected errors: " + string.Join(Environment.NewLine, result.Findings.Select(f => f.Code + ": " + f.Message)));
        return Assert.IsType<AnnualReport>(result.Report);
    }

    /// <summary>Asserts exactly one finding with this code and its severity, sheet, cell and field; the message is Swedish and names them.</summary>
    public static Finding AssertFinding(ParseResult result, string code, Severity severity, string? sheet, string? cell, string? field)
    {
        var matching = result.Findings.Where(f => f.Code == code).ToList();
        Assert.True(
            matching.Count == 1,
            $"expected one {code}, got: " + string.Join(Environment.NewLine, result.Findings.Select(f => f.Code + " " + f.Cell + ": " + f.Message)));
        var finding = matching[0];
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(sheet, finding.Sheet);
        Assert.Equal(cell, finding.Cell);
        Assert.Equal(field, finding.Field);
        if (sheet is not null)
        {
            Assert.StartsWith($"Bladet \"{sheet}\"", finding.Message, StringComparison.Ordinal);
        }

        if (cell is not null)
        {
            Assert.Contains($"cell {cell}", finding.Message, StringComparison.Ordinal);
        }

        if (field is not null)
        {
            Assert.Contains($"\"{field}\"", finding.Message, StringComparison.Ordinal);
        }

        Assert.Contains("Förväntat:", finding.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
        if (severity == Severity.Error)
        {
            Assert.Null(result.Report);
        }

        return finding;
    }

    public static void AssertSameReport(AnnualReport expected, AnnualReport actual)
    {
        IReadOnlyList<string> none = [];
        Assert.Equal(expected.Operation with { MunicipalityCodes = none }, actual.Operation with { MunicipalityCodes = none });
        Assert.Equal(expected.Operation.MunicipalityCodes, actual.Operation.MunicipalityCodes);
        Assert.Equal(Facts(expected), Facts(actual));
        Assert.Equal(expected.SystemDeficiencies ?? [], actual.SystemDeficiencies ?? []);
        Assert.Equal(expected.IsNilReturn, actual.IsNilReturn);
        Assert.Equal(expected.FollowUp is null, actual.FollowUp is null);
        Assert.Equal(PoIntake.Core.Storage.ReportTexts.From(expected.FollowUp), PoIntake.Core.Storage.ReportTexts.From(actual.FollowUp));
    }

    private static List<string> Facts(AnnualReport report) =>
        ReportFacts.From(report).Select(f => f.Key + "=" + f.Value.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
}
