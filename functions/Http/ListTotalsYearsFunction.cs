using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Access;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/totals</c>: the years that have data, each with its headline figures (national key).</summary>
public sealed class ListTotalsYearsFunction(TotalsService totals)
{
    [Function("ListTotalsYears")]
    [Access(AccessScope.National)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "totals")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var years = await totals.ListYearsAsync(cancellationToken);
        return HttpResults.Json(new { years });
    }
}
