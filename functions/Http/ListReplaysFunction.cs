using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Access;
using PoIntake.Core.Replay;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/manage/replay/{year}</c>: the replays of the year, oldest first: who ran, switched and cleaned up each, when, and how many differences.</summary>
public sealed class ListReplaysFunction(ReplayAdministration administration)
{
    [Function("ListReplays")]
    [Access(AccessScope.Administration)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ReplayAdministration.YearRoute)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var year = AdmittedRoute.Of(request).ReportingYear;
        return HttpResults.Json(new { Year = year, Replays = await administration.ListAsync(year, cancellationToken) });
    }
}
