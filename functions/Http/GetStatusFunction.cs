using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Status;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/status/{year}</c>: completeness of a reporting year per county.</summary>
public sealed class GetStatusFunction(StatusService status, ILogger<GetStatusFunction> logger)
{
    [Function("GetStatus")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status/{year}")] HttpRequest request,
        string year,
        CancellationToken cancellationToken)
    {
        if (!HttpResults.TryParseYear(year, out var reportingYear))
        {
            return HttpResults.BadYear(year);
        }

        return await HttpResults.GuardAsync(
            logger,
            "GetStatus",
            async () => HttpResults.Json(await status.GetAsync(reportingYear, cancellationToken)),
            cancellationToken);
    }
}
