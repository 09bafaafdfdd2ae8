namespace PoIntake.Core.Intake.Parsing;

/// <summary>The non-empty cells of one sheet, read once; rows and columns are 1-based.</summary>
internal sealed class SheetGrid
{
    private readonly Dictionary<(int Row, int Column), CellValue> _cells;
    private readonly List<(int Row, int Column, string Label)> _labels;

    public SheetGrid(string name, IEnumerable<(int Row, int Column, CellValue Value)> cells)
    {
        Name = name;
        _cells = cells is ICollection<(int, int, CellValue)> known ? new(known.Count) : [];
        _labels = [];
        foreach (var (row, column, value) in cells)
        {
            if (value.IsEmpty)
            {
                continue;
            }

            if (_cells.TryAdd((row, column), value))
            {
                LastRow = Math.Max(LastRow, row);
                LastColumn = Math.Max(LastColumn, column);
                if (value.Kind == CellKind.Text)
                {
                    _labels.Add((row, column, LabelText.Canonical(LabelText.Normalize(value.Text))));
                }
            }
            else
            {
                // A later cell at the same place replaces the earlier one (as the dictionary did).
                _cells[(row, column)] = value;
                _labels.RemoveAll(l => l.Row == row && l.Column == column);
                if (value.Kind == CellKind.Text)
                {
                    _labels.Add((row, column, LabelText.Canonical(LabelText.Normalize(value.Text))));
                }
            }
        }

        _labels.Sort(static (a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
    }

    /// <summary>The sheet's name as the contract spells it.</summary>
    public string Name { get; }

    public int LastRow { get; }

    public int LastColumn { get; }

    public CellValue this[int row, int column] => _cells.GetValueOrDefault((row, column), CellValue.Empty);

    /// <summary>Text cells in reading order (row by row), with their normalised text (a label's variant as the label).</summary>
    public IReadOnlyList<(int Row, int Column, string Label)> Labels => _labels;

    public (int Row, int Column)? FindLabel(string label)
    {
        var wanted = LabelText.Normalize(label);
        foreach (var (row, column, text) in _labels)
        {
            if (text == wanted)
            {
                return (row, column);
            }
        }

        return null;
    }

    public bool IsLabel(int row, int column, string label) =>
        this[row, column] is { Kind: CellKind.Text } value && LabelText.Same(value.Text, label);

    public bool RowIsEmpty(int row)
    {
        for (var c = 1; c <= LastColumn; c++)
        {
            if (!this[row, c].IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first non-empty cell right of (row, column), or null when the rest of the row is empty.</summary>
    public int? FirstNonEmptyRight(int row, int column)
    {
        for (var c = column + 1; c <= LastColumn; c++)
        {
            if (!this[row, c].IsEmpty)
            {
                return c;
            }
        }

        return null;
    }
}
