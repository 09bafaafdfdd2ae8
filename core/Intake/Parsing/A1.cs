namespace PoIntake.Core.Intake.Parsing;

/// <summary>A1-style cell addresses.</summary>
internal static class A1
{
    public static string Address(int row, int column) => ColumnLetters(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ColumnLetters(int column)
    {
        var letters = string.Empty;
        while (column > 0)
        {
            var remainder = (column - 1) % 26;
            letters = (char)('A' + remainder) + letters;
            column = (column - 1) / 26;
        }

        return letters;
    }

    public static bool TryParse(string address, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        while (i < address.Length && char.IsAsciiLetter(address[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(address[i]) - 'A' + 1);
            i++;
        }

        if (i == 0 || i > 3 || i == address.Length)
        {
            return false;
        }

        return int.TryParse(address.AsSpan(i), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out row) && row > 0;
    }
}
