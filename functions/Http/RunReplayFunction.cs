using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Replay;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>POST /api/manage/replay/{year}</c>: runs a replay of the year and answers it with links to its report. Synchronous: a
/// national year takes tens of seconds. The replay is not cancelled when the caller goes away (Azure's front end cuts an
/// HTTP answer off after 230 s): it writes only its own tables and finishes within the host's functionTimeout; its status
/// is then in <c>GET …/replay/{year}</c>. The actor is the administration key's holder, never the key.
/// </summary>
public sealed partial class RunReplayFunction(ReplayAdministration administration, ILogger<RunReplayFunction> logger)
{
    [Function("RunReplay")]
    [Access(AccessScope.Administration)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ReplayAdministration.YearRoute)] HttpRequest request)
    {
        var route = AdmittedRoute.Of(request);
        var answer = await administration.RunAsync(route.ReportingYear, route.Actor, CancellationToken.None);
        if (answer.Value is { } run)
        {
            LogRun(logger, run.ReplayId, run.Year, route.Actor, run.Originals, run.DifferenceCount);
        }

        return ReplayAnswers.Of(answer);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {ReplayId} of {Year} run by {Actor}: {Originals} originals, {DifferenceCount} differences")]
    private static partial void LogRun(ILogger logger, string replayId, int year, string actor, int originals, int differenceCount);
}
