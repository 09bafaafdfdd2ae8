using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PoIntake.Core.Intake;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Reference;
using PoIntake.Core.Access;
using PoIntake.Core.Upload;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>POST /api/reports/{year}/{countyCode}</c> (body: the .xlsx; file name in the header <c>x-pointake-file-name</c>,
/// URL-encoded UTF-8, or a Content-Disposition file name; header <c>x-pointake-county-key</c>: the county board's own
/// key): the workbook is kept as an original and run through the intake pipeline like a dropped file; 200 accepted,
/// 422 rejected with the findings (the original kept), 400 for a bad year or county, 403 without
/// the county's key, 413 for a body over <see cref="UploadOptions.MaxBodyBytes"/> (counted on the stream, so also when chunked).
/// </summary>
public sealed class UploadReportFunction(
    ReportUploadService uploads,
    MunicipalityRegistry registry,
    AccessKeys accessKeys,
    IOptions<UploadOptions> options,
    ILogger<UploadReportFunction> logger)
{
    /// <summary>The request header carrying the uploaded file's name (never the query string: request telemetry logs it).</summary>
    public const string FileNameHeader = "x-pointake-file-name";

    [Function("UploadReport")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "reports/{year}/{countyCode}")] HttpRequest request,
        string year,
        string countyCode,
        CancellationToken cancellationToken)
    {
        // Before the body is read: a caller without the county's key gets nothing buffered and nothing checked.
        var (reportingYear, county, answer) = AccessGate.ForCountyRoute(accessKeys, registry, logger, "UploadReport", request, AccessScope.CountyUpload, year, countyCode);
        if (answer is not null)
        {
            return answer;
        }

        var (buffer, refusal) = await HttpResults.ReadUploadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = await uploads.UploadAsync(reportingYear, county.Code, FileName(request), buffer, cancellationToken);
        var body = new
        {
            outcome = result.Outcome.ToString(),
            year = reportingYear,
            countyCode = county.Code,
            blobName = result.BlobName,
            errorCount = result.ErrorCount,
            warningCount = result.WarningCount,
            findings = HttpResults.Findings(result.Findings),
        };
        return HttpResults.Json(body, IntakeResult.HttpStatusOf(result.Outcome));
    }

    /// <summary>The client's file name: the <see cref="FileNameHeader"/> (URL-encoded UTF-8), else Content-Disposition.</summary>
    internal static string? FileName(HttpRequest request)
    {
        if (request.Headers[FileNameHeader].ToString() is { Length: > 0 } encoded)
        {
            return Uri.UnescapeDataString(encoded);
        }

        return ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? (disposition.FileNameStar.Value ?? disposition.FileName.Value)?.Trim('"')
            : null;
    }
}
