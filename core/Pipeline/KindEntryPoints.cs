using PoIntake.Core.Contacts;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Pipeline;

/// <summary>The report intake (<see cref="IReportIntake"/>) as a run of <see cref="IntakePipeline"/> over <c>reports/</c>.</summary>
public sealed class ReportIntake(IntakePipeline pipeline) : IReportIntake
{
    public async Task<IntakeRecord> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        var result = await pipeline.IngestAsync(ContainerNames.Reports, blobName, null, cancellationToken);
        return new IntakeRecord(result.Name, result.Sha256, result.ReceivedAt, result.Outcome, result.Disposition, result.VersionId, result.Findings);
    }
}

/// <summary>The grant register intake as a run of <see cref="IntakePipeline"/> over <c>grants/</c>, answered as a <see cref="GrantIntakeRecord"/>.</summary>
public sealed class GrantIntakeService(IntakePipeline pipeline)
{
    /// <summary>Processes <c>grants/{blobName}</c>. Throws only for system failures, so the host retries.</summary>
    public async Task<GrantIntakeRecord> IngestAsync(string blobName, CancellationToken cancellationToken) =>
        Record(await pipeline.IngestAsync(ContainerNames.Grants, blobName, null, cancellationToken));

    /// <summary>
    /// An uploaded register (<c>POST /api/grants/{year}/{countyCode}</c>): kept as a blob of its own under
    /// <c>grants/{year}/{countyCode}/</c> (never replacing an earlier one), then run like a drop.
    /// </summary>
    public async Task<GrantIntakeRecord> UploadAsync(int year, string countyCode, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        Record(await pipeline.UploadAsync(ContainerNames.Grants, new UploadTarget(year, countyCode, new UploadMetadata(UploadMetadata.Uploaded)), content, cancellationToken));

    private static GrantIntakeRecord Record(IntakeResult result) => new(
        result.Name, result.Year, result.CountyCode, result.Outcome, result.Disposition, result.VersionId, result.Stored, result.Findings, result.ResultBlob ?? string.Empty);
}

/// <summary>The contacts register intake as a run of <see cref="IntakePipeline"/> over <c>contacts/</c>.</summary>
public sealed class ContactImportService(IntakePipeline pipeline)
{
    /// <summary>Processes <c>contacts/{blobName}</c>; null when the name is not a county's register ("{countyCode}.xlsx").</summary>
    public async Task<ContactImportResult?> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        var result = await pipeline.IngestAsync(ContainerNames.Contacts, blobName, null, cancellationToken);
        return result.Ignored
            ? null
            : new ContactImportResult(result.CountyCode!, result.Outcome == IntakeOutcome.Accepted, result.Stored, result.Findings, result.ResultBlob);
    }
}
