using System.Text.Json;
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
    ILogger<GetNationalTotalsFunction> logger,
    LagesrapportService? reports = null)
{
    /// <summary>Present on the totals of a closed year: when it closed (UTC, ISO 8601).</summary>
    public const string YearClosedHeader = "PoIntake-Year-Closed";

    [Function("GetNationalTotals")]
    [Access(AccessScope.National)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "totals/{year}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var reportingYear = AdmittedRoute.Of(request).ReportingYear;
        var format = HttpResults.FormatOf(request);
        if (format is not ("" or "json" or "xlsx" or "csv"))
        {
            return HttpResults.UnknownFormat("json, xlsx eller csv");
        }

        if (await totals.GetAsync(reportingYear, cancellationToken) is not { } computed)
        {
            return HttpResults.NoAcceptedReports(reportingYear);
        }

        var json = computed.Json;
        if (await closures.StateAsync(reportingYear, cancellationToken) is { Closed: true, Since: { } since })
        {
            // The figures of a closed year no longer change (docs/api.md): said in the JSON's "closed" (absent while the year
            // is open, so an open year's body is as it always was) and, for the csv and xlsx too, in a header.
            request.HttpContext.Response.Headers[YearClosedHeader] = since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            json = JsonSerializer.SerializeToUtf8Bytes(computed.Totals with { Closed = new ClosedYear(since) }, TotalsJson.Options);
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
            _ => new FileContentResult(json, HttpResults.JsonContentType),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Served totals for {Year} as {Format}")]
    private static partial void LogServed(ILogger logger, int year, string format);
}
