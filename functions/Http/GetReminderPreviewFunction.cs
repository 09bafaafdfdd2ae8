using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/reminders/preview?date=YYYY-MM-DD</c>: answers 501 until the reminders issue lands.</summary>
public sealed class GetReminderPreviewFunction
{
    [Function("GetReminderPreview")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reminders/preview")] HttpRequest request) =>
        HttpResults.Problem(
            StatusCodes.Status501NotImplemented,
            "Inte infört ännu",
            "Förhandsvisning av påminnelser finns inte ännu.");
}
