using PoIntake.Core.Intake;
using static PoIntake.Tests.Intake.ParserTestKit;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Intake;

public sealed class PreviousYearComparerTests
{
    private const string WomenAged30To49 = "clients|ageGroup=30-49;gender=women";

    private static readonly TestWorkbook Workbook = TestWorkbook.Valid();
    private static readonly ParseResult Current = Parse(Workbook);

    /// <summary>The current report's facts, with women aged 30–49 (currently 40) set to <paramref name="previous"/>.</summary>
    private static List<Fact> PreviousWith(decimal previous) =>
        ReportFacts.From(Current.Report!).Select(f => f.Key == WomenAged30To49 ? f with { Value = previous } : f).ToList();

    [Theory]
    [InlineData(15)]
    [InlineData(0)]
    [InlineData(100)]
    public void Compare_FigureChangedByMoreThanHalfAndAtLeast20_WarnsAtItsCell(int previous)
    {
        var findings = new PreviousYearComparer().Compare(Current, PreviousWith(previous));

        var finding = Assert.Single(findings);
        Assert.Equal(FindingCodes.PreviousYearDeviation, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(Sheets.Clients, finding.Sheet);
        Assert.Equal(Workbook.AddressOf(Sheets.Clients, "Kvinnor", "30–49 år"), finding.Cell);
        Assert.Equal("Kvinnor, 30–49 år", finding.Field);
        Assert.Contains($"cell {finding.Cell}", finding.Message, StringComparison.Ordinal);
        Assert.Contains("föregående år", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60)] // differs by 20, a third
    [InlineData(80)] // differs by 40, exactly half
    [InlineData(25)] // differs by 60 %, but only 15
    [InlineData(40)]
    public void Compare_FigureWithinTheThresholds_DoesNotWarn(int previous) =>
        Assert.Empty(new PreviousYearComparer().Compare(Current, PreviousWith(previous)));

    [Fact]
    public void Compare_NoPreviousFactForAFigure_DoesNotWarn() =>
        Assert.Empty(new PreviousYearComparer().Compare(Current, PreviousWith(0).Where(f => f.Key != WomenAged30To49).ToList()));

    [Fact]
    public void Compare_SeveralChangedFigures_WarnsForEach()
    {
        var previous = ReportFacts.From(Current.Report!).Select(f => f with { Value = (f.Value * 3) + 30 }).ToList();

        var findings = new PreviousYearComparer().Compare(Current, previous);

        Assert.Equal(previous.Count, findings.Count);
        Assert.All(findings, f => Assert.NotNull(f.Cell));
    }

    [Fact]
    public void Compare_ReportWithErrors_ReturnsNothing()
    {
        var broken = Parse(TestWorkbook.Valid().Set(Sheets.Economy, WorkbookLabels.Economy.Spent, "x"));

        Assert.Empty(new PreviousYearComparer().Compare(broken, PreviousWith(0)));
    }

    [Fact]
    public void Compare_NilReturn_ReturnsNothing()
    {
        var nil = Parse(TestWorkbook.Valid().Set(Sheets.Operation, WorkbookLabels.Operation.Active, "Nej"));

        Assert.Empty(new PreviousYearComparer().Compare(nil, PreviousWith(0)));
    }
}
