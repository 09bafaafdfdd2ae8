using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoIntake.Core.Access;
using PoIntake.Core.Grants;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Upload;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>POST /api/grants/{year}/{countyCode}</c> (body: the register .xlsx; header <c>x-pointake-county-key</c>: the county
/// board's own key): 200 accepted, kept as a blob of its own under <c>grants/{year}/{countyCode}/</c> and now the county's
/// register (or older than the current one), 422 rejected with the Swedish findings (the original kept, the register unchanged), 400 for a bad year or county,
/// 403 without the county's key, 413 for a body over <see cref="UploadOptions.MaxBodyBytes"/>.
/// </summary>
public sealed class UploadGrantRegisterFunction(
    GrantIntakeService grants,
    MunicipalityRegistry registry,
    AccessKeys accessKeys,
    IOptions<UploadOptions> options,
    ILogger<UploadGrantRegisterFunction> logger)
{
    [Function("UploadGrantRegister")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "grants/{year}/{countyCode}")] HttpRequest request,
        string year,
        string countyCode,
        CancellationToken cancellationToken)
    {
        // Before the body is read: a caller without the county's key gets nothing buffered and nothing checked.
        var (grantYear, county, answer) = AccessGate.ForCountyRoute(accessKeys, registry, logger, "UploadGrantRegister", request, AccessScope.CountyUpload, year, countyCode);
        if (answer is not null)
        {
            return answer;
        }

        var (buffer, refusal) = await HttpResults.ReadUploadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = await grants.UploadAsync(grantYear, county.Code, buffer, cancellationToken);
        var body = new
        {
            outcome = result.Outcome.ToString(),
            disposition = result.Disposition,
            year = grantYear,
            countyCode = county.Code,
            blobName = "grants/" + result.BlobName,
            versionId = result.VersionId,
            applications = result.ApplicationCount,
            errorCount = result.ErrorCount,
            warningCount = result.WarningCount,
            findings = HttpResults.Findings(result.Findings),
        };
        return HttpResults.Json(body, IntakeResult.HttpStatusOf(result.Outcome));
    }
}
