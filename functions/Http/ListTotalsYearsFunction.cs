using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/totals</c>: the years that have data, each with its headline figures.</summary>
public sealed class ListTotalsYearsFunction(TotalsService totals)
{
    [Function("ListTotalsYears")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "totals")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var years = await totals.ListYearsAsync(cancellationToken);
        return HttpResults.Json(new { years });
    }
}
