using System.Text.Json;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Replay;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary>
/// The administration routes of a replay (docs/replay.md, "Who may replay"; docs/api.md), administration key only:
/// <c>POST /api/manage/replay/{year}</c> runs a replay, <c>GET /api/manage/replay/{year}</c> lists the year's replays,
/// <c>GET /api/manage/replay/{year}/{replayId}[?format=json|xlsx]</c> serves its report of differences,
/// <c>POST …/{replayId}/switch</c> makes it live, <c>DELETE …/{replayId}</c> cleans it up. The actor passed to the
/// replay, the switch and the clean-up is the key's holder ("administration ops-socialstyrelsen"), never the key.
/// The prefix is <c>manage/</c>, not <c>admin/</c>: the Functions host refuses every route starting with "admin"
/// (its own management API) at start, and the function would answer 404.
/// </summary>
public sealed partial class ReplayAdminFunctions(
    IYearReplay replays,
    IReplaySwitch switches,
    ReplayLogStore log,
    AccessKeys accessKeys,
    ILogger<ReplayAdminFunctions> logger)
{
    /// <summary>The route of a year's replays, under the app's <c>/api</c> prefix.</summary>
    public const string YearRoute = "manage/replay/{year}";

    /// <summary>The route of one replay.</summary>
    public const string ReplayRoute = YearRoute + "/{replayId}";

    private const string XlsxContentType = TotalsXlsxExporter.ContentType;

    /// <summary>
    /// Runs a replay of the year and answers the <see cref="ReplayRun"/> with links to its report. Synchronous: a national
    /// year takes tens of seconds. The replay is not cancelled when the caller goes away (Azure's front end cuts an HTTP
    /// answer off after 230 s): it writes only its own tables and finishes within the host's functionTimeout; its status
    /// is then in <c>GET …/replay/{year}</c>.
    /// </summary>
    [Function("RunReplay")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = YearRoute)] HttpRequest request,
        string year)
    {
        var (reportingYear, actor, answer) = AccessGate.ForAdministrationYearRoute(accessKeys, logger, "RunReplay", request, year);
        if (answer is not null)
        {
            return answer;
        }

        ReplayRun run;
        try
        {
            run = await replays.RunAsync(reportingYear, actor, CancellationToken.None);
        }
        catch (InvalidOperationException refused)
        {
            return Conflict("Omkörningen kunde inte startas", refused);
        }

        LogRun(logger, run.ReplayId, run.Year, actor, run.Originals, run.DifferenceCount);
        return HttpResults.Json(new
        {
            run.Year,
            run.ReplayId,
            run.StartedBy,
            run.StartedAt,
            run.FinishedAt,
            run.Originals,
            run.DifferenceCount,
            Links = Links(run.Year, run.ReplayId),
        });
    }

    /// <summary>The replays of the year, oldest first: who ran, switched and cleaned up each, when, and how many differences.</summary>
    [Function("ListReplays")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = YearRoute)] HttpRequest request,
        string year,
        CancellationToken cancellationToken)
    {
        var (reportingYear, _, answer) = AccessGate.ForAdministrationYearRoute(accessKeys, logger, "ListReplays", request, year);
        if (answer is not null)
        {
            return answer;
        }

        var entries = await log.ListAsync(reportingYear, cancellationToken);
        return HttpResults.Json(new
        {
            Year = reportingYear,
            Replays = entries.Select(e => new
            {
                ReplayId = e.RowKey,
                e.Status,
                e.StartedBy,
                e.StartedAt,
                e.FinishedAt,
                e.Originals,
                e.DifferenceCount,
                e.SwitchedBy,
                e.SwitchedAt,
                e.CleanedUpBy,
                e.CleanedUpAt,
                Links = Links(reportingYear, e.RowKey),
            }),
        });
    }

    /// <summary>The stored report of differences of one replay, as JSON (the default) or xlsx.</summary>
    [Function("GetReplayReport")]
    public async Task<IActionResult> GetReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ReplayRoute)] HttpRequest request,
        string year,
        string replayId,
        CancellationToken cancellationToken)
    {
        var (replay, _, answer) = ForReplayRoute("GetReplayReport", request, year, replayId);
        if (answer is not null)
        {
            return answer;
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

        if (await replays.OpenReportAsync(replay!, chosen, cancellationToken) is not { } report)
        {
            return NotFound(replay!, "Det finns ingen rapport om skillnader för omkörningen");
        }

        return chosen == ReplayReportFormat.Xlsx
            ? new FileContentResult(report.ToArray(), XlsxContentType) { FileDownloadName = $"{replay!.Id}.xlsx" }
            : new FileContentResult(report.ToArray(), HttpResults.JsonContentType);
    }

    /// <summary>Makes the replay live for its year (the switch keeps the replaced rows as a backup); 409 when the switch refuses.</summary>
    [Function("SwitchReplay")]
    public async Task<IActionResult> SwitchAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ReplayRoute + "/switch")] HttpRequest request,
        string year,
        string replayId,
        CancellationToken cancellationToken)
    {
        var (replay, actor, answer) = await ForLoggedReplayAsync("SwitchReplay", request, year, replayId, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        ReplaySwitch switched;
        try
        {
            switched = await switches.SwitchAsync(replay!, actor, cancellationToken);
        }
        catch (InvalidOperationException refused)
        {
            return Conflict("Omkörningen kan inte bli gällande", refused);
        }

        LogSwitched(logger, switched.ReplayId, switched.Year, actor, switched.RowsReplaced, switched.Revision);
        return HttpResults.Json(switched);
    }

    /// <summary>Deletes the replay's tables and results container, and the backup of its switch if any.</summary>
    [Function("CleanUpReplay")]
    public async Task<IActionResult> CleanUpAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = ReplayRoute)] HttpRequest request,
        string year,
        string replayId,
        CancellationToken cancellationToken)
    {
        var (replay, actor, answer) = await ForLoggedReplayAsync("CleanUpReplay", request, year, replayId, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        try
        {
            await switches.CleanUpAsync(replay!, actor, cancellationToken);
        }
        catch (InvalidOperationException refused)
        {
            return Conflict("Omkörningen kan inte städas bort", refused);
        }

        LogCleanedUp(logger, replay!.Id, replay.Year, actor);
        var entry = await log.FindAsync(replay, cancellationToken);
        return HttpResults.Json(new
        {
            replay.Year,
            ReplayId = replay.Id,
            entry?.Status,
            CleanedUpBy = entry?.CleanedUpBy ?? actor,
            entry?.CleanedUpAt,
        });
    }

    /// <summary>
    /// The refusal of the replay engine or the switch (not completed, already switched, newer uploads since the replay, a
    /// replay of the year already running) as a 409 whose detail is the refusal's own message. The one place that maps
    /// a refusal to HTTP: the engine and the switch throw <see cref="InvalidOperationException"/> (or a subtype) with a
    /// Swedish message for the operator; anything else is a fault and becomes the 500 of <see cref="ProblemMiddleware"/>.
    /// </summary>
    internal static ContentResult Conflict(string title, InvalidOperationException refused) => HttpResults.Problem(
        refused is ReplaySwitchRefusedException { IsNotFound: true } ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict,
        title,
        refused.Message,
        new Dictionary<string, object?>
        {
            ["reason"] = "replayRefused",
            ["refusal"] = refused is ReplaySwitchRefusedException switchRefused ? JsonNamingPolicy.CamelCase.ConvertName(switchRefused.Reason.ToString()) : null,
        });

    /// <summary>The administration gate, then the year, then the replay id (<see cref="ReplaySet.Parse"/>).</summary>
    private (ReplaySet? Replay, string Actor, ContentResult? Answer) ForReplayRoute(string function, HttpRequest request, string year, string replayId)
    {
        var (reportingYear, actor, answer) = AccessGate.ForAdministrationYearRoute(accessKeys, logger, function, request, year);
        if (answer is not null)
        {
            return (null, actor, answer);
        }

        return ReplaySet.Parse(reportingYear, replayId) is { } replay
            ? (replay, actor, null)
            : (null, actor, HttpResults.Problem(
                StatusCodes.Status400BadRequest,
                "Ogiltig omkörning",
                $"En omkörning av {reportingYear} heter Replay{reportingYear}T följt av startögonblicket (ååååMMddHHmmss, UTC), till exempel Replay{reportingYear}T20261202031500. Omkörningarna av året listas under GET {PathOf(reportingYear)}."));
    }

    /// <summary>As <see cref="ForReplayRoute"/>, and then a 404 when <c>ReplayLog</c> has no such replay (nothing to switch or clean up).</summary>
    private async Task<(ReplaySet? Replay, string Actor, ContentResult? Answer)> ForLoggedReplayAsync(
        string function, HttpRequest request, string year, string replayId, CancellationToken cancellationToken)
    {
        var (replay, actor, answer) = ForReplayRoute(function, request, year, replayId);
        return answer is null && await log.FindAsync(replay!, cancellationToken) is null
            ? (replay, actor, NotFound(replay!, "Det finns ingen omkörning"))
            : (replay, actor, answer);
    }

    private static ContentResult NotFound(ReplaySet replay, string what) => HttpResults.Problem(
        StatusCodes.Status404NotFound,
        "Omkörningen finns inte",
        $"{what} {replay.Id} av {replay.Year}. Omkörningarna av året listas under GET {PathOf(replay.Year)}.");

    /// <summary>The URL path of a year's replays: <c>/api/manage/replay/2025</c>.</summary>
    private static string PathOf(int year) => "/api/" + YearRoute.Replace("{year}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static object Links(int year, string replayId)
    {
        var replay = PathOf(year) + "/" + replayId;
        return new { Report = replay, ReportXlsx = replay + "?format=xlsx", Switch = replay + "/switch", CleanUp = replay };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {ReplayId} of {Year} run by {Actor}: {Originals} originals, {DifferenceCount} differences")]
    private static partial void LogRun(ILogger logger, string replayId, int year, string actor, int originals, int differenceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay {ReplayId} of {Year} made live by {Actor}: {RowsReplaced} rows replaced, revision {Revision}")]
    private static partial void LogSwitched(ILogger logger, string replayId, int year, string actor, int rowsReplaced, string revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {ReplayId} of {Year} cleaned up by {Actor}")]
    private static partial void LogCleanedUp(ILogger logger, string replayId, int year, string actor);
}
