using Microsoft.Extensions.Logging;
using PoIntake.Core.Intake;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Upload;

/// <summary>The answer to an upload: the check's outcome and findings, and where an accepted file was stored.</summary>
public sealed record UploadResult(IntakeOutcome Outcome, string? BlobName, IReadOnlyList<Finding> Findings)
{
    /// <summary>The day the county board received the report (<see cref="ReceivedOn"/>): as stated, else the upload's Swedish day; null when the stated day was refused.</summary>
    public DateOnly? ReceivedOn { get; init; }

    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);
}

/// <summary>
/// An uploaded report workbook (<c>POST /api/reports/{year}/{countyCode}</c>): kept as an original under
/// <c>reports/{year}/{county}/{name}.xlsx</c> (never over another upload: other content under the same name gets a
/// suffix) and run through the same <see cref="IntakePipeline"/> as a dropped file, so the uploader gets the intake's own
/// verdict; the blob trigger that follows finds it recorded. A refused upload is kept as well, as every original is.
/// The received day the county board states (<see cref="ReceivedOn"/>) is checked first (a wrong day refuses the request
/// and keeps nothing), then travels with the original as its <see cref="ReceivedOn.MetadataKey"/> metadata, which the
/// intake reads like a dropped file's.
/// </summary>
public sealed partial class ReportUploadService(IntakePipeline pipeline, TimeProvider time, ILogger<ReportUploadService> logger)
{
    public Task<UploadResult> UploadAsync(int year, string countyCode, string? fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        UploadAsync(year, countyCode, fileName, content, receivedOn: null, cancellationToken);

    /// <summary>Keeps and ingests an upload whose county board received it on <paramref name="receivedOn"/> (yyyy-MM-dd; null: today).</summary>
    public async Task<UploadResult> UploadAsync(
        int year, string countyCode, string? fileName, ReadOnlyMemory<byte> content, string? receivedOn, CancellationToken cancellationToken)
    {
        var stated = string.IsNullOrWhiteSpace(receivedOn) ? null : receivedOn.Trim();
        var received = ReceivedOn.Resolve(stated, year, time.GetUtcNow());
        if (received.Problem is { } problem)
        {
            // A wrong day in the request is the request's fault, not the workbook's: refused before anything is kept.
            LogRejected(logger, year, countyCode, 1);
            return new UploadResult(IntakeOutcome.Rejected, null, [problem]);
        }

        var result = await pipeline.UploadAsync(
            ContainerNames.Reports,
            new UploadTarget(year, countyCode, new UploadMetadata(UploadMetadata.Uploaded, fileName) { ReceivedOn = stated }),
            content,
            cancellationToken);
        if (result.Outcome == IntakeOutcome.Accepted)
        {
            LogStored(logger, year, countyCode, result.WarningCount);
        }
        else
        {
            LogRejected(logger, year, countyCode, result.ErrorCount);
        }

        return new UploadResult(result.Outcome, result.Name, result.Findings) { ReceivedOn = received.Day };
    }

    /// <summary>The refusal of an upload body longer than <see cref="UploadOptions.MaxBodyBytes"/>.</summary>
    public static UploadRefusal TooLarge(long maxBodyBytes) =>
        new("Filen är för stor", $"Arbetsboken får vara högst {maxBodyBytes / (1024 * 1024)} MB.");

    /// <summary>The refusal of an empty upload body.</summary>
    public static UploadRefusal NoFile { get; } = new("Ingen fil", "Skicka arbetsboken (.xlsx) som begärans innehåll.");

    /// <summary>File name from the client reduced to letters, digits, '-' and '_' (no path, no extension).</summary>
    public static string SafeName(string? fileName) => ReportWorkbookKind.SafeName(fileName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload for {Year} county {County} rejected with {Errors} errors")]
    private static partial void LogRejected(ILogger logger, int year, string county, int errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload for {Year} county {County} accepted with {Warnings} warnings")]
    private static partial void LogStored(ILogger logger, int year, string county, int warnings);
}
