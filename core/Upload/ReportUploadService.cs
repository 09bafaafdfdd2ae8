using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Upload;

/// <summary>The answer to an upload: the check's outcome and findings, and where an accepted file was stored.</summary>
public sealed record UploadResult(IntakeOutcome Outcome, string? BlobName, IReadOnlyList<Finding> Findings)
{
    /// <summary>The day the county board received the report (<see cref="ReceivedOn"/>): as stated, else the upload's Swedish day.</summary>
    public DateOnly? ReceivedOn { get; init; }

    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);
}

/// <summary>
/// Checks an uploaded workbook at once with the intake's <see cref="ReportChecker"/> (so the uploader sees the same
/// findings the blob intake will log) and, when accepted, stores it at <c>reports/{year}/{county}/{name}.xlsx</c>
/// for the blob intake. An existing blob is never overwritten: other content under the same name gets a suffix.
/// The received day the county board states (<see cref="ReceivedOn"/>) is checked here too and travels to the blob intake as
/// the blob's <see cref="ReceivedOn.MetadataKey"/> metadata.
/// </summary>
public sealed partial class ReportUploadService(
    ReportChecker checker, BlobServiceClient blobs, YearClosureStore closures, TimeProvider time, ILogger<ReportUploadService> logger)
{
    public Task<UploadResult> UploadAsync(int year, string countyCode, string? fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        UploadAsync(year, countyCode, fileName, content, receivedOn: null, cancellationToken);

    /// <summary>Checks and stores an upload whose county board received it on <paramref name="receivedOn"/> (yyyy-MM-dd; null: today).</summary>
    public async Task<UploadResult> UploadAsync(
        int year, string countyCode, string? fileName, ReadOnlyMemory<byte> content, string? receivedOn, CancellationToken cancellationToken)
    {
        var received = ReceivedOn.Resolve(receivedOn, year, time.GetUtcNow());
        var check = await closures.StateAsync(year, cancellationToken) is { Closed: true } closed
            ? new CheckResult(IntakeOutcome.Rejected, null, [YearClosureStore.Refusal(closed)])
            : received.Problem is { } problem
                ? new CheckResult(IntakeOutcome.Rejected, null, [problem])
                : await checker.CheckAsync(content, new ExpectedOrigin(year, countyCode), cancellationToken);
        // Only a stated day is stored on the blob: unstated, the intake takes the blob's own upload day.
        var statedDay = received.Problem is null && !string.IsNullOrWhiteSpace(receivedOn) ? ReceivedOn.Text(received.Day) : null;
        if (check.Findings.Any(f => f.Code == FindingCodes.YearClosed))
        {
            // Kept like a dropped file: the blob intake records it as rejected (YEAR_CLOSED) beside the year's other uploads.
            var stored = await StoreAsync(year, countyCode, fileName, content, statedDay, cancellationToken);
            LogRejected(logger, year, countyCode, check.ErrorCount);
            return new UploadResult(IntakeOutcome.Rejected, stored, check.Findings) { ReceivedOn = received.Day };
        }

        if (check.Outcome != IntakeOutcome.Accepted)
        {
            LogRejected(logger, year, countyCode, check.ErrorCount);
            return new UploadResult(check.Outcome, null, check.Findings) { ReceivedOn = received.Problem is null ? received.Day : null };
        }

        var blobName = await StoreAsync(year, countyCode, fileName, content, statedDay, cancellationToken);
        LogStored(logger, year, countyCode, check.WarningCount);
        return new UploadResult(IntakeOutcome.Accepted, blobName, check.Findings) { ReceivedOn = received.Day };
    }

    /// <summary>Stores the workbook for the blob intake under the first free name (the same content under a name counts as stored).</summary>
    private async Task<string> StoreAsync(int year, string countyCode, string? fileName, ReadOnlyMemory<byte> content, string? receivedOn, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var baseName = SafeName(fileName) is { Length: > 0 } safe ? safe : "redovisning";
        var container = blobs.GetBlobContainerClient(ContainerNames.Reports);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var candidate in new[] { baseName, $"{baseName}-{sha[..8]}", $"{baseName}-{sha[..16]}" })
        {
            var blobName = $"{year}/{countyCode}/{candidate}.xlsx";
            if (await TryStoreAsync(container.GetBlobClient(blobName), content, sha, receivedOn, cancellationToken))
            {
                return blobName;
            }
        }

        throw new InvalidOperationException("No free blob name for the upload.");
    }

    /// <summary>The refusal of an upload body longer than <see cref="UploadOptions.MaxBodyBytes"/>.</summary>
    public static UploadRefusal TooLarge(long maxBodyBytes) =>
        new("Filen är för stor", $"Arbetsboken får vara högst {maxBodyBytes / (1024 * 1024)} MB.");

    /// <summary>The refusal of an empty upload body.</summary>
    public static UploadRefusal NoFile { get; } = new("Ingen fil", "Skicka arbetsboken (.xlsx) som begärans innehåll.");

    /// <summary>File name from the client reduced to letters, digits, '-' and '_' (no path, no extension).</summary>
    public static string SafeName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return string.Empty;
        }

        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^5];
        }

        var builder = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(ch) || ch is '-' or '_')
            {
                builder.Append(ch);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }

            if (builder.Length >= 80)
            {
                break;
            }
        }

        return builder.ToString().Trim('-');
    }

    /// <summary>True when the blob now holds these bytes (stored now, or the same content was already there).</summary>
    private static async Task<bool> TryStoreAsync(BlobClient blob, ReadOnlyMemory<byte> content, string sha, string? receivedOn, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { ["sha256"] = sha, ["source"] = "upload" };
        if (receivedOn is not null)
        {
            metadata[ReceivedOn.MetadataKey] = receivedOn;
        }

        try
        {
            await blob.UploadAsync(
                BinaryData.FromBytes(content),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = metadata,
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (existing.Value.Metadata.TryGetValue("sha256", out var existingSha) && existingSha == sha)
            {
                return true;
            }

            var md5 = existing.Value.ContentHash;
            return md5 is { Length: > 0 } && md5.AsSpan().SequenceEqual(MD5.HashData(content.Span));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload for {Year} county {County} rejected with {Errors} errors")]
    private static partial void LogRejected(ILogger logger, int year, string county, int errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload for {Year} county {County} accepted with {Warnings} warnings and stored for intake")]
    private static partial void LogStored(ILogger logger, int year, string county, int warnings);
}
