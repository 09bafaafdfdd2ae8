using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>GET /api/totals/{year}/{countyCode}[?format=json|xlsx|csv]</c>: one county's totals (the county board's key, or a
/// national key), in the national totals' shape and exports, suppressed in the exports as the national ones are.
/// </summary>
public sealed partial class GetCountyTotalsFunction(
    TotalsService totals,
    TotalsXlsxExporter xlsx,
    TotalsCsvExporter csv,
    ILogger<GetCountyTotalsFunction> logger)
{
    [Function("GetCountyTotals")]
    [Access(AccessScope.CountyRead)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "totals/{year}/{countyCode}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var route = AdmittedRoute.Of(request);
        var (reportingYear, county) = (route.ReportingYear, route.County!);
        var format = HttpResults.FormatOf(request);
        if (format is not ("" or "json" or "xlsx" or "csv"))
        {
            return HttpResults.UnknownFormat("json, xlsx eller csv");
        }

        if (await totals.GetCountyAsync(reportingYear, county.Code, cancellationToken) is not { } result)
        {
            return HttpResults.NoAcceptedReports(reportingYear);
        }

        LogServed(logger, reportingYear, county.Code, format.Length == 0 ? "json" : format);
        var name = $"personligt-ombud-{county.Code}-{reportingYear}";
        if (format != "xlsx")
        {
            // The JSON and csv are the county's exact figures (counts 1–3 included): for its county board, not for publication.
            request.HttpContext.Response.Headers[HttpResults.PublicationHeader] = HttpResults.NotForPublication;
        }

        return format switch
        {
            "xlsx" => new FileContentResult(xlsx.Export(result), TotalsXlsxExporter.ContentType) { FileDownloadName = name + ".xlsx" },
            "csv" => new FileContentResult(csv.Export(result.Totals), TotalsCsvExporter.ContentType) { FileDownloadName = name + ".csv" },
            _ => new FileContentResult(JsonSerializer.SerializeToUtf8Bytes(result.Totals, TotalsJson.Options), HttpResults.JsonContentType),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Served county totals for {Year}, county {County}, as {Format}")]
    private static partial void LogServed(ILogger logger, int year, string county, string format);
}
