namespace PoIntake.Core.Intake.Parsing;

/// <summary>The non-empty cells of one sheet, read once; rows and columns are 1-based.</summary>
internal sealed class SheetGrid
{
    private readonly Dictionary<(int Row, int Column), CellValue> _cells;
    private readonly List<(int Row, int Column, string Label)> _labels;

    public SheetGrid(string name, IEnumerable<(int Row, int Column, CellValue Value)> cells)
    {
        Name = name;
        _cells = new Dictionary<(int, int), CellValue>();
        foreach (var (row, column, value) in cells)
        {
            if (!value.IsEmpty)
            {
                _cells[(row, column)] = value;
            }
        }

        _labels = _cells
            .Where(c => c.Value.Kind == CellKind.Text)
            .Select(c => (c.Key.Row, c.Key.Column, LabelText.Canonical(LabelText.Normalize(c.Value.Text))))
            .OrderBy(c => c.Row)
            .ThenBy(c => c.Column)
            .ToList();
        LastRow = _cells.Count == 0 ? 0 : _cells.Keys.Max(k => k.Row);
        LastColumn = _cells.Count == 0 ? 0 : _cells.Keys.Max(k => k.Column);
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
