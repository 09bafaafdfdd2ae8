using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Reporting;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>GET /api/totals/{year}[?format=json|xlsx|csv]</c>: national totals of a reporting year (national key). The xlsx is the
/// draft lägesrapport's tables, with owed against received when the reporting service is there (the function app always).
/// </summary>
public sealed partial class GetNationalTotalsFunction(
    TotalsService totals,
    TotalsXlsxExporter xlsx,
    TotalsCsvExporter csv,
    YearClosureStore closures,
    AccessKeys accessKeys,
    ILogger<GetNationalTotalsFunction> logger,
    LagesrapportService? reports = null)
{
    /// <summary>Present on the totals of a closed year: when it closed (UTC, ISO 8601).</summary>
    public const string YearClosedHeader = "PoIntake-Year-Closed";

    [Function("GetNationalTotals")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "totals/{year}")] HttpRequest request,
        string year,
        CancellationToken cancellationToken)
    {
        var (reportingYear, answer) = AccessGate.ForNationalYearRoute(accessKeys, logger, "GetNationalTotals", request, year);
        if (answer is not null)
        {
            return answer;
        }

        var format = HttpResults.FormatOf(request);
        if (format is not ("" or "json" or "xlsx" or "csv"))
        {
            return HttpResults.UnknownFormat("json, xlsx eller csv");
        }

        if (await totals.GetAsync(reportingYear, cancellationToken) is not { } computed)
        {
            return HttpResults.NoAcceptedReports(reportingYear);
        }

        if (await closures.StateAsync(reportingYear, cancellationToken) is { Closed: true } closed)
        {
            // The figures of a closed year no longer change (docs/api.md): said in a header, so the body stays the contract's.
            request.HttpContext.Response.Headers[YearClosedHeader] = closed.Since!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }

        LogServed(logger, reportingYear, format.Length == 0 ? "json" : format);
        if (format != "xlsx")
        {
            // The JSON and csv are exact (person counts 1–3 included): for the national key holder, not for publication.
            request.HttpContext.Response.Headers[HttpResults.PublicationHeader] = HttpResults.NotForPublication;
        }

        return format switch
        {
            // The draft's tables, with owed against received from the grant registers (Tabell 2).
            "xlsx" => new FileContentResult(xlsx.Export((reports is null ? null : await reports.NationalAsync(reportingYear, cancellationToken)) ?? new LagesrapportInputs(computed.Result)), TotalsXlsxExporter.ContentType)
            {
                FileDownloadName = $"personligt-ombud-riket-{reportingYear}.xlsx",
            },
            "csv" => new FileContentResult(csv.Export(computed.Totals), TotalsCsvExporter.ContentType)
            {
                FileDownloadName = $"personligt-ombud-riket-{reportingYear}.csv",
            },
            _ => new FileContentResult(computed.Json, HttpResults.JsonContentType),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Served totals for {Year} as {Format}")]
    private static partial void LogServed(ILogger logger, int year, string format);
}
