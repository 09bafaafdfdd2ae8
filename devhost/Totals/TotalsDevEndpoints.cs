using PoIntake.Core.Totals;

namespace PoIntake.DevHost.Totals;

/// <summary>
/// Devhost only: <c>GET /dev/totals/{year}/uncached</c> recomputes the totals from the fact rows on every request,
/// the baseline that scripts/load-totals.sh measures the cached <c>GET /api/totals/{year}</c> against. Not part of the function app.
/// </summary>
internal static class TotalsDevEndpoints
{
    public static IEndpointRouteBuilder MapTotalsDevEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dev/totals/{year:int}/uncached", async (int year, TotalsService totals, CancellationToken cancellationToken) =>
            await totals.ComputeAsync(year, "uncached", cancellationToken) is { } computed
                ? Results.Bytes(computed.Json, "application/json; charset=utf-8")
                : Results.Problem(statusCode: 404, title: "Inga uppgifter", detail: $"Det finns inga godkända redovisningar för {year}."));
        return endpoints;
    }
}
