namespace PoIntake.Core.Intake.Parsing;

/// <summary>Where one table stands in its sheet. Columns and rows map the contract's labels to sheet positions.</summary>
internal sealed record TableLayout(
    int HeaderRow,
    int LabelColumn,
    IReadOnlyDictionary<string, int> Columns,
    IReadOnlyDictionary<string, int> Rows,
    IReadOnlyList<string> MissingRows,
    int? TotalColumn,
    int? TotalRow);

/// <summary>Finds a table by its header row (all column labels on one row); row labels stand in the column left of the headers.</summary>
internal static class TableLocator
{
    private static readonly HashSet<string> TotalLabels = ["totalt", "summa", "total", "totalsumma", "summa totalt"];

    public static bool IsTotalLabel(string normalised) => TotalLabels.Contains(normalised);

    public static TableLayout? Locate(SheetGrid grid, IReadOnlyList<string> columnLabels, IReadOnlyList<string> rowLabels)
    {
        var wantedColumns = columnLabels.Select(LabelText.Normalize).ToArray();
        var labels = grid.Labels; // in reading order: one row's labels stand together
        for (var start = 0; start < labels.Count;)
        {
            var end = start + 1;
            while (end < labels.Count && labels[end].Row == labels[start].Row)
            {
                end++;
            }

            if (HasAll(labels, start, end, wantedColumns))
            {
                var inRow = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = start; i < end; i++)
                {
                    inRow.TryAdd(labels[i].Label, labels[i].Column);
                }

                var columns = columnLabels.ToDictionary(l => l, l => inRow[LabelText.Normalize(l)], StringComparer.Ordinal);
                return Build(grid, labels[start].Row, columns, inRow, rowLabels);
            }

            start = end;
        }

        return null;
    }

    /// <summary>Whether labels[start..end) (one row) holds every wanted label.</summary>
    private static bool HasAll(IReadOnlyList<(int Row, int Column, string Label)> labels, int start, int end, string[] wanted)
    {
        foreach (var label in wanted)
        {
            var found = false;
            for (var i = start; i < end && !found; i++)
            {
                found = labels[i].Label == label;
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static TableLayout Build(
        SheetGrid grid,
        int headerRow,
        Dictionary<string, int> columns,
        Dictionary<string, int> headerCells,
        IReadOnlyList<string> rowLabels)
    {
        var firstColumn = columns.Values.Min();
        var wantedRows = rowLabels.Select(LabelText.Normalize).ToHashSet(StringComparer.Ordinal);
        var labelColumn = Math.Max(firstColumn - 1, 0);
        var best = 0;
        for (var c = firstColumn - 1; c >= 1 && wantedRows.Count > 0; c--)
        {
            var matches = grid.Labels.Count(l => l.Column == c && l.Row > headerRow && wantedRows.Contains(l.Label));
            if (matches > best)
            {
                best = matches;
                labelColumn = c;
            }
        }

        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var label in rowLabels)
        {
            var normalised = LabelText.Normalize(label);
            var found = grid.Labels.FirstOrDefault(l => l.Column == labelColumn && l.Row > headerRow && l.Label == normalised);
            if (found.Row > 0)
            {
                rows[label] = found.Row;
            }
            else
            {
                missing.Add(label);
            }
        }

        int? totalColumn = headerCells
            .Where(h => IsTotalLabel(h.Key) && h.Value != labelColumn && h.Value > labelColumn)
            .Select(h => (int?)h.Value)
            .FirstOrDefault();

        int? totalRow = null;
        if (rows.Count > 0)
        {
            var lastDataRow = rows.Values.Max();
            foreach (var (row, column, text) in grid.Labels)
            {
                if (column != labelColumn || row <= headerRow || !IsTotalLabel(text))
                {
                    continue;
                }

                // A total row inside the table, or right after it with only blank rows between; a later one belongs to another table.
                if (row < lastDataRow || Enumerable.Range(lastDataRow + 1, row - lastDataRow - 1).All(grid.RowIsEmpty))
                {
                    totalRow = row;
                }

                break;
            }
        }

        return new TableLayout(headerRow, labelColumn, columns, rows, missing, totalColumn, totalRow);
    }
}
