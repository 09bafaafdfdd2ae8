using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Grants;
using PoIntake.Core.Storage;

namespace PoIntake.Functions.Http;

/// <summary>
/// Socialstyrelsen's figures for a year as data (docs/grants.md, "Socialstyrelsen's figures"; docs/api.md), administration
/// key only: <c>POST /api/manage/grants/{year}/national-figures</c> (JSON, <see cref="NationalFiguresInput"/>) stores a new
/// version — nothing is overwritten — and <c>GET</c> the same route answers the figures in use, their source and every
/// version. The actor recorded is the key's holder, never the key.
/// </summary>
public sealed partial class NationalFiguresAdminFunctions(
    NationalFiguresStore store, AppropriationSource appropriation, ILogger<NationalFiguresAdminFunctions> logger)
{
    public const string Route = "manage/grants/{year}/national-figures";

    [Function("PostNationalFigures")]
    [Access(AccessScope.Administration)]
    public async Task<IActionResult> PostAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Route)] HttpRequest request, CancellationToken cancellationToken)
    {
        var route = AdmittedRoute.Of(request);
        var (grantYear, actor) = (route.ReportingYear, route.Actor);

        if (await HttpResults.ReadBodyAsync(request, NationalFiguresInput.MaxBodyBytes, cancellationToken) is not { } body)
        {
            return HttpResults.Problem(StatusCodes.Status413PayloadTooLarge, "För stort innehåll", $"Uppgifterna får vara högst {NationalFiguresInput.MaxBodyBytes / 1024} kB JSON.");
        }

        var (input, problems) = NationalFiguresInput.Parse(body);
        if (input is null)
        {
            return HttpResults.Problem(
                StatusCodes.Status400BadRequest,
                "Felaktiga uppgifter",
                string.Join(" ", problems),
                new Dictionary<string, object?> { ["problems"] = problems });
        }

        var stored = await store.AddAsync(
            grantYear, input.GrantsSek, input.AmountPerFullTimeEquivalentSek, input.RepaidSek, input.OtherLines, actor, input.Comment, cancellationToken);
        LogStored(logger, grantYear, stored.VersionId, actor);
        return await StateAsync(grantYear, cancellationToken);
    }

    [Function("GetNationalFigures")]
    [Access(AccessScope.Administration)]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Route)] HttpRequest request, CancellationToken cancellationToken) =>
        StateAsync(AdmittedRoute.Of(request).ReportingYear, cancellationToken);

    private async Task<IActionResult> StateAsync(int year, CancellationToken cancellationToken)
    {
        var used = await appropriation.ForAsync(year, cancellationToken);
        var history = await store.HistoryAsync(year, cancellationToken);
        return HttpResults.Json(new
        {
            Year = year,
            used.Source,
            Version = used.Version?.VersionId,
            Current = used.Appropriation is { } a
                ? new
                {
                    a.GrantsSek,
                    a.AmountPerFullTimeEquivalentSek,
                    a.RepaidSek,
                    OtherLines = a.OtherLines.Select(l => new { l.Label, l.BudgetSek, l.OutcomeSek }),
                }
                : null,
            History = history.Select(v => new
            {
                v.VersionId,
                v.By,
                v.At,
                v.Comment,
                v.GrantsSek,
                v.AmountPerFullTimeEquivalentSek,
                v.RepaidSek,
                v.OtherLines,
            }),
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "National figures for {Year} stored as version {VersionId} by {Actor}")]
    private static partial void LogStored(ILogger logger, int year, string versionId, string actor);
}
