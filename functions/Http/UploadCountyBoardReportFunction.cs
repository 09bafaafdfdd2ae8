using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PoIntake.Core.Access;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Storage;
using PoIntake.Core.Upload;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>POST /api/countyboard/{year}/{countyCode}</c> (body: the county board's report .xlsx; header
/// <c>x-pointake-county-key</c>: the county board's own key): kept as <c>countyboard/{year}/{countyCode}/{uploaded}.xlsx</c>
/// and run through the intake pipeline like a drop; 200 accepted and now the county's report (or older than the current
/// one), 422 rejected with the Swedish findings (a closed year: YEAR_CLOSED), 400 for a bad year or county, 403 without
/// the county's own key (another county's key included), 413 for a body over <see cref="UploadOptions.MaxBodyBytes"/>.
/// </summary>
public sealed class UploadCountyBoardReportFunction(
    IntakePipeline pipeline,
    IOptions<UploadOptions> options)
{
    [Function("UploadCountyBoardReport")]
    [Access(AccessScope.CountyUpload)] // checked before the body is read: a caller without the county's key gets nothing buffered or checked
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "countyboard/{year}/{countyCode}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var route = AdmittedRoute.Of(request);
        var (reportingYear, county) = (route.ReportingYear, route.County!);

        var (buffer, refusal) = await HttpResults.ReadUploadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var target = new UploadTarget(reportingYear, county.Code, new UploadMetadata(UploadMetadata.Uploaded));
        var result = await pipeline.UploadAsync(ContainerNames.CountyBoard, target, buffer, cancellationToken);
        var body = new
        {
            outcome = result.Outcome.ToString(),
            disposition = result.Disposition,
            year = reportingYear,
            countyCode = county.Code,
            blobName = result.Path,
            versionId = result.VersionId,
            errorCount = result.ErrorCount,
            warningCount = result.WarningCount,
            findings = HttpResults.Findings(result.Findings),
        };
        return HttpResults.Json(body, result.HttpStatus);
    }
}
