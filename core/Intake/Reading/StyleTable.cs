using System.Globalization;

namespace PoIntake.Core.Intake.Reading;

/// <summary>Which cell styles show a number as a date (or time): Excel stores dates as numbers with a date format.</summary>
internal sealed class StyleTable(List<int> cellFormats, Dictionary<int, string> customFormats)
{
    private readonly Dictionary<int, bool> _isDate = [];

    public static StyleTable Empty { get; } = new([], []);

    public bool IsDate(int styleIndex)
    {
        if (styleIndex < 0 || styleIndex >= cellFormats.Count)
        {
            return false;
        }

        var format = cellFormats[styleIndex];
        if (!_isDate.TryGetValue(format, out var isDate))
        {
            isDate = customFormats.TryGetValue(format, out var code) ? IsDateCode(code) : IsBuiltInDate(format);
            _isDate[format] = isDate;
        }

        return isDate;
    }

    /// <summary>ECMA-376 18.8.30: 14–22 and 45–47 are date and time formats; 27–36 and 50–58 the East Asian ones.</summary>
    private static bool IsBuiltInDate(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>A custom code is a date format when, outside quoted text, escapes and [colour] sections, it uses d, m, y, h or s.</summary>
    private static bool IsDateCode(string code)
    {
        if (code.Trim() is "" || code.Trim().Equals("General", StringComparison.OrdinalIgnoreCase) || code.Trim().Equals("Standard", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (c == '\\' || c == '_' || c == '*')
            {
                i++;
            }
            else if (c == '[')
            {
                bracket = true;
            }
            else if (c == ']')
            {
                bracket = false;
            }
            else if (!bracket && char.ToLowerInvariant(c) is 'd' or 'm' or 'y' or 'h' or 's')
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>OOXML's escape for characters XML cannot hold: <c>_x0007_</c> is U+0007, <c>_x005F_</c> a literal underscore.</summary>
internal static class OoxmlText
{
    public static string Decode(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 6;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }
}
