using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Reporting;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>GET /api/report/{year}[?format=docx|json][&amp;county={code}]</c>: the draft lägesrapport of a reporting year as Word
/// (national key), or a county board's part of it from its own reports (<c>county</c>: that county board's key, or the
/// national key). <c>format=json</c> is the same draft as data (its tables as shown, suppressed), which the Översikt
/// page draws Figur 1 from.
/// </summary>
public sealed partial class GetReportDraftFunction(
    LagesrapportService reports,
    LagesrapportDocxWriter docx,
    ILogger<GetReportDraftFunction> logger)
{
    [Function("GetReportDraft")]
    [Access(AccessScope.National, CountyInQuery = true)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "report/{year}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (reportingYear, county) = (AdmittedRoute.Of(request).ReportingYear, AdmittedRoute.Of(request).County);

        var format = HttpResults.FormatOf(request);
        if (format is not ("" or "docx" or "json"))
        {
            return HttpResults.UnknownFormat("docx (lägesrapporten som Word-dokument) eller json (utkastets tabeller som data)");
        }

        var inputs = county is null
            ? await reports.NationalAsync(reportingYear, cancellationToken)
            : await reports.CountyAsync(reportingYear, county, cancellationToken);
        if (inputs is null)
        {
            return HttpResults.NoAcceptedReports(reportingYear, ", så ingen lägesrapport kan tas fram");
        }

        var report = LagesrapportBuilder.Build(inputs);
        LogServed(logger, reportingYear, county?.Code ?? "national", inputs.Previous is not null);
        if (format == "json")
        {
            return HttpResults.Json(LagesrapportJson.From(report));
        }

        var suffix = county is null ? string.Empty : $"-{county.Code}";
        return new FileContentResult(docx.Write(report), LagesrapportDocxWriter.ContentType)
        {
            FileDownloadName = $"lagesrapport-personligt-ombud-{reportingYear}{suffix}.docx",
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Served the draft lägesrapport for {Year} ({Scope}; previous year's totals: {HasPrevious})")]
    private static partial void LogServed(ILogger logger, int year, string scope, bool hasPrevious);
}
