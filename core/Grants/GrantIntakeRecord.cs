using PoIntake.Core.Intake;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Grants;

/// <summary>What the intake of one grant register did. Disposition is <see cref="Dispositions.Current"/> or <see cref="Dispositions.OlderThanCurrent"/> when accepted.</summary>
public sealed record GrantIntakeRecord(
    string BlobName,
    int? Year,
    string? CountyCode,
    IntakeOutcome Outcome,
    string? Disposition,
    string? VersionId,
    int ApplicationCount,
    IReadOnlyList<Finding> Findings,
    string ResultBlob)
{
    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);
}
