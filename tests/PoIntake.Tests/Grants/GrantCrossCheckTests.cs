using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Template;
using PoIntake.Tests.Storage;
using static PoIntake.Tests.Grants.InMemoryGrantRegisters;
using Labels = PoIntake.Core.Intake.WorkbookLabels;

namespace PoIntake.Tests.Grants;

/// <summary>The register cross-checks on workbooks the template writer wrote, parsed by the real parser.</summary>
public sealed class GrantCrossCheckTests
{
    private const int Year = 2024;
    private const string County = "03";

    // TestReports.Create(seed 1): Beviljat statsbidrag 1 250 001,50 kr, 3,5 årsarbetare, the county's first two municipalities.
    private static readonly AnnualReport Report = TestReports.Create(Year, County, "PO Uppsala län", seed: 1);
    private static readonly string[] Municipalities = [.. Report.Operation.MunicipalityCodes];

    [Fact]
    public async Task Check_CountyWithoutRegisterOrNoStore_NoFindings()
    {
        var otherCounty = new InMemoryGrantRegisters().Add(Year, "04", Application(Year, "04", "PO Sörmland", ["0480"]));

        Assert.Empty(await Check(Parse(Report), otherCounty));
        Assert.Empty(await Check(Parse(Report), registers: null));
    }

    [Fact]
    public async Task Check_AsGranted_NoFindings()
    {
        var registers = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Uppsala län", Municipalities, grantedSek: 1_250_001.50m, appliedFullTimeEquivalents: 3m));

        Assert.Empty(await Check(Parse(Report), registers));
    }

