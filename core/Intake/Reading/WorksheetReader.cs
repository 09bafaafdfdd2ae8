using System.Globalization;
using System.Xml;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Intake.Screening;

namespace PoIntake.Core.Intake.Reading;

internal enum RawKind : byte
{
    Value,
    SharedString,
    Number,
    Formula,
}

/// <summary>
/// A cell as read from its sheet part, before the shared strings and styles (which may come later in the package) are
/// known: a final value, a shared-string index, a number with its style index, or a formula without a saved value.
/// </summary>
internal readonly record struct RawCell(int Row, int Column, RawKind Kind, CellValue? Value, double Number, int Index, string? Formula);

/// <summary>The cells with content of one worksheet part.</summary>
internal sealed class WorksheetPart
{
    public List<RawCell> Cells { get; } = [];

    /// <summary>Null when a cell points at a shared string that does not exist.</summary>
    public ResolvedSheet? Resolve(List<string> sharedStrings, StyleTable styles)
    {
        var sheet = new ResolvedSheet(Cells.Count);
        foreach (var cell in Cells)
        {
            CellValue value;
            switch (cell.Kind)
            {
                case RawKind.SharedString when cell.Index < 0 || cell.Index >= sharedStrings.Count:
                    return null;
                case RawKind.SharedString:
                    value = CellValue.FromText(sharedStrings[cell.Index]);
                    break;
                case RawKind.Number:
                    value = styles.IsDate(cell.Index) && cell.Number is > -657_435 and < 2_958_466
                        ? CellValue.FromDate(DateTime.FromOADate(cell.Number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                        : CellValue.FromNumber(cell.Number);
                    break;
                case RawKind.Formula:
                    sheet.Pending.Add((sheet.Cells.Count, cell.Formula!));
                    value = CellValue.Empty;
                    break;
                default:
                    value = cell.Value!;
                    break;
            }

            sheet.Cells.Add((cell.Row, cell.Column, value));
        }

        return sheet;
    }
}

/// <summary>A worksheet's final cells; formulas without a saved value are <see cref="Pending"/> until evaluated.</summary>
internal sealed class ResolvedSheet(int capacity)
{
    private Dictionary<(int Row, int Column), int>? _index;

    public List<(int Row, int Column, CellValue Value)> Cells { get; } = new(capacity);

    /// <summary>Index into <see cref="Cells"/> and the formula text of each formula without a saved value.</summary>
    public List<(int Index, string Formula)> Pending { get; } = [];

    public int? Find(int row, int column)
    {
        _index ??= Cells.Select((c, i) => (c, i)).ToDictionary(x => (x.c.Row, x.c.Column), x => x.i);
        return _index.TryGetValue((row, column), out var i) ? i : null;
    }
}

/// <summary>
/// Streams one worksheet part: only &lt;row&gt; and &lt;c&gt; matter. A self-closing &lt;c/&gt; (a styled empty cell)
/// is counted for the row's width and otherwise skipped without reading its attributes.
/// </summary>
internal sealed class WorksheetReader(XmlReader reader, WorksheetPart sheet, ScreeningOptions limits, TextBudget text)
{
    /// <summary>Null when the whole part was read; else the limit that stopped it.</summary>
    public PendingRefusal? Read()
    {
        var names = reader.NameTable;
        var rowName = names.Add("row");
        var cellName = names.Add("c");
        var valueName = names.Add("v");
        var formulaName = names.Add("f");
        var inlineName = names.Add("is");
        var row = 0;
        var nextColumn = 1;
        var cellsInRow = 0;
        var used = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var name = reader.LocalName;
            if (ReferenceEquals(name, rowName))
            {
                row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : row + 1;
                nextColumn = 1;
                cellsInRow = 0;
                continue;
            }

            if (!ReferenceEquals(name, cellName))
            {
                continue;
            }

            cellsInRow++;
            if (cellsInRow > limits.MaxColumns)
            {
                return Outside(Math.Max(row, 1), limits.MaxColumns + 1, $"raden har fler än {limits.MaxColumns} celler");
            }

            if (reader.IsEmptyElement)
            {
                // A styled empty cell: its address is not even read, only its row counts.
                if (row > limits.MaxRows)
                {
                    return Outside(row, nextColumn, "det finns formaterade celler på rad " + row.ToString(CultureInfo.InvariantCulture));
                }

                nextColumn++;
                continue;
            }

            var cellRow = Math.Max(row, 1);
            var column = nextColumn;
            if (reader.GetAttribute("r") is { } address && A1.TryParse(address, out var addressRow, out var addressColumn))
            {
                cellRow = addressRow;
                column = addressColumn;
            }

            if (cellRow > limits.MaxRows)
            {
                return Outside(cellRow, column, "det finns celler på rad " + cellRow.ToString(CultureInfo.InvariantCulture));
            }

            nextColumn = column + 1;
            var type = reader.GetAttribute("t");
            var style = int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;

            string? value = null;
            string? formula = null;
            string? inline = null;
            var depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth && !reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    var child = reader.LocalName;
                    if (ReferenceEquals(child, valueName))
                    {
                        value = text.Read(reader);
                    }
                    else if (ReferenceEquals(child, formulaName))
                    {
                        formula = text.Read(reader);
                    }
                    else if (ReferenceEquals(child, inlineName))
                    {
                        inline = text.ReadRich(reader);
                    }
                    else
                    {
                        reader.Skip();
                    }

                    continue;
                }

                reader.Read();
            }

            if (value is null && formula is null && inline is null)
            {
                continue;
            }

            if (++used > limits.MaxUsedCellsPerSheet)
            {
                return new PendingRefusal(null, null, string.Empty, TooManyCells: true, limits.MaxUsedCellsPerSheet, Area());
            }

            if (cellRow > limits.MaxRows || column > limits.MaxColumns)
            {
                return Outside(cellRow, column, "en ifylld cell");
            }

            if (Cell(cellRow, column, type, style, value, formula, inline) is { } cell)
            {
                sheet.Cells.Add(cell);
            }
        }

