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
        if (!HttpResults.TryParseYear(year, out var reportingYear))
        {
            return HttpResults.BadYear(year);
        }

        if (AccessGate.Refusal(accessKeys, logger, "GetReportDraft", request, AccessScope.National) is { } refused)
        {
            return refused;
        }

        var format = request.Query["format"].ToString().Trim().ToLowerInvariant();
        if (format is not ("" or "docx"))
        {
            return HttpResults.Problem(
                StatusCodes.Status400BadRequest,
                "Okänt format",
                "Lägesrapporten finns som Word-dokument: format=docx.");
        }

        var computed = await totals.GetAsync(reportingYear, cancellationToken);
        if (computed is null)
        {
            return HttpResults.Problem(
                StatusCodes.Status404NotFound,
                "Inga uppgifter för året",
                $"Det finns inga godkända redovisningar för {reportingYear}, så ingen lägesrapport kan tas fram.");
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
