using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Replay;

namespace PoIntake.Functions.Http;

/// <summary><c>DELETE /api/manage/replay/{year}/{replayId}</c>: deletes the replay's tables and results container, and the backup of its switch if any.</summary>
public sealed partial class CleanUpReplayFunction(ReplayAdministration administration, ILogger<CleanUpReplayFunction> logger)
{
    [Function("CleanUpReplay")]
    [Access(AccessScope.Administration)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = ReplayAdministration.ReplayRoute)] HttpRequest request,
        string replayId,
        CancellationToken cancellationToken)
    {
        var route = AdmittedRoute.Of(request);
        var answer = await administration.CleanUpAsync(route.ReportingYear, replayId, route.Actor, cancellationToken);
        if (answer.Value is { } cleaned)
        {
            LogCleanedUp(logger, cleaned.ReplayId, cleaned.Year, route.Actor);
        }

        return ReplayAnswers.Of(answer);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {ReplayId} of {Year} cleaned up by {Actor}")]
    private static partial void LogCleanedUp(ILogger logger, string replayId, int year, string actor);
}
