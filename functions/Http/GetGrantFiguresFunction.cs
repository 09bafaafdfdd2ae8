using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Grants;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/grants/{year}[?format=json|xlsx|csv]</c>: the national figures of a year's grant cycle (national key; docs/grants.md).</summary>
public sealed partial class GetGrantFiguresFunction(
    GrantFiguresService figures,
    ILogger<GetGrantFiguresFunction> logger)
{
    [Function("GetGrantFigures")]
    [Access(AccessScope.National)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "grants/{year}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var grantYear = AdmittedRoute.Of(request).ReportingYear;
        var format = HttpResults.FormatOf(request);
        if (format is not ("" or "json" or "xlsx" or "csv"))
        {
            return HttpResults.UnknownFormat("json, xlsx eller csv");
        }

        var computed = await figures.GetAsync(grantYear, cancellationToken);
        if (computed is null)
        {
            return HttpResults.Problem(
                StatusCodes.Status404NotFound,
                "Inga bidragsregister för året",
                $"Ingen länsstyrelse har lämnat in ett bidragsregister för {grantYear}.");
        }

        LogServed(logger, grantYear, format.Length == 0 ? "json" : format);
        return format switch
        {
            "xlsx" => new FileContentResult(GrantFiguresExporter.Xlsx(computed), TotalsXlsxExporter.ContentType)
            {
                FileDownloadName = $"statsbidrag-personligt-ombud-riket-{grantYear}.xlsx",
            },
            "csv" => new FileContentResult(GrantFiguresExporter.Csv(computed), TotalsCsvExporter.ContentType)
            {
                FileDownloadName = $"statsbidrag-personligt-ombud-riket-{grantYear}.csv",
            },
            _ => HttpResults.Json(computed),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Served grant figures for {Year} as {Format}")]
    private static partial void LogServed(ILogger logger, int year, string format);
}
