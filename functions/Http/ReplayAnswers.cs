using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PoIntake.Core.Replay;

namespace PoIntake.Functions.Http;

/// <summary>
/// The answers of the replay administration routes (docs/replay.md, "Who may replay"; docs/api.md), administration key
/// only: <see cref="RunReplayFunction"/>, <see cref="ListReplaysFunction"/>, <see cref="GetReplayReportFunction"/>,
/// <see cref="SwitchReplayFunction"/>, <see cref="CleanUpReplayFunction"/>, one class per route; what they do is
/// <see cref="ReplayAdministration"/>'s.
/// </summary>
internal static class ReplayAnswers
{
    /// <summary>A refusal of <see cref="ReplayAdministration"/> as its problem: 400, 404 or 409 with <c>reason</c> and <c>refusal</c>.</summary>
    public static ContentResult Problem(ReplayRefusal refusal) => refusal.Kind switch
    {
        ReplayRefusalKind.BadId => HttpResults.Problem(StatusCodes.Status400BadRequest, refusal.Title, refusal.Detail),
        ReplayRefusalKind.NotFound when refusal.Refusal is null => HttpResults.Problem(StatusCodes.Status404NotFound, refusal.Title, refusal.Detail),
        _ => HttpResults.Problem(
            refusal.Kind == ReplayRefusalKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict,
            refusal.Title,
            refusal.Detail,
            new Dictionary<string, object?> { ["reason"] = "replayRefused", ["refusal"] = refusal.Refusal }),
    };

    /// <summary>The value as JSON, or the refusal's problem.</summary>
    public static IActionResult Of<T>(ReplayAnswer<T> answer)
        where T : class => answer.Refusal is { } refusal ? Problem(refusal) : HttpResults.Json(answer.Value!);
}
