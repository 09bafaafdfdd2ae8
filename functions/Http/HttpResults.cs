using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PoIntake.Core.Reference;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary>JSON and problem answers shared by the HTTP functions; bodies serialised with <see cref="TotalsJson.Options"/>.</summary>
internal static class HttpResults
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public static ContentResult Json(object value, int statusCode = StatusCodes.Status200OK) => new()
    {
        StatusCode = statusCode,
        ContentType = JsonContentType,
        Content = JsonSerializer.Serialize(value, value.GetType(), TotalsJson.Options),
    };

    /// <summary>An RFC 9457 problem body; never carries exception text or stack traces.</summary>
    public static ContentResult Problem(int statusCode, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = $"https://httpstatuses.io/{statusCode}",
            ["title"] = title,
            ["status"] = statusCode,
            ["detail"] = detail,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        return new ContentResult
        {
            StatusCode = statusCode,
            ContentType = ProblemContentType,
            Content = JsonSerializer.Serialize(body, TotalsJson.Options),
        };
    }

    public static ContentResult BadYear(string year) => Problem(
        StatusCodes.Status400BadRequest,
        "Ogiltigt år",
        $"Året måste vara ett fyrsiffrigt redovisningsår mellan {MinYear} och {MaxYear}; fick \"{Truncate(year)}\".");

    public static ContentResult BadCounty(string county) => Problem(
        StatusCodes.Status400BadRequest,
        "Okänt län",
        $"Länskoden måste vara en tvåsiffrig länskod (01–25) som finns i kommunregistret; fick \"{Truncate(county)}\".");

    public static bool TryParseYear(string? text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year)
        && text!.Length == 4
        && year is >= MinYear and <= MaxYear;

    public static County? ParseCounty(MunicipalityRegistry registry, string? text) =>
        text is { Length: 2 } && text.All(char.IsAsciiDigit) ? registry.FindCountyByCode(text) : null;

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 20 ? text : text[..20] + "…";
}
