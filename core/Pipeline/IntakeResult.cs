using PoIntake.Core.Intake;

namespace PoIntake.Core.Pipeline;

/// <summary>
/// What the pipeline did with one original, for every kind alike. A refusal is a result (<see cref="IntakeOutcome.Rejected"/>
/// with Swedish findings), never an exception; <see cref="HttpStatus"/> is the one mapping of a result to an HTTP answer.
/// </summary>
public sealed record IntakeResult(
    string Kind,
    string Container,
    string Name,
    int? Year,
    string? CountyCode,
    string Sha256,
    DateTimeOffset ReceivedAt,
    IntakeOutcome Outcome,
    string? Disposition,
    string? VersionId,
    IReadOnlyList<Finding> Findings,
    string? ResultBlob,
    int Stored,
    bool Ignored = false)
{
    /// <summary>The original's path with its container: <c>grants/2021/25/….xlsx</c>.</summary>
    public string Path => Container + "/" + Name;

    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);

    /// <summary>The HTTP status of an upload's answer: see <see cref="HttpStatusOf"/>.</summary>
    public int HttpStatus => HttpStatusOf(Outcome);

    /// <summary>200 when accepted; 422 (Unprocessable Entity, the Swedish findings in the body) for every refusal, a closed year's included.</summary>
    public static int HttpStatusOf(IntakeOutcome outcome) => outcome == IntakeOutcome.Accepted ? 200 : 422;

    /// <summary>A name the kind does not take (not a county's register, …): nothing was read or recorded.</summary>
    internal static IntakeResult IgnoredName(IWorkbookKind kind, string name) =>
        new(kind.Name, kind.Container, name, null, null, string.Empty, default, IntakeOutcome.Rejected, null, null, [], null, 0, Ignored: true);
}
