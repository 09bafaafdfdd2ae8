using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Diagnostics;
using PoIntake.Core.Reference;

namespace PoIntake.Functions.Http;

/// <summary>
/// What the gate let through for one call: the route's year and county parsed once (null when the route has none), and
/// for an administration route who is calling ("administration {holder}", passed on as the actor of a replay, switch,
/// clean-up or closing; never the key).
/// </summary>
public sealed record AdmittedRoute(int? Year, County? County, string Actor)
{
    private static readonly object Key = typeof(AdmittedRoute);

    /// <summary>The route's year; only on a route with <c>{year}</c>.</summary>
    public int ReportingYear => Year ?? throw new InvalidOperationException("The route has no {year}.");

    /// <summary>What the gate admitted for this request. A function only runs behind the gate, so its absence is a fault (500).</summary>
    public static AdmittedRoute Of(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(Key, out var admitted) && admitted is AdmittedRoute route
            ? route
            : throw new InvalidOperationException("The request did not pass the route gate.");

    internal void Attach(HttpContext context) => context.Items[Key] = this;
}

/// <summary>
/// The one gate of the HTTP routes: parses the route values (<c>year</c>, <c>countyCode</c>, the draft's <c>?county=</c>)
/// against the contract's bounds and the municipality register, and applies <see cref="AccessKeys"/> (which decides) to
/// the role headers for the scope the function declares (<see cref="AccessAttribute"/>). A refusal is a Swedish problem
/// (texts: <see cref="AccessTexts"/>): 400 for a year or county that is not one, 403 with a <c>reason</c> for the key,
/// logged with whose key was presented but never the key. An administration route checks the key before the year, so a
/// caller without one learns nothing about the route; every other route checks its values first.
/// </summary>
public sealed partial class RouteGate(AccessKeys keys, MunicipalityRegistry registry, ILogger<RouteGate> logger)
{
    public const string YearValue = "year";
    public const string CountyValue = "countyCode";
    public const string CountyQuery = "county";

    /// <summary>The admitted route, or the answer that refuses the call.</summary>
    public (AdmittedRoute? Route, ContentResult? Refusal) Admit(
        string function, AccessAttribute? access, HttpRequest request, IReadOnlyDictionary<string, object?> routeValues)
    {
        var presented = new PresentedKeys(
            request.Headers[AccessKeys.CountyHeader].ToString(),
            request.Headers[AccessKeys.NationalHeader].ToString(),
            request.Headers[AccessKeys.AdministrationHeader].ToString());
        if (access?.Scope == AccessScope.Administration && Refusal(function, presented, AccessScope.Administration, null) is { } refused)
        {
            return (null, refused);
        }

        int? year = null;
        if (routeValues.TryGetValue(YearValue, out var yearText))
        {
            var text = Convert.ToString(yearText, CultureInfo.InvariantCulture);
            if (AccessTexts.ParseYear(text) is not { } parsed)
            {
                return (null, Problem(StatusCodes.Status400BadRequest, AccessTexts.BadYear(text)));
            }

            year = parsed;
        }

        var scope = access?.Scope;
        string? countyText = null;
        if (routeValues.TryGetValue(CountyValue, out var countyValue))
        {
            countyText = Convert.ToString(countyValue, CultureInfo.InvariantCulture);
        }
        else if (access is { CountyInQuery: true } && request.Query[CountyQuery].ToString().Trim() is { Length: > 0 } inQuery)
        {
            countyText = inQuery;
            scope = AccessScope.CountyRead;
        }

        County? county = null;
        if (countyText is not null && (county = AccessTexts.ParseCounty(registry, countyText)) is null)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, AccessTexts.BadCounty(countyText)));
        }

        if (scope is { } checkedScope and not AccessScope.Administration && Refusal(function, presented, checkedScope, county) is { } refusal)
        {
            return (null, refusal);
        }

        var actor = scope == AccessScope.Administration ? keys.AdministrationActor(presented) : string.Empty;
        return (new AdmittedRoute(year, county, actor), null);
    }

    private ContentResult? Refusal(string function, PresentedKeys presented, AccessScope scope, County? county)
    {
        var decision = keys.Check(scope, county?.Code, presented);
        if (decision.IsAllowed)
        {
            return null;
        }

        LogRefused(logger, function, county?.Code ?? "all", decision.Reason, decision.KeyHolder);
        var texts = AccessTexts.Refusal(decision, county);
        return HttpResults.Problem(
            StatusCodes.Status403Forbidden,
            texts.Title,
            texts.Detail,
            new Dictionary<string, object?> { ["reason"] = decision.Reason });
    }

    private static ContentResult Problem(int status, AccessRefusal refusal) => HttpResults.Problem(status, refusal.Title, refusal.Detail);

    [LoggerMessage(EventId = LogEventIds.WrongCountyKey, EventName = nameof(LogEventIds.WrongCountyKey), Level = LogLevel.Warning, Message = "{Function} for county {CountyCode} refused: {Reason}; the key presented belongs to {KeyHolder}")]
    private static partial void LogRefused(ILogger logger, string function, string countyCode, string reason, string keyHolder);
}
