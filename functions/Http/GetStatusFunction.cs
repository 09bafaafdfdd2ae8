using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Access;
using PoIntake.Core.Status;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>GET /api/status/{year}</c>: completeness of a reporting year for every county (Socialstyrelsen's national key);
/// <c>GET /api/status/{year}/{countyCode}</c>: one county's part (that county board's key, or a national key). Both
/// carry file names and findings quoting cell text, so neither is open to a caller without the role.
/// </summary>
public sealed class GetStatusFunction(StatusService status)
{
    [Function("GetStatus")]
    [Access(AccessScope.National)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status/{year}")] HttpRequest request,
        CancellationToken cancellationToken) =>
        HttpResults.Json(await status.GetAsync(AdmittedRoute.Of(request).ReportingYear, cancellationToken));

    [Function("GetCountyStatus")]
    [Access(AccessScope.CountyRead)]
    public async Task<IActionResult> RunCountyAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status/{year}/{countyCode}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var route = AdmittedRoute.Of(request);
        return HttpResults.Json(await status.GetCountyAsync(route.ReportingYear, route.County!.Code, cancellationToken));
    }
}
