using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Reminders;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>GET /api/reminders/preview?date=YYYY-MM-DD</c>: every reminder that would be sent on that Swedish calendar day.
/// Answers 501 while the app is composed without reminders.
/// </summary>
public sealed class GetReminderPreviewFunction(ReminderPass? reminders = null)
{
    [Function("GetReminderPreview")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reminders/preview")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(request.Query["date"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return HttpResults.Problem(
                StatusCodes.Status400BadRequest,
                "Ogiltigt datum",
                "Ange datumet som date=ÅÅÅÅ-MM-DD, till exempel date=2028-01-10.");
        }

        if (reminders is null)
        {
            return HttpResults.Problem(
                StatusCodes.Status501NotImplemented,
                "Inte infört ännu",
                "Förhandsvisning av påminnelser finns inte i den här installationen.");
        }

        var items = await reminders.PreviewAsync(date, cancellationToken);
        return HttpResults.Json(new
        {
            date,
            reminders = items.Select(i => new
            {
                deadline = i.Deadline,
                deadlineYear = i.DeadlineYear,
                deadlineDate = i.DeadlineDate,
                offset = i.Offset,
                audience = i.Audience.ToString(),
                recipient = i.Recipient,
                subject = i.Subject,
                ledgerStatus = i.LedgerStatus,
            }),
        });
    }
}
