using PoIntake.Core.Reference;

namespace PoIntake.Core.Intake;

/// <summary>
/// Screens, parses and validates one workbook (the parser's one bounded read applies the screening rules) and decides
/// accepted or rejected. Used by the blob intake and the
/// upload endpoint alike, so both give the same findings. Stores nothing.
/// </summary>
public sealed class ReportChecker(
    IReportParser parser,
    IPreviousYearComparer comparer,
    IPreviousReportSource previousReports,
    ICurrentCoverageSource currentCoverage,
    MunicipalityRegistry registry,
    IReportCrossCheck? crossCheck = null)
{
    public async Task<CheckResult> CheckAsync(ReadOnlyMemory<byte> content, ExpectedOrigin origin, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(content, origin);
        var findings = new List<Finding>(parsed.Findings);
        if (parsed.Report is { IsNilReturn: false } report && !findings.Any(f => f.Severity == Severity.Error))
        {
            var previous = await previousReports.FindCurrentFactsAsync(
                report.Operation.Year - 1,
                report.Operation.CountyCode,
                OperationKey.From(report.Operation.Name),
                cancellationToken);
            if (previous is not null)
            {
                findings.AddRange(comparer.Compare(parsed, previous));
            }

            var coverage = await currentCoverage.ReadCoverageAsync(report.Operation.Year, report.Operation.CountyCode, cancellationToken);
            findings.AddRange(CoverageOverlapCheck.Check(parsed, coverage, registry));
        }

        if (parsed.Report is not null && crossCheck is not null && !findings.Any(f => f.Severity == Severity.Error))
        {
            findings.AddRange((await crossCheck.CheckAsync(parsed, cancellationToken)).Where(f => f.Severity == Severity.Warning));
        }

        var rejected = parsed.Report is null || findings.Any(f => f.Severity == Severity.Error);
        return new CheckResult(rejected ? IntakeOutcome.Rejected : IntakeOutcome.Accepted, rejected ? null : parsed.Report, findings);
    }
}
