using static PoIntake.Core.Totals.SwedishNumberWords;

namespace PoIntake.Core.Totals;

/// <summary>
/// The sentence builders of the lägesrapport: every generated phrase that agrees a noun with its number, states a change
/// or a share, quotes what a verksamhet wrote or leaves a place for the analyst goes through here, so the Swedish is
/// written (and tested) once. Numbers are formatted by <see cref="ReportCell.FormatNumber"/> (decimal comma, a space
/// between thousands) and counts below 13 in words by <see cref="SwedishNumberWords"/>.
/// </summary>
public static class SwedishSentences
{
    /// <summary>Starts a paragraph the analyst must write; the docx marks it so it cannot be mistaken for generated text.</summary>
    public const string PlaceholderStart = "[Skriv: ";

    /// <summary>Starts a list item (a quotation or an example); the docx indents it.</summary>
    public const string Bullet = "– ";

    /// <summary>"[Skriv: …]": a clearly marked place for the analyst's own text.</summary>
    public static string Placeholder(string what) => $"{PlaceholderStart}{what}]";

    public static bool IsPlaceholder(string paragraph) => paragraph.StartsWith(PlaceholderStart, StringComparison.Ordinal);

    public static bool IsBullet(string paragraph) => paragraph.StartsWith(Bullet, StringComparison.Ordinal);

    /// <summary>"ökade med två kommuner", "minskade med en kommun", "var oförändrat"; <paramref name="neuter"/> for ett-words.</summary>
    public static string Change(int change, string singular, string plural, bool neuter = false) => change switch
    {
        0 => "var oförändrat",
        > 0 => $"ökade med {Of(change, singular, plural, neuter)}",
        _ => $"minskade med {Of(-change, singular, plural, neuter)}",
    };

    /// <summary>", vilket är en ökning med två personliga ombud jämfört med 2020" (<paramref name="year"/> 2021).</summary>
    public static string Compared(int change, string singular, string plural, int year, bool neuter = false) => change switch
    {
        0 => $", lika många som {year - 1}",
        > 0 => $", vilket är en ökning med {Of(change, singular, plural, neuter)} jämfört med {year - 1}",
        _ => $", vilket är en minskning med {Of(-change, singular, plural, neuter)} jämfört med {year - 1}",
    };

    /// <summary>"ökat", "minskat", "är oförändrat": for a heading such as "Antalet ombud har ökat".</summary>
    public static string Direction(int change) => change switch
    {
        0 => "är oförändrat",
        > 0 => "har ökat",
        _ => "har minskat",
    };

    /// <summary>"Fler", "Färre", "Lika många": a heading's first word for a change in a count.</summary>
    public static string MoreOrFewer(int change) => change switch
    {
        0 => "Lika många",
        > 0 => "Fler",
        _ => "Färre",
    };

    /// <summary>"83 procent", "12,5 procent": <paramref name="part"/> of <paramref name="whole"/>, rounded to whole percent unless below ten.</summary>
    public static string Percent(decimal part, decimal whole)
    {
        if (whole <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(whole), whole, "A share needs a positive whole.");
        }

        var percent = 100m * part / whole;
        return $"{ReportCell.FormatNumber(Math.Round(percent, percent < 10 ? 1 : 0, MidpointRounding.AwayFromZero))} procent";
    }

    /// <summary>A share in percent with one decimal, as a figure's value ("42,3"); the same rounding everywhere.</summary>
    public static decimal Share(decimal part, decimal whole) => whole <= 0 ? 0 : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>"89 av 107 verksamheter (83 procent)".</summary>
    public static string OfWhole(int part, int whole, string singular, string plural) =>
        whole > 0 ? $"{Count(part)} av {Of(whole, singular, plural)} ({Percent(part, whole)})" : Of(part, singular, plural);

    /// <summary>"Tre verksamheter i två län": who answered, as a sentence's subject.</summary>
    public static string Answered(int operations, int counties) =>
        $"{Capitalise(Of(operations, "verksamhet", "verksamheter"))} i {Count(counties, neuter: true)} län";

    /// <summary>
    /// A quotation of what a verksamhet (or a county board) wrote, as a list item with its source:
    /// "– ”Fler unga vuxna söker stöd.” (PO Malmö, Skåne)". Cut at a word after <paramref name="maxLength"/> characters, with " […]".
    /// </summary>
    public static string Quote(string text, string source, int maxLength)
    {
        var clean = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length > maxLength)
        {
            var cut = clean.LastIndexOf(' ', Math.Min(maxLength, clean.Length - 1));
            clean = clean[..(cut > maxLength / 2 ? cut : maxLength)].TrimEnd(',', ';', ':', '.') + " […]";
        }

        return $"{Bullet}”{clean}” ({source})";
    }
}
