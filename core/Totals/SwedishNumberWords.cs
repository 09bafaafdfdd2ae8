namespace PoIntake.Core.Totals;

/// <summary>Counts in running Swedish text as the lägesrapporter write them: 1–12 in words, larger ones as figures ("245", "9 331").</summary>
public static class SwedishNumberWords
{
    private static readonly string[] Words = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"];

    /// <summary>"två", "tolv", "13", "1 933"; <paramref name="neuter"/> for ett-words ("ett ombud", "ett län").</summary>
    public static string Count(int value, bool neuter = false) =>
        value is >= 0 and < 13
            ? value == 1 && neuter ? "ett" : Words[value]
            : ReportCell.FormatNumber(value);

    /// <summary>The same with a capital first letter, to start a sentence.</summary>
    public static string CountAtStart(int value, bool neuter = false) => Capitalise(Count(value, neuter));

    /// <summary>A count with its noun in the right number: "en verksamhet", "tre verksamheter", "en systembrist".</summary>
    public static string Of(int value, string singular, string plural, bool neuter = false) =>
        $"{Count(value, neuter)} {(value == 1 ? singular : plural)}";

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"Uppsala, Värmland och Västra Götaland".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " och " + items[^1],
    };
}
