using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Access;
using PoIntake.Core.Reminders;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>GET /api/reminders/preview?date=YYYY-MM-DD</c>: every reminder whose moment falls on that Swedish calendar day,
/// with its ledger state; sends nothing. Lists every county's recipients, so Socialstyrelsen's national key only.
/// </summary>
public sealed class GetReminderPreviewFunction(ReminderPass reminders)
{
    [Function("GetReminderPreview")]
    [Access(AccessScope.National)]
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

        var items = await reminders.PreviewAsync(date, cancellationToken);
        return HttpResults.Json(new
        {
            date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            reminders = items.Select(i => new
            {
                deadline = i.Deadline,
                deadlineYear = i.DeadlineYear,
                deadlineDate = i.DeadlineDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                offsetDays = i.Offset,
                audience = ReminderAudiences.Id(i.Audience),
                recipient = i.Recipient,
                subject = i.Subject,
                alreadySent = i.LedgerStatus == nameof(LedgerStatus.Sent),
                ledgerStatus = i.LedgerStatus,
            }).ToArray(),
        });
    }
}
