namespace PoIntake.Core.Intake;

/// <summary>Refuses, before any parsing, files that are not a safe plain .xlsx workbook (size, zip bomb, macros, encryption, external links …).</summary>
public interface IWorkbookScreener
{
    /// <summary>Returns Error findings for a file that must not be parsed; empty when it may be.</summary>
    IReadOnlyList<Finding> Screen(ReadOnlyMemory<byte> content);
}

/// <summary>Where a parsed figure came from, so later checks (previous-year comparison) can point at the cell.</summary>
public sealed record CellLocation(string Sheet, string Cell, string Field);

/// <summary>
/// The parser's answer: the report (null when errors prevent building it), every finding of the
/// contract's rules, and the cell each fact was read from (keyed by <see cref="Fact.Key"/>).
/// </summary>
public sealed record ParseResult(
    AnnualReport? Report,
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<string, CellLocation> FactLocations)
{
    /// <summary>The cell of "Verksamhetens namn" (sheet "Verksamhet"), for checks about the verksamhet as a whole.</summary>
    public CellLocation? OperationNameLocation { get; init; }
}

/// <summary>What the upload path says the workbook must be: the year and county it was filed under.</summary>
public sealed record ExpectedOrigin(int Year, string CountyCode);

/// <summary>Parses and validates one workbook against the contract. Pure: throws only for bugs, never for bad input.</summary>
public interface IReportParser
{
    ParseResult Parse(ReadOnlyMemory<byte> content, ExpectedOrigin origin);
}

/// <summary>Compares a report with the same verksamhet's previous year and returns warnings (docs/workbook-contract.md, Warnings).</summary>
public interface IPreviousYearComparer
{
    IReadOnlyList<Finding> Compare(ParseResult current, IReadOnlyList<Fact> previousYearFacts);
}

/// <summary>Port to what has been accepted before: the facts of a verksamhet's current report for a year, or null.</summary>
public interface IPreviousReportSource
{
    Task<IReadOnlyList<Fact>?> FindCurrentFactsAsync(int year, string countyCode, string operationKey, CancellationToken cancellationToken);
}

/// <summary>A current, non-nil report of a year and county: which verksamhet lists which municipalities.</summary>
public sealed record CoverageClaim(string OperationKey, string? OperationName, IReadOnlyList<string> MunicipalityCodes)
{
    /// <summary>Stadsdel eller del av kommun: the claim covers only part of its municipalities (no overlap warning).</summary>
    public string? District { get; init; }
}

/// <summary>Port to the current reports of a county and year, for the overlapping-coverage warning (COVERAGE_OVERLAP).</summary>
public interface ICurrentCoverageSource
{
    /// <summary>The municipalities each current, non-nil report of (<paramref name="year"/>, <paramref name="countyCode"/>) lists.</summary>
    Task<IReadOnlyList<CoverageClaim>> ReadCoverageAsync(int year, string countyCode, CancellationToken cancellationToken);
}

/// <summary>
/// Checks a parsed report against what the system knows besides the workbook (the grant register, docs/obligations.md)
/// and returns warnings only: nothing is rejected for them. Called by <see cref="ReportChecker"/> for a report without errors.
/// </summary>
public interface IReportCrossCheck
{
    Task<IReadOnlyList<Finding>> CheckAsync(ParseResult parsed, CancellationToken cancellationToken);
}
