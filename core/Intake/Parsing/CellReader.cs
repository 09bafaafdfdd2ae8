using System.Globalization;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>The contract's value rules: counts, decimals, Ja/Nej and years, from numbers or Swedish-typed text.</summary>
internal static class CellReader
{
    /// <summary>
    /// Far above any operation's figures (the whole country has about 10 000 clients a year), and small enough that the
    /// sums over a report and over all reports of a year stay within int (the fuzzer found int.MaxValue overflowing).
    /// </summary>
    public const int MaxCount = 100_000;

    public static bool TryCount(CellValue value, out int count)
    {
        count = 0;
        switch (value.Kind)
        {
            case CellKind.Number when value.Number >= 0 && value.Number <= MaxCount && value.Number == Math.Floor(value.Number):
                count = (int)value.Number;
                return true;
            case CellKind.Text:
                var digits = WithoutSpaces(value.Text);
                return digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit) &&
                       int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count <= MaxCount;
            default:
                return false;
        }
    }

    public static bool TryDecimal(CellValue value, out decimal number)
    {
        number = 0;
        switch (value.Kind)
        {
            case CellKind.Number when value.Number >= 0 && value.Number < 1e15:
                number = (decimal)value.Number;
                return true;
            case CellKind.Text:
                var text = WithoutSpaces(value.Text).Replace(',', '.');
                if (text.Length == 0 || text.Count(c => c == '.') > 1 || text[0] == '.' || text[^1] == '.' ||
                    !text.All(c => char.IsAsciiDigit(c) || c == '.'))
                {
                    return false;
                }

                return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
            default:
                return false;
        }
    }

    public static bool TryYesNo(CellValue value, out bool yes)
    {
        yes = false;
        switch (value.Kind)
        {
            case CellKind.Boolean:
                yes = value.Number != 0;
                return true;
            case CellKind.Text:
                switch (LabelText.Normalize(value.Text))
                {
                    case "ja" or "j" or "x":
                        yes = true;
                        return true;
                    case "nej" or "n":
                        return true;
                    default:
                        return false;
                }

            default:
                return false;
        }
    }

    public static bool TryYear(CellValue value, out int year)
    {
        year = 0;
        switch (value.Kind)
        {
            case CellKind.Number when value.Number is >= 1000 and <= 9999 && value.Number == Math.Floor(value.Number):
                year = (int)value.Number;
                return true;
            case CellKind.Text:
                var text = value.Text.Trim();
                return text.Length == 4 && text.All(char.IsAsciiDigit) &&
                       int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year >= 1000;
            default:
                return false;
        }
    }

    /// <summary>Text as typed; a number becomes its digits (a municipality code typed as a number, 184 → "184").</summary>
    public static string? AsText(CellValue value) => value.Kind switch
    {
        CellKind.Text => WithoutControls(value.Text).Trim(),
        CellKind.Number => value.Number.ToString("0.############", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// Stripped rather than reported: they come from pasted text, are invisible in Excel, and would otherwise reach
    /// mails, CSV exports and logs where a bidi override can make text read differently (docs/hardening.md).
    /// Tabs and line breaks stay.
    /// </summary>
    public static string WithoutControls(string text)
    {
        if (!text.Any(IsStripped))
        {
            return text;
        }

        return string.Concat(text.Where(c => !IsStripped(c)));
    }

    private static bool IsStripped(char c) =>
        (char.IsControl(c) && c is not '\t' and not '\n' and not '\r') ||
        c is '\u200E' or '\u200F' or '\u061C' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    private static string WithoutSpaces(string text) => string.Concat(text.Where(c => !LabelText.IsSpace(c)));
}
