using System.Globalization;
using Microsoft.Extensions.Options;
using PoIntake.Core.Email;
using PoIntake.Core.Reminders;

namespace PoIntake.DevHost.Reminders;

/// <summary>
/// Devhost only: <c>POST /dev/reminders/run?date=YYYY-MM-DD</c> runs a reminder pass as if it were that Swedish morning,
/// so the mails appear as .eml files in the outbox (Email:OutboxDirectory). Not part of the function app.
/// </summary>
internal static class ReminderDevEndpoints
{
    public const string Route = "/dev/reminders/run";

    /// <summary>Local defaults the reminder functions need: an hourly pass and the .eml outbox under the repository.</summary>
    public static IDictionary<string, string?> Defaults(DevHostOptions options) => new Dictionary<string, string?>
    {
        ["RemindersSchedule"] = "0 5 * * * *",
        ["Reminders:PublicBaseUrl"] = DevHostOptions.Url,
        ["Email:Mode"] = nameof(EmailMode.Outbox),
        ["Email:OutboxDirectory"] = Path.Combine(options.RepositoryRoot, ".outbox"),
    };

    public static IEndpointRouteBuilder MapReminderDevEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, async (HttpContext context, ReminderPass pass, IOptions<ReminderOptions> reminders, IOptions<EmailOptions> email) =>
        {
            if (!DateOnly.TryParseExact(context.Request.Query["date"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return Results.Problem(statusCode: 400, title: "Ogiltigt datum", detail: "Ange date=ÅÅÅÅ-MM-DD.");
            }

            var now = ReminderSchedule.AtSwedishTime(date, reminders.Value.SendAt);
            var result = await pass.RunAtAsync(now, null, context.RequestAborted);
            return Results.Ok(new
            {
                simulatedAt = now,
                result.DueSlots,
                result.Planned,
                result.Sent,
                result.AlreadyHandled,
                result.Failed,
                result.Rejected,
                outbox = email.Value.EffectiveMode == EmailMode.Outbox ? Path.GetFullPath(email.Value.OutboxDirectory ?? ".outbox") : null,
            });
        });
        return endpoints;
    }
}
