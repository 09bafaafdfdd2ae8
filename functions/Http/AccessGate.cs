using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Access;
using PoIntake.Core.Diagnostics;
using PoIntake.Core.Reference;

namespace PoIntake.Functions.Http;

/// <summary>
/// Applies <see cref="AccessKeys"/> (which decides) to an HTTP request: reads the role headers and turns a refusal
/// into a Swedish 403 problem with a <c>reason</c>, logged with whose key was presented but never the key.
/// </summary>
internal static partial class AccessGate
{
    public static PresentedKeys Presented(HttpRequest request) => new(
        request.Headers[AccessKeys.CountyHeader].ToString(),
        request.Headers[AccessKeys.NationalHeader].ToString(),
        request.Headers[AccessKeys.AdministrationHeader].ToString());

    /// <summary>
    /// The year and county of a <c>…/{year}/{countyCode}</c> route when the caller may go on (Answer null); otherwise
    /// the 400 for a bad year or county, or the 403 for the role key.
    /// </summary>
    public static (int Year, County County, ContentResult? Answer) ForCountyRoute(
        AccessKeys keys, MunicipalityRegistry registry, ILogger logger, string function, HttpRequest request, AccessScope scope, string year, string countyCode)
    {
        if (!HttpResults.TryParseYear(year, out var reportingYear))
        {
            return (0, null!, HttpResults.BadYear(year));
        }

        return HttpResults.ParseCounty(registry, countyCode) is { } county
            ? (reportingYear, county, Refusal(keys, logger, function, request, scope, county))
            : (0, null!, HttpResults.BadCounty(countyCode));
    }

    /// <summary>
    /// The year of a national <c>…/{year}</c> route when the caller may go on (Answer null); otherwise the 400 for a bad
    /// year or the 403 for a missing or wrong national key.
    /// </summary>
    public static (int Year, ContentResult? Answer) ForNationalYearRoute(AccessKeys keys, ILogger logger, string function, HttpRequest request, string year) =>
        HttpResults.TryParseYear(year, out var reportingYear)
            ? (reportingYear, Refusal(keys, logger, function, request, AccessScope.National))
            : (0, HttpResults.BadYear(year));

    /// <summary>
    /// The year of an administration <c>…/{year}</c> route and who is calling ("administration {holder}", passed on as
    /// the actor of a replay, switch or clean-up) when the caller may go on (Answer null); otherwise the 400 for a bad
    /// year or the 403 for a missing or wrong administration key. The key is checked before the year, so a caller
    /// without one learns nothing about the route.
    /// </summary>
    public static (int Year, string Actor, ContentResult? Answer) ForAdministrationYearRoute(AccessKeys keys, ILogger logger, string function, HttpRequest request, string year)
    {
        if (Refusal(keys, logger, function, request, AccessScope.Administration) is { } refusal)
        {
            return (0, "", refusal);
        }

        return HttpResults.TryParseYear(year, out var reportingYear)
            ? (reportingYear, keys.AdministrationActor(Presented(request)), null)
            : (0, "", HttpResults.BadYear(year));
    }

    /// <summary>Null when the caller may go on; otherwise the 403 answer (already logged).</summary>
    public static ContentResult? Refusal(AccessKeys keys, ILogger logger, string function, HttpRequest request, AccessScope scope, County? county = null)
    {
        var decision = keys.Check(scope, county?.Code, Presented(request));
        if (decision.IsAllowed)
        {
            return null;
        }

        LogRefused(logger, function, county?.Code ?? "all", decision.Reason, decision.KeyHolder);
        var (title, detail) = Texts(decision, county);
        return HttpResults.Problem(
            StatusCodes.Status403Forbidden,
            title,
            detail,
            new Dictionary<string, object?> { ["reason"] = decision.Reason });
    }

    private static (string Title, string Detail) Texts(AccessDecision decision, County? county)
    {
        var name = county?.OfficialName() ?? "länet";
        const string Administration = "Nyckeln får ni av förvaltningen av tjänsten.";
        return (decision.Scope, decision.Verdict) switch
        {
            (AccessScope.CountyUpload, AccessVerdict.Missing) => (
                "Länets nyckel saknas",
                $"Uppladdning för {name} kräver länsstyrelsens egen nyckel i huvudet {AccessKeys.CountyHeader}. {Administration}"),
            (AccessScope.CountyRead, AccessVerdict.Missing) => (
                "Länets nyckel saknas",
                $"Uppgifterna för {name} visas bara med länsstyrelsens egen nyckel i huvudet {AccessKeys.CountyHeader} (eller Socialstyrelsens nyckel i {AccessKeys.NationalHeader}). {Administration}"),
            (AccessScope.CountyUpload or AccessScope.CountyRead, AccessVerdict.WrongKey) => (
                "Nyckeln gäller inte för länet",
                $"Nyckeln gäller inte för {name}. Varje länsstyrelse kan bara lämna redovisningar för och se uppgifter om sitt eget län; kontrollera att rätt län är valt och att nyckeln är er egen."),
            (AccessScope.CountyUpload or AccessScope.CountyRead, _) => (
                "Länet är inte öppnat i tjänsten",
                $"Ingen nyckel är registrerad för {name}, så ingen kan lämna redovisningar för eller se uppgifter om länet här. Kontakta förvaltningen av tjänsten."),
            (AccessScope.Administration, AccessVerdict.Missing) => (
                "Förvaltningens nyckel saknas",
                $"Att köra om ett år, byta till en omkörning eller städa bort den kräver förvaltningens nyckel i huvudet {AccessKeys.AdministrationHeader}. Länsstyrelsernas och Socialstyrelsens nycklar öppnar inte förvaltningens åtgärder."),
            (AccessScope.Administration, AccessVerdict.WrongKey) => (
                "Nyckeln gäller inte för förvaltningen av tjänsten",
                "Nyckeln är inte någon av förvaltningens giltiga nycklar. Kontrollera nyckeln; en länsstyrelses eller Socialstyrelsens nyckel öppnar inte förvaltningens åtgärder."),
            (AccessScope.Administration, _) => (
                "Förvaltningens åtgärder är inte öppnade",
                "Ingen nyckel för förvaltningen är registrerad, så ingen kan köra om ett år eller byta tabeller här. En nyckel registreras av den som driftsätter tjänsten."),
            (_, AccessVerdict.Missing) => (
                "Socialstyrelsens nyckel saknas",
                $"Uppgifterna gäller hela landet och lämnas bara ut med Socialstyrelsens nyckel i huvudet {AccessKeys.NationalHeader}. En länsstyrelse ser sitt eget län under /api/status/{{år}}/{{länskod}}."),
            (_, AccessVerdict.WrongKey) => (
                "Nyckeln gäller inte för uppgifter om hela landet",
                "Nyckeln är inte någon av Socialstyrelsens giltiga nycklar. Kontrollera nyckeln; en länsstyrelses nyckel öppnar bara det egna länets uppgifter."),
            _ => (
                "Uppgifter om hela landet är inte öppnade",
                "Ingen nyckel för Socialstyrelsen är registrerad, så ingen kan hämta uppgifter om hela landet här. Kontakta förvaltningen av tjänsten."),
        };
    }

    [LoggerMessage(EventId = LogEventIds.WrongCountyKey, EventName = nameof(LogEventIds.WrongCountyKey), Level = LogLevel.Warning, Message = "{Function} for county {CountyCode} refused: {Reason}; the key presented belongs to {KeyHolder}")]
    private static partial void LogRefused(ILogger logger, string function, string countyCode, string reason, string keyHolder);
}
