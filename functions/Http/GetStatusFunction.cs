using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Reference;
using PoIntake.Core.Status;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>GET /api/status/{year}</c>: completeness of a reporting year for every county (Socialstyrelsen's national key);
/// <c>GET /api/status/{year}/{countyCode}</c>: one county's part (that county board's key, or a national key). Both
/// carry file names and findings quoting cell text, so neither is open to a caller without the role.
/// </summary>
public sealed class GetStatusFunction(StatusService status, MunicipalityRegistry registry, AccessKeys accessKeys, ILogger<GetStatusFunction> logger)
{
    [Function("GetStatus")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status/{year}")] HttpRequest request,
        string year,
        CancellationToken cancellationToken)
    {
        var (reportingYear, answer) = AccessGate.ForNationalYearRoute(accessKeys, logger, "GetStatus", request, year);
        return answer ?? HttpResults.Json(await status.GetAsync(reportingYear, cancellationToken));
    }

    [Function("GetCountyStatus")]
    public async Task<IActionResult> RunCountyAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status/{year}/{countyCode}")] HttpRequest request,
        string year,
        string countyCode,
        CancellationToken cancellationToken)
    {
        var (reportingYear, county, answer) = AccessGate.ForCountyRoute(accessKeys, registry, logger, "GetCountyStatus", request, AccessScope.CountyRead, year, countyCode);
        if (answer is not null)
        {
            return answer;
        }

        return HttpResults.Json(await status.GetCountyAsync(reportingYear, county.Code, cancellationToken));
    }
}
