using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Storage;

namespace PoIntake.Functions.Http;

/// <summary>
/// Closing and reopening a reporting year (docs/replay.md, "Closing a year"; docs/api.md), administration key only:
/// <c>POST /api/manage/years/{year}/close?reason=…</c>, <c>POST …/reopen?reason=…</c>, <c>GET /api/manage/years/{year}</c>
/// (the state now and every closing and reopening). The actor recorded is the key's holder, never the key.
/// </summary>
public sealed partial class YearClosureAdminFunctions(YearClosureStore closures, ILogger<YearClosureAdminFunctions> logger)
{
    public const string YearRoute = "manage/years/{year}";

    private const int MaxReasonLength = 500;

    [Function("CloseYear")]
    [Access(AccessScope.Administration)]
    public Task<IActionResult> CloseAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = YearRoute + "/close")] HttpRequest request, CancellationToken cancellationToken) =>
        RecordAsync(request, close: true, cancellationToken);

    [Function("ReopenYear")]
    [Access(AccessScope.Administration)]
    public Task<IActionResult> ReopenAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = YearRoute + "/reopen")] HttpRequest request, CancellationToken cancellationToken) =>
        RecordAsync(request, close: false, cancellationToken);

    [Function("GetYearClosure")]
    [Access(AccessScope.Administration)]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = YearRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        StateAsync(AdmittedRoute.Of(request).ReportingYear, cancellationToken);

    private async Task<IActionResult> RecordAsync(HttpRequest request, bool close, CancellationToken cancellationToken)
    {
        var route = AdmittedRoute.Of(request);
        var (reportingYear, actor) = (route.ReportingYear, route.Actor);

        var reason = request.Query["reason"].ToString().Trim();
        if (reason.Length is 0 or > MaxReasonLength)
        {
            return HttpResults.Problem(
                StatusCodes.Status400BadRequest,
                "Skäl saknas",
                string.Create(CultureInfo.InvariantCulture, $"Ange varför året {(close ? "stängs" : "öppnas igen")} i parametern reason (högst {MaxReasonLength} tecken), till exempel ?reason=Lägesrapporten publicerad."));
        }

        var state = await closures.StateAsync(reportingYear, cancellationToken);
        if (state.Closed == close)
        {
            return HttpResults.Problem(
                StatusCodes.Status409Conflict,
                close ? "Året är redan stängt" : "Året är inte stängt",
                close ? $"År {reportingYear} är redan stängt." : $"År {reportingYear} är öppet; det finns inget att öppna.");
        }

        if (close)
        {
            await closures.CloseAsync(reportingYear, actor, reason, cancellationToken);
        }
        else
        {
            await closures.ReopenAsync(reportingYear, actor, reason, cancellationToken);
        }

        LogRecorded(logger, reportingYear, close ? "closed" : "reopened", actor);
        return await StateAsync(reportingYear, cancellationToken);
    }

    private async Task<IActionResult> StateAsync(int year, CancellationToken cancellationToken)
    {
        var state = await closures.StateAsync(year, cancellationToken);
        var history = await closures.HistoryAsync(year, cancellationToken);
        return HttpResults.Json(new
        {
            Year = year,
            state.Closed,
            ClosedSince = state.Since,
            ClosedBy = state.By,
            state.Reason,
            DefaultClosing = closures.DefaultClosing(year),
            History = history.Select(h => new { h.Action, h.By, h.At, h.Reason }),
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Year {Year} {Action} by {Actor}")]
    private static partial void LogRecorded(ILogger logger, int year, string action, string actor);
}
