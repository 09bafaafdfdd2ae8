namespace PoIntake.Core.Intake.Parsing;

/// <summary>A1-style cell addresses.</summary>
internal static class A1
{
    /// <summary>"B12" for row 12, column 2: one string, built on the stack (an address is made for every cell a report reads).</summary>
    public static string Address(int row, int column)
    {
        Span<char> buffer = stackalloc char[24];
        var letters = WriteLetters(column, buffer);
        row.TryFormat(buffer[letters..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
        return new string(buffer[..(letters + digits)]);
    }

    public static string ColumnLetters(int column)
    {
        Span<char> buffer = stackalloc char[8];
        return new string(buffer[..WriteLetters(column, buffer)]);
    }

    /// <summary>Writes the column's letters (none for a column below 1) and returns how many.</summary>
    private static int WriteLetters(int column, Span<char> buffer)
    {
        var length = 0;
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            length++;
        }

        var i = length;
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            buffer[--i] = (char)('A' + ((c - 1) % 26));
        }

        return length;
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
