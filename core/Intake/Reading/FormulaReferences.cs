using System.Text.RegularExpressions;

namespace PoIntake.Core.Intake.Reading;

/// <summary>A rectangle of cells a formula refers to; rows and columns 1-based and inclusive.</summary>
internal readonly record struct CellRange(string Sheet, int FirstRow, int FirstColumn, int LastRow, int LastColumn)
{
    public long Cells => ((long)LastRow - FirstRow + 1) * ((long)LastColumn - FirstColumn + 1);
}

/// <summary>
/// The cell references of a formula (A1, $B$2, A1:C3, A:C, 1:3, optionally 'Sheet name'!), enough to know how much a
/// formula would make an evaluator read before it is evaluated. Null for what cannot be bounded: defined names,
/// structured (table) references, external references.
/// </summary>
internal static partial class FormulaReferences
{
    private const int MaxRow = 1_048_576;
    private const int MaxColumn = 16_384;

    public static List<CellRange>? TryParse(string formula, string sheet)
    {
        var ranges = new List<CellRange>();
        var i = 0;
        while (i < formula.Length)
        {
            var c = formula[i];
            if (c == '"')
            {
                i = SkipQuoted(formula, i, '"');
                continue;
            }

            if (c is '[')
            {
                return null;
            }

            string? qualifier = null;
            if (c == '\'')
            {
                var end = SkipQuoted(formula, i, '\'');
                if (end >= formula.Length || formula[end] != '!')
                {
                    return null;
                }

                qualifier = formula[(i + 1)..(end - 1)].Replace("''", "'", StringComparison.Ordinal);
                i = end + 1;
            }

            if (i >= formula.Length || !IsTokenChar(formula[i]))
            {
                if (qualifier is not null)
                {
                    return null;
                }

                i++;
                continue;
            }

            var start = i;
            while (i < formula.Length && IsTokenChar(formula[i]))
            {
                i++;
            }

            var token = formula[start..i];
            if (qualifier is null && i < formula.Length && formula[i] == '!')
            {
                qualifier = token;
                i++;
                start = i;
                while (i < formula.Length && IsTokenChar(formula[i]))
                {
                    i++;
                }

                token = formula[start..i];
            }

            if (qualifier is null && i < formula.Length && formula[i] == '(')
            {
                continue; // a function name
            }

            if (qualifier is null && (Number().IsMatch(token) && !(i < formula.Length && formula[i] == ':')
                || token.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || token.Equals("FALSE", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            string? second = null;
            if (i < formula.Length && formula[i] == ':')
            {
                var from = ++i;
                while (i < formula.Length && IsTokenChar(formula[i]))
                {
                    i++;
                }

                second = formula[from..i];
            }

            if (ToRange(qualifier ?? sheet, token, second) is not { } range)
            {
                return null;
            }

            ranges.Add(range);
        }

        return ranges;
    }

    private static CellRange? ToRange(string sheet, string first, string? second)
    {
        if (Cell().Match(first) is { Success: true } a)
        {
            var (row1, column1) = (int.Parse(a.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Column(a.Groups[1].Value));
            if (second is null)
            {
                return Valid(new CellRange(sheet, row1, column1, row1, column1));
            }

            if (Cell().Match(second) is not { Success: true } b)
            {
                return null;
            }

            var (row2, column2) = (int.Parse(b.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Column(b.Groups[1].Value));
            return Valid(new CellRange(sheet, Math.Min(row1, row2), Math.Min(column1, column2), Math.Max(row1, row2), Math.Max(column1, column2)));
        }

        if (second is not null && ColumnOnly().IsMatch(first) && ColumnOnly().IsMatch(second))
        {
            var (column1, column2) = (Column(first.TrimStart('$')), Column(second.TrimStart('$')));
            return Valid(new CellRange(sheet, 1, Math.Min(column1, column2), MaxRow, Math.Max(column1, column2)));
        }

        if (second is not null && RowOnly().IsMatch(first) && RowOnly().IsMatch(second)
            && int.TryParse(first.TrimStart('$'), out var first1) && int.TryParse(second.TrimStart('$'), out var second1))
        {
            return Valid(new CellRange(sheet, Math.Min(first1, second1), 1, Math.Max(first1, second1), MaxColumn));
        }

        return null;
    }

    private static CellRange? Valid(CellRange range) =>
        range.FirstRow >= 1 && range.FirstColumn >= 1 && range.LastRow <= MaxRow && range.LastColumn <= MaxColumn ? range : null;

    private static int Column(string letters)
    {
        var column = 0;
        foreach (var c in letters)
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column;
    }

    private static int SkipQuoted(string text, int start, char quote)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '$' or '_' or '.';

    [GeneratedRegex(@"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")]
    private static partial Regex Cell();

    [GeneratedRegex(@"^\$?[A-Za-z]{1,3}$")]
    private static partial Regex ColumnOnly();

    [GeneratedRegex(@"^\$?[0-9]{1,7}$")]
    private static partial Regex RowOnly();

    [GeneratedRegex(@"^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex Number();
}
