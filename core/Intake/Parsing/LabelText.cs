using System.Collections.Frozen;
using System.Text;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>
/// The contract's label matching: trimmed, white space (incl. NBSP and narrow NBSP) collapsed, case folded,
/// a trailing colon ignored, and every dash the same hyphen with no space around it ("18 – 29 år" = "18-29 år").
/// A dimension value's variants (<see cref="Dimensions"/>, e.g. "65 år och äldre" for "65– år") read as its label.
/// </summary>
internal static class LabelText
{
    private static readonly FrozenDictionary<string, string> LabelOfVariant = Dimensions.Variants
        .ToFrozenDictionary(v => Normalize(v.Variant), v => Normalize(v.Label), StringComparer.Ordinal);

    /// <summary>A normalised text as the label it stands for: a variant's label, otherwise the text itself.</summary>
    public static string Canonical(string normalised) => LabelOfVariant.GetValueOrDefault(normalised, normalised);

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (IsSpace(ch))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (IsDash(ch))
            {
                builder.Append('-');
                pendingSpace = false;
                continue;
            }

            if (pendingSpace && builder[^1] != '-')
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(char.ToLowerInvariant(ch));
        }

        while (builder.Length > 0 && (builder[^1] == ':' || builder[^1] == ' '))
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    public static bool Same(string? left, string? right) =>
        string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);

    public static bool IsSpace(char ch) => char.IsWhiteSpace(ch) || ch is '\u00A0' or '\u202F' or '\u2007' or '\u2009';

    public static bool IsDash(char ch) =>
        ch is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' or '\uFF0D';
}
