namespace PoIntake.Core.Intake;

/// <summary>What the intake recorded for one blob (mirrors its IntakeLog entity).</summary>
public sealed record IntakeRecord(
    string BlobName,
    string Sha256,
    DateTimeOffset ReceivedAt,
    IntakeOutcome Outcome,
    string? Disposition,
    string? VersionId,
    IReadOnlyList<Finding> Findings);

/// <summary>Ingests one uploaded workbook blob from the reports container: check, store, log. Idempotent per blob content.</summary>
public interface IReportIntake
{
    /// <summary>Processes <c>reports/{blobName}</c>. Throws only for system failures (after logging them as Failed), so the host retries.</summary>
    Task<IntakeRecord> IngestAsync(string blobName, CancellationToken cancellationToken);
}
