using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Access;
using PoIntake.Core.Replay;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/manage/replay/{year}/{replayId}[?format=json|xlsx]</c>: the stored report of differences of one replay, as JSON (the default) or xlsx.</summary>
public sealed class GetReplayReportFunction(ReplayAdministration administration)
{
    [Function("GetReplayReport")]
    [Access(AccessScope.Administration)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ReplayAdministration.ReplayRoute)] HttpRequest request,
        string replayId,
        CancellationToken cancellationToken)
    {
        var year = AdmittedRoute.Of(request).ReportingYear;
        if (ReplaySet.Parse(year, replayId) is null)
        {
            return ReplayAnswers.Problem(ReplayAdministration.BadId(year));
        }

        ReplayReportFormat? format = HttpResults.FormatOf(request) switch
        {
            "" or "json" => ReplayReportFormat.Json,
            "xlsx" => ReplayReportFormat.Xlsx,
            _ => null,
        };
        if (format is not { } chosen)
        {
            return HttpResults.UnknownFormat("json (standard) eller xlsx (rapporten om skillnader som Excel-fil)");
        }

        var answer = await administration.ReportAsync(year, replayId, chosen, cancellationToken);
        if (answer.Value is not { } report)
        {
            return ReplayAnswers.Problem(answer.Refusal!);
        }

        return chosen == ReplayReportFormat.Xlsx
            ? new FileContentResult(report.Content.ToArray(), TotalsXlsxExporter.ContentType) { FileDownloadName = $"{report.Replay.Id}.xlsx" }
            : new FileContentResult(report.Content.ToArray(), HttpResults.JsonContentType);
    }
}
