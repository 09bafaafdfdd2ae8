using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/totals</c>: the years that have data, each with its headline figures (national key).</summary>
public sealed class ListTotalsYearsFunction(TotalsService totals, AccessKeys accessKeys, ILogger<ListTotalsYearsFunction> logger)
{
    [Function("ListTotalsYears")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "totals")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (AccessGate.Refusal(accessKeys, logger, "ListTotalsYears", request, AccessScope.National) is { } refused)
        {
            return refused;
        }

        var years = await totals.ListYearsAsync(cancellationToken);
        return HttpResults.Json(new { years });
    }
}
