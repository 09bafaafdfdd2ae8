using System.Text.Json;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Grants;

/// <summary>
/// The body of <c>POST /api/manage/grants/{year}/national-figures</c> (docs/api.md), checked: Socialstyrelsen's figures for
/// a year as one JSON object. Every field is optional, but at least one figure must be given; a field left out (or null)
/// means not decided. Problems are Swedish and name the field.
/// <code>
/// { "grantsSek": 130000000, "amountPerFullTimeEquivalentSek": 404530, "repaidSek": 0,
///   "otherLines": [ { "label": "Socialstyrelsen", "budgetSek": 1500000, "outcomeSek": 1346391 } ],
///   "comment": "Regleringsbrev 2021" }
/// </code>
/// </summary>
public sealed record NationalFiguresInput(
    decimal? GrantsSek,
    decimal? AmountPerFullTimeEquivalentSek,
    decimal? RepaidSek,
    IReadOnlyList<NationalBudgetLine> OtherLines,
    string? Comment)
{
    /// <summary>Largest body the route reads (a handful of figures needs far less).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Largest amount taken (kronor): well above any anslag, so a misplaced digit is caught.</summary>
    public const decimal MaxSek = 100_000_000_000m;

    public const int MaxOtherLines = 20;

    public const int MaxTextLength = 200;

    private static readonly string[] Fields = ["grantsSek", "amountPerFullTimeEquivalentSek", "repaidSek", "otherLines", "comment"];

    /// <summary>The checked input, or the Swedish problems (one per field) that refuse it.</summary>
    public static (NationalFiguresInput? Input, IReadOnlyList<string> Problems) Parse(ReadOnlyMemory<byte> body)
    {
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, ["Innehållet är inte giltig JSON. Skicka ett objekt, till exempel {\"grantsSek\": 130000000, \"amountPerFullTimeEquivalentSek\": 404530}."]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ["Innehållet ska vara ett JSON-objekt med fälten grantsSek, amountPerFullTimeEquivalentSek, repaidSek, otherLines och comment."]);
            }

            foreach (var property in root.EnumerateObject().Where(p => !Fields.Contains(p.Name, StringComparer.Ordinal)))
            {
                problems.Add($"Fältet \"{Cut(property.Name)}\" finns inte. Tillåtna fält: {string.Join(", ", Fields)}.");
            }

            var grants = Amount(root, "grantsSek", "Anslaget för ombudstjänster", problems);
            var amount = Amount(root, "amountPerFullTimeEquivalentSek", "Beloppet per årsarbetare", problems);
            var repaid = Amount(root, "repaidSek", "Återbetalt belopp", problems);
            var lines = Lines(root, problems);
            var comment = Text(root, "comment", "Kommentaren", problems, required: false);
            if (amount is 0m)
            {
                problems.Add("Fältet \"amountPerFullTimeEquivalentSek\": beloppet per årsarbetare kan inte vara 0. Utelämna fältet om beloppet inte är fastställt.");
            }

            if (problems.Count == 0 && grants is null && amount is null && repaid is null && lines.Count == 0)
            {
                problems.Add("Inga uppgifter angavs. Ange minst ett av grantsSek, amountPerFullTimeEquivalentSek, repaidSek eller otherLines.");
            }

            return problems.Count > 0 ? (null, problems) : (new NationalFiguresInput(grants, amount, repaid, lines, comment), problems);
        }
    }

    private static decimal? Amount(JsonElement parent, string field, string what, List<string> problems, string? path = null)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var name = path ?? field;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            problems.Add($"Fältet \"{name}\": {what} ska vara ett tal i kronor (utan mellanslag eller citattecken), till exempel 404530.");
            return null;
        }

        if (number < 0m || number > MaxSek)
        {
            problems.Add($"Fältet \"{name}\": {what} ({number.ToString(System.Globalization.CultureInfo.InvariantCulture)}) ska ligga mellan 0 och {MaxSek.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))} kr.");
            return null;
        }

        if (decimal.Round(number, 2) != number)
        {
            problems.Add($"Fältet \"{name}\": {what} anges i kronor med högst två decimaler (ören).");
            return null;
        }

        return number;
    }

    private static List<NationalBudgetLine> Lines(JsonElement root, List<string> problems)
    {
        var lines = new List<NationalBudgetLine>();
        if (!root.TryGetProperty("otherLines", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return lines;
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > MaxOtherLines)
        {
            problems.Add($"Fältet \"otherLines\" ska vara en lista med högst {MaxOtherLines} budgetposter, till exempel [{{\"label\": \"Socialstyrelsen\", \"budgetSek\": 1500000, \"outcomeSek\": 1346391}}].");
            return lines;
        }

        var index = 0;
        foreach (var line in array.EnumerateArray())
        {
            var path = $"otherLines[{index++}]";
            if (line.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"Fältet \"{path}\" ska vara ett objekt med label, budgetSek och outcomeSek.");
                continue;
            }

            var label = Text(line, "label", "Budgetpostens namn", problems, required: true, path + ".label");
            var budget = Amount(line, "budgetSek", "Budgeten", problems, path + ".budgetSek");
            var outcome = Amount(line, "outcomeSek", "Utfallet", problems, path + ".outcomeSek");
            if (budget is null && !problems.Any(p => p.Contains(path + ".budgetSek", StringComparison.Ordinal)))
            {
                problems.Add($"Fältet \"{path}.budgetSek\" saknas: ange budgetpostens budget i kronor.");
            }

            if (label is not null && budget is { } b)
            {
                lines.Add(new NationalBudgetLine(label, b, outcome));
            }
        }

        return lines;
    }

    private static string? Text(JsonElement parent, string field, string what, List<string> problems, bool required, string? path = null)
    {
        var name = path ?? field;
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add($"Fältet \"{name}\" saknas: {what} ska anges.");
            }

            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        if (text is null || (required && text.Length == 0) || text.Length > MaxTextLength)
        {
            problems.Add($"Fältet \"{name}\": {what} ska vara en text på högst {MaxTextLength} tecken.");
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