        return null;
    }

    private static RawCell? Cell(int row, int column, string? type, int style, string? value, string? formula, string? inline)
    {
        // openpyxl and other scripts write formulas without a result; an empty <v/> is no result either (except for text).
        if (formula is not null && (value is null || (value.Length == 0 && type != "str")))
        {
            return new RawCell(row, column, RawKind.Formula, null, 0, 0, formula);
        }

        CellValue? final;
        switch (type)
        {
            case "s":
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    ? new RawCell(row, column, RawKind.SharedString, null, 0, index, null)
                    : throw new FormatException("A shared-string cell without an index.");
            case "inlineStr":
                final = CellValue.FromText(inline ?? OoxmlText.Decode(value ?? string.Empty));
                break;
            case "b":
                final = CellValue.FromBoolean(value?.Trim() is "1" or "true");
                break;
            case "e":
                final = string.IsNullOrWhiteSpace(value) ? CellValue.Empty : CellValue.FromError(value);
                break;
            case "str":
                // A formula's text result that looks like a number is the number (as ClosedXML's cached values were read).
                final = formula is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fromText)
                    ? CellValue.FromNumber(fromText)
                    : CellValue.FromText(OoxmlText.Decode(value ?? string.Empty));
                break;
            case "d":
                final = DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
                    ? CellValue.FromDate(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : CellValue.FromText(value);
                break;
            default:
                if (string.IsNullOrWhiteSpace(value))
                {
                    return null;
                }

                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw new FormatException("A number cell whose value is not a number.");
                }

                if (formula is not null && !double.IsFinite(number))
                {
                    final = CellValue.FromError("#NUM!");
                    break;
                }

                return new RawCell(row, column, RawKind.Number, null, number, style, null);
        }

        return final.IsEmpty ? null : new RawCell(row, column, RawKind.Value, final, 0, 0, null);
    }

    private PendingRefusal Outside(int row, int column, string detail) =>
        new(null, A1.Address(row, column), detail, TooManyCells: false, 0, Area());

    private string Area() => "A1:" + A1.Address(limits.MaxRows, limits.MaxColumns);
}
