using System.Collections.Frozen;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>
/// The contract's label matching: trimmed, white space (incl. NBSP and narrow NBSP) collapsed, case folded,
/// a trailing colon ignored, and every dash the same hyphen with no space around it ("18 – 29 år" = "18-29 år").
/// A dimension value's variants (<see cref="Dimensions"/>, e.g. "65 år och äldre" for "65– år") read as its label.
/// </summary>
internal static class LabelText
{
    private const byte Space = 1;
    private const byte Dash = 2;
    private const byte Folds = 4;

    // Declared before LabelOfVariant: static fields initialise in textual order, and that one normalises.
    private static readonly char[] LowerTable = BuildLowerTable();

    /// <summary>Per character, what <see cref="Normalize"/> sees in it: <see cref="Space"/>, <see cref="Dash"/>, <see cref="Folds"/> (flags).</summary>
    private static readonly byte[] Classes = BuildClasses();

    private static readonly FrozenDictionary<string, string> LabelOfVariant = Dimensions.Variants
        .ToFrozenDictionary(v => Normalize(v.Variant), v => Normalize(v.Label), StringComparer.Ordinal);

    /// <summary>A normalised text as the label it stands for: a variant's label, otherwise the text itself.</summary>
    public static string Canonical(string normalised) => LabelOfVariant.GetValueOrDefault(normalised, normalised);

    /// <summary>
    /// The normalised text. Allocation-free when <paramref name="text"/> is already normalised (most label cells, every
    /// contract label after its first use); case folding uses <see cref="LowerInvariant"/>, which is
    /// <see cref="char.ToLowerInvariant(char)"/> looked up instead of asked of ICU per character.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (IsNormalized(text))
        {
            return text;
        }

        var buffer = text.Length <= 256 ? stackalloc char[256] : new char[text.Length];
        var length = 0;
        var pendingSpace = false;
        foreach (var ch in text)
        {
            var kind = Classes[ch];
            if ((kind & Space) != 0)
            {
                pendingSpace = length > 0;
                continue;
            }

            if ((kind & Dash) != 0)
            {
                buffer[length++] = '-';
                pendingSpace = false;
                continue;
            }

            if (pendingSpace && buffer[length - 1] != '-')
            {
                buffer[length++] = ' ';
            }

            pendingSpace = false;
            buffer[length++] = LowerTable[ch];
        }

        while (length > 0 && (buffer[length - 1] == ':' || buffer[length - 1] == ' '))
        {
            length--;
        }

        return new string(buffer[..length]);
    }

    /// <summary><see cref="char.ToLowerInvariant(char)"/>, from a table built once (ICU is asked once per character, not per call).</summary>
    public static char LowerInvariant(char ch) => LowerTable[ch];

    /// <summary>True when <see cref="Normalize"/> would return the text unchanged: no space but single ' ' between words (none next to a hyphen), no other dash than '-', nothing to fold, no trailing ':' or ' '.</summary>
    private static bool IsNormalized(string text)
    {
        var previous = '\0';
        foreach (var ch in text)
        {
            if (ch == ' ')
            {
                if (previous is '\0' or ' ' or '-')
                {
                    return false;
                }
            }
            else if (ch == '-' ? previous == ' ' : Classes[ch] != 0)
            {
                return false;
            }

            previous = ch;
        }

        return previous is not (' ' or ':');
    }

    private static char[] BuildLowerTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            table[i] = char.ToLowerInvariant((char)i);
        }

        return table;
    }

    private static byte[] BuildClasses()
    {
        var table = new byte[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var ch = (char)i;
            table[i] = (byte)((IsSpace(ch) ? Space : 0) | (IsDash(ch) ? Dash : 0) | (LowerTable[ch] != ch ? Folds : 0));
        }

        return table;
    }

    public static bool Same(string? left, string? right) =>
        string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);

    public static bool IsSpace(char ch) => char.IsWhiteSpace(ch) || ch is '\u00A0' or '\u202F' or '\u2007' or '\u2009';

    public static bool IsDash(char ch) =>
        ch is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' or '\uFF0D';
}
