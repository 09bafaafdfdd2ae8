using System.Globalization;

namespace PoIntake.Core.Totals;

/// <summary>What a figure counts: only person counts are ever hidden (docs/storage.md, "Suppression in the xlsx").</summary>
public enum FigureKind
{
    /// <summary>Clients, ombud: 1–3 is shown as "&lt;4".</summary>
    Persons,

    /// <summary>Kommuner, verksamheter, reported deficiencies: always exact, as the lägesrapporter print them.</summary>
    Units,

    /// <summary>Kronor: always exact.</summary>
    Money,
}

/// <summary>A figure as displayed: <see cref="Exact"/> when shown as it is, otherwise <see cref="Text"/> ("&lt;4", "Ca 4 120", "&lt;10").</summary>
public sealed record ShownFigure(decimal? Exact, string? Text)
{
    public bool IsHidden => Text == Suppression.Hidden;
}

/// <summary>
/// A table of figures as the export lays it out: cells with their kind and exact value, and totals with their parts
/// (cells of the same table). <see cref="Show"/> applies <see cref="Suppression"/>, the one rule of what is hidden.
/// </summary>
public sealed class FigureTable(string name)
{
    private readonly List<(FigureKind Kind, decimal Value, int[] Parts)> _figures = [];

    public string Name { get; } = name;

    public int Count => _figures.Count;

    public FigureKind Kind(int index) => _figures[index].Kind;

    public decimal Value(int index) => _figures[index].Value;

    /// <summary>The cells a total adds up; empty for a cell.</summary>
    public IReadOnlyList<int> Parts(int index) => _figures[index].Parts;

    public int Cell(FigureKind kind, decimal value)
    {
        _figures.Add((kind, value, []));
        return _figures.Count - 1;
    }

    /// <summary>A total of cells of one kind; its value is their sum.</summary>
    public int Total(params IReadOnlyList<int> parts)
    {
        if (parts.Count == 0 || parts.Any(p => _figures[p].Parts.Length > 0) || parts.Select(p => _figures[p].Kind).Distinct().Count() != 1)
        {
            throw new ArgumentException("A total adds up one or more cells of one kind.", nameof(parts));
        }

        _figures.Add((_figures[parts[0]].Kind, parts.Sum(p => _figures[p].Value), [.. parts]));
        return _figures.Count - 1;
    }

    /// <summary>
    /// Rows of cells of one kind, with a total column (each row's sum), a total row (each column's sum and, with both,
    /// the table's sum of every cell). Returns the figure index of every position, totals last in their row and column.
    /// </summary>
    public int[][] Grid(FigureKind kind, IReadOnlyList<IReadOnlyList<decimal>> rows, bool rowTotals, bool columnTotals)
    {
        var cells = rows.Select(r => r.Select(v => Cell(kind, v)).ToArray()).ToArray();
        var layout = cells.Select(r => rowTotals ? [.. r, Total(r)] : r).ToList();
        if (columnTotals)
        {
            var width = cells.Length == 0 ? 0 : cells[0].Length;
            var bottom = Enumerable.Range(0, width).Select(c => Total([.. cells.Select(r => r[c])])).ToList();
            if (rowTotals)
            {
                bottom.Add(Total([.. cells.SelectMany(r => r)]));
            }

            layout.Add([.. bottom]);
        }

        return [.. layout];
    }

    public IReadOnlyList<ShownFigure> Show() => Suppression.Show(this);
}

/// <summary>
/// The export's suppression rule, as in the 2017 lägesrapport: a person count of 1–3 is shown as "&lt;4"; a total of
/// person counts with a hidden part is shown as "Ca N", N the sum of its shown parts with every "&lt;4" counted as 2,
/// rounded to the nearest <see cref="RoundingStep"/> (or "&lt;10" when even 3 per "&lt;4" keeps it under 10). Every
/// shown figure is thus computed from exact figures that are themselves shown and from how many cells are hidden,
/// never from a hidden value, so no sum (row, column, table) can recover one. The true total lies within
/// N ± (<see cref="RoundingStep"/>/2 + number of hidden parts). Unit counts and money are never hidden.
/// </summary>
public static class Suppression
{
    public const string Hidden = "<4";
    public const int HiddenBelow = 4;
    public const int RoundingStep = 10;
    public const string Approximately = "Ca";
    public const string UnderTen = "<10";

    /// <summary>The Swedish note under a table's title.</summary>
    public const string Note = "Antal personer 1–3 visas som <4; en summa som innehåller <4 visas avrundad till närmaste tiotal (Ca).";

    private static readonly NumberFormatInfo Swedish = new() { NumberGroupSeparator = " ", NumberGroupSizes = [3] };

    /// <summary>A figure outside any table (a single count).</summary>
    public static ShownFigure Show(FigureKind kind, decimal value)
    {
        var table = new FigureTable(string.Empty);
        table.Cell(kind, value);
        return table.Show()[0];
    }

    public static IReadOnlyList<ShownFigure> Show(FigureTable table)
    {
        var shown = new ShownFigure[table.Count];
        for (var i = 0; i < table.Count; i++)
        {
            if (table.Parts(i).Count == 0)
            {
                shown[i] = IsHidden(table.Kind(i), table.Value(i)) ? new ShownFigure(null, Hidden) : new ShownFigure(table.Value(i), null);
            }
        }

        for (var i = 0; i < table.Count; i++)
        {
            var parts = table.Parts(i);
            if (parts.Count == 0)
            {
                continue;
            }

            var hidden = parts.Count(p => shown[p].IsHidden);
            if (hidden == 0)
            {
                shown[i] = new ShownFigure(table.Value(i), null);
                continue;
            }

            var known = parts.Where(p => !shown[p].IsHidden).Sum(p => shown[p].Exact!.Value);
            shown[i] = known + (3 * hidden) < 10
                ? new ShownFigure(null, UnderTen)
                : new ShownFigure(null, $"{Approximately} {Round(known + (2 * hidden)).ToString("#,0", Swedish)}");
        }

        return shown;
    }

    private static bool IsHidden(FigureKind kind, decimal value) => kind == FigureKind.Persons && value is > 0 and < HiddenBelow;

    private static decimal Round(decimal value) => Math.Round(value / RoundingStep, MidpointRounding.AwayFromZero) * RoundingStep;
}
