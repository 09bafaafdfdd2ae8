using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/report/{year}[?format=docx]</c>: the draft lägesrapport of a reporting year as Word (national key).</summary>
public sealed partial class GetReportDraftFunction(
    TotalsService totals,
    LagesrapportDocxWriter docx,
    AccessKeys accessKeys,
    ILogger<GetReportDraftFunction> logger)
{
    [Function("GetReportDraft")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "report/{year}")] HttpRequest request,
        string year,
        CancellationToken cancellationToken)
    {
        var (reportingYear, answer) = AccessGate.ForNationalYearRoute(accessKeys, logger, "GetReportDraft", request, year);
        if (answer is not null)
        {
            return answer;
        }

        if (request.Query["format"].ToString().Trim().ToLowerInvariant() is not ("" or "docx"))
        {
            return HttpResults.UnknownFormat("docx (lägesrapporten som Word-dokument)");
        }

        if (await totals.GetAsync(reportingYear, cancellationToken) is not { } computed)
        {
            return HttpResults.NoAcceptedReports(reportingYear, ", så ingen lägesrapport kan tas fram");
        }

        var previous = reportingYear > HttpResults.MinYear ? await totals.GetAsync(reportingYear - 1, cancellationToken) : null;
        var report = LagesrapportBuilder.Build(computed.Result, previous?.Totals);
        LogServed(logger, reportingYear, previous is not null);
        return new FileContentResult(docx.Write(report), LagesrapportDocxWriter.ContentType)
        {
            FileDownloadName = $"lagesrapport-personligt-ombud-{reportingYear}.docx",
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Served the draft lägesrapport for {Year} (previous year's totals: {HasPrevious})")]
    private static partial void LogServed(ILogger logger, int year, bool hasPrevious);
}
