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
/// key; optional query <c>receivedOn=yyyy-MM-dd</c>: the day the county board received the report, default the upload's
/// Swedish day, refused with <c>RECEIVED_ON_INVALID</c> / <c>RECEIVED_ON_IN_FUTURE</c>): the workbook is kept as an original
/// and run through the intake pipeline like a dropped file; 200 accepted, 422 rejected with the findings (the original
/// kept), 400 for a bad year or county, 403 without
/// the county's key, 413 for a body over <see cref="UploadOptions.MaxBodyBytes"/> (counted on the stream, so also when chunked).
/// </summary>
public sealed class UploadReportFunction(
    ReportUploadService uploads,
    IOptions<UploadOptions> options)
{
    /// <summary>The request header carrying the uploaded file's name (never the query string: request telemetry logs it).</summary>
    public const string FileNameHeader = "x-pointake-file-name";

    [Function("UploadReport")]
    [Access(AccessScope.CountyUpload)] // checked before the body is read: a caller without the county's key gets nothing buffered or checked
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "reports/{year}/{countyCode}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var route = AdmittedRoute.Of(request);
        var (reportingYear, county) = (route.ReportingYear, route.County!);

        var (buffer, refusal) = await HttpResults.ReadUploadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var receivedOn = request.Query[ReceivedOn.QueryParameter].ToString();
        var result = await uploads.UploadAsync(reportingYear, county.Code, FileName(request), buffer, receivedOn, cancellationToken);
        var body = new
        {
            outcome = result.Outcome.ToString(),
            year = reportingYear,
            countyCode = county.Code,
            blobName = result.BlobName,
            receivedOn = result.ReceivedOn is { } day ? ReceivedOn.Text(day) : null,
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
