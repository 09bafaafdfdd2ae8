namespace PoIntake.Core.Intake;

/// <summary>What became of one upload attempt.</summary>
public enum IntakeOutcome
{
    /// <summary>Valid (possibly with warnings) and stored.</summary>
    Accepted,

    /// <summary>Refused with at least one Error finding; nothing counted.</summary>
    Rejected,

    /// <summary>The system failed (storage down, bug) after its retries; the file is kept and can be re-run.</summary>
    Failed,
}

/// <summary>The outcome of checking one workbook: screening, parsing and validation. Pure; nothing is stored.</summary>
public sealed record CheckResult(IntakeOutcome Outcome, AnnualReport? Report, IReadOnlyList<Finding> Findings)
{
    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);
}
