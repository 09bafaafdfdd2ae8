using System.Globalization;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>The contract's value rules: counts, decimals, Ja/Nej and years, from numbers or Swedish-typed text.</summary>
internal static class CellReader
{
    public static bool TryCount(CellValue value, out int count)
    {
        count = 0;
        switch (value.Kind)
        {
            case CellKind.Number when value.Number >= 0 && value.Number <= int.MaxValue && value.Number == Math.Floor(value.Number):
                count = (int)value.Number;
                return true;
            case CellKind.Text:
                var digits = WithoutSpaces(value.Text);
                return digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit) &&
                       int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out count);
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
        CellKind.Text => value.Text.Trim(),
        CellKind.Number => value.Number.ToString("0.############", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string WithoutSpaces(string text) => string.Concat(text.Where(c => !LabelText.IsSpace(c)));
}
