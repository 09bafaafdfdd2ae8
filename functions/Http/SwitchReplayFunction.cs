using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Replay;

namespace PoIntake.Functions.Http;

/// <summary><c>POST /api/manage/replay/{year}/{replayId}/switch</c>: makes the replay live for its year (the switch keeps the replaced rows as a backup); 409 when the switch refuses.</summary>
public sealed partial class SwitchReplayFunction(ReplayAdministration administration, ILogger<SwitchReplayFunction> logger)
{
    [Function("SwitchReplay")]
    [Access(AccessScope.Administration)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ReplayAdministration.ReplayRoute + "/switch")] HttpRequest request,
        string replayId,
        CancellationToken cancellationToken)
    {
        var route = AdmittedRoute.Of(request);
        var answer = await administration.SwitchAsync(route.ReportingYear, replayId, route.Actor, cancellationToken);
        if (answer.Value is { } switched)
        {
            LogSwitched(logger, switched.ReplayId, switched.Year, route.Actor, switched.RowsReplaced, switched.Revision);
        }

        return ReplayAnswers.Of(answer);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay {ReplayId} of {Year} made live by {Actor}: {RowsReplaced} rows replaced, revision {Revision}")]
    private static partial void LogSwitched(ILogger logger, string replayId, int year, string actor, int rowsReplaced, string revision);
}
