namespace PoIntake.Core.Intake;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One thing the intake found wrong (Error: the workbook is rejected) or noteworthy (Warning: accepted, but shown).
/// <see cref="Code"/> is stable and documented in docs/findings.md; <see cref="Message"/> and <see cref="Fix"/> are Swedish.
/// Sheet, Cell (A1) and Field are null for findings about the whole file.
/// </summary>
public sealed record Finding(
    string Code,
    Severity Severity,
    string? Sheet,
    string? Cell,
    string? Field,
    string Message,
    string Fix)
{
    /// <summary>A finding about the whole file (no sheet, cell or field), with its code's severity from <see cref="FindingCodes"/>.</summary>
    public static Finding ForFile(string code, string message, string fix) =>
        new(code, FindingCodes.SeverityOf(code), Sheet: null, Cell: null, Field: null, message, fix);
}