    [Fact]
    public async Task Check_GrantedAmountDiffers_WarningAtBeviljatCell()
    {
        var parsed = Parse(Report);
        var registers = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Uppsala län", Municipalities, grantedSek: 1_213_590m, appliedFullTimeEquivalents: 3m));

        var finding = Assert.Single(await Check(parsed, registers));

        AssertAt(finding, FindingCodes.GrantAmountDiffers, Labels.Sheets.Economy, parsed.FactLocations[Measures.GrantedSek].Cell, Labels.Economy.Granted);
        Assert.Contains("beviljat statsbidrag 1 250 001,5 kr", Plain(finding.Message), StringComparison.Ordinal);
        Assert.Contains("1 213 590 kr beviljat", Plain(finding.Message), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RegisterRefused_AmountWarningNamesTheDecision()
    {
        var registers = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Uppsala län", Municipalities, GrantDecision.Refused));

        var finding = Assert.Single(await Check(Parse(Report), registers));

        Assert.Equal(FindingCodes.GrantAmountDiffers, finding.Code);
        Assert.Contains("avslag", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_VerksamhetNotInRegister_WarningAtNameCell_WithRenameHint()
    {
        var parsed = Parse(Report);
        var registers = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Uppland", Municipalities),
            Application(Year, County, "PO Tierp", ["0360"]));

        var finding = Assert.Single(await Check(parsed, registers));

        AssertAt(finding, FindingCodes.OperationNotInGrantRegister, Labels.Sheets.Operation, parsed.OperationNameLocation!.Cell, Labels.Operation.Name);
        Assert.Contains($"verksamheten \"PO Uppsala län\" finns inte i länets bidragsregister för {Year}", finding.Message, StringComparison.Ordinal);
        Assert.Contains("\"PO Uppland\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("bytt namn", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_FteFarAboveGrantedFromFixedAmount_Warning_WithinFactorNone()
    {
        var parsed = Parse(Report);
        var registers = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Uppsala län", Municipalities, grantedSek: 1_250_001.50m, appliedFullTimeEquivalents: 3.5m) with { GrantedFullTimeEquivalents = null });
        // A version stored before the register had Beviljade årsarbetare: 1 250 001,50 ÷ 625 000 = 2 granted årsarbetare; 3,5 > 1,5 × 2.
        var fixedAmount = Appropriation(625_000m);

        var finding = Assert.Single(await Check(parsed, registers, fixedAmount));
        var lenient = await Check(parsed, registers, fixedAmount, new GrantCheckOptions { FullTimeEquivalentFactor = 2m });

        AssertAt(finding, FindingCodes.FullTimeEquivalentsAboveGranted, Labels.Sheets.Ombud, parsed.FactLocations[Measures.FullTimeEquivalents].Cell, Labels.Ombud.FullTimeEquivalents);
        Assert.Contains("3,5 årsarbetare, mer än 1,5 gånger de 2 årsarbetare", Plain(finding.Message), StringComparison.Ordinal);
        Assert.Contains("625 000 kr per årsanställning", Plain(finding.Message), StringComparison.Ordinal);
        Assert.Empty(lenient);
    }

    [Fact]
    public async Task Check_RegisterStatesGrantedArsarbetare_TheyCountBeforeAnyDerivation()
    {
        var parsed = Parse(Report);
        // Applied 3,5, granted 2 (the county board's decision); the amount would say 2 too, but the fixed amount is not needed.
        var registers = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Uppsala län", Municipalities, grantedSek: 1_250_001.50m, appliedFullTimeEquivalents: 3.5m) with { GrantedFullTimeEquivalents = 2m });

        var finding = Assert.Single(await Check(parsed, registers));

        Assert.Equal(FindingCodes.FullTimeEquivalentsAboveGranted, finding.Code);
        Assert.Contains("beviljade årsarbetare i länets bidragsregister", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoFixedAmount_GrantedFteAreTheAppliedOnes()
    {
        var parsed = Parse(Report);
        var applied2 = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Uppsala län", Municipalities, grantedSek: 1_250_001.50m, appliedFullTimeEquivalents: 2m) with { GrantedFullTimeEquivalents = null });
        var applied3 = new InMemoryGrantRegisters().Add(Year, County,
            Application(Year, County, "PO Uppsala län", Municipalities, grantedSek: 1_250_001.50m, appliedFullTimeEquivalents: 3m) with { GrantedFullTimeEquivalents = null });

        var finding = Assert.Single(await Check(parsed, applied2));

        Assert.Equal(FindingCodes.FullTimeEquivalentsAboveGranted, finding.Code);
        Assert.Contains("sökta årsarbetare", finding.Message, StringComparison.Ordinal);
        Assert.Empty(await Check(parsed, applied3));
    }

    [Fact]
    public async Task Checker_CrossCheckWarnings_ReportStillAccepted()
    {
        var registers = new InMemoryGrantRegisters().Add(Year, County, Application(Year, County, "PO Annan", ["0360"]));
        var previous = new Mock<IPreviousReportSource>();
        var checker = new ReportChecker(
            Parser(), new PreviousYearComparer(), previous.Object, NoOtherReports(), MunicipalityRegistry.Default, CrossCheck(registers));

        var result = await checker.CheckAsync(ReportWorkbookWriter.Write(Report), new ExpectedOrigin(Year, County), CancellationToken.None);

        Assert.Equal(IntakeOutcome.Accepted, result.Outcome);
        Assert.NotNull(result.Report);
        var warning = Assert.Single(result.Findings, f => f.Code == FindingCodes.OperationNotInGrantRegister);
        Assert.Equal(Severity.Warning, warning.Severity);
    }

    private static ReportParser Parser() => new(new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero)), MunicipalityRegistry.Default);

    private static ParseResult Parse(AnnualReport report)
    {
        var parsed = Parser().Parse(ReportWorkbookWriter.Write(report), new ExpectedOrigin(Year, County));
        Assert.NotNull(parsed.Report);
        return parsed;
    }

    private static AppropriationOptions Appropriation(decimal perFte) => new()
    {
        Years = { [Year.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new AppropriationYear { AmountPerFullTimeEquivalentSek = perFte } },
    };

    private static GrantCrossCheck CrossCheck(IGrantRegisterReader? registers, AppropriationOptions? appropriation = null, GrantCheckOptions? options = null) =>
        new(Options.Create(options ?? new GrantCheckOptions()), Options.Create(appropriation ?? new AppropriationOptions()), MunicipalityRegistry.Default, registers);

    private static Task<IReadOnlyList<Finding>> Check(
        ParseResult parsed, IGrantRegisterReader? registers, AppropriationOptions? appropriation = null, GrantCheckOptions? options = null) =>
        CrossCheck(registers, appropriation, options).CheckAsync(parsed, CancellationToken.None);

    private static void AssertAt(Finding finding, string code, string sheet, string cell, string field)
    {
        Assert.Equal(code, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(sheet, finding.Sheet);
        Assert.Equal(cell, finding.Cell);
        Assert.Equal(field, finding.Field);
        Assert.StartsWith($"Bladet \"{sheet}\", cell {cell}, fältet \"{field}\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"cell {cell}", finding.Fix, StringComparison.Ordinal);
    }

    private static string Plain(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');

    private static ICurrentCoverageSource NoOtherReports()
    {
        var coverage = new Mock<ICurrentCoverageSource>();
        coverage.Setup(c => c.ReadCoverageAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Array.Empty<CoverageClaim>());
        return coverage.Object;
    }
}
