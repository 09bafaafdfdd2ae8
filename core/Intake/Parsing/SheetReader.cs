using System.Globalization;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>A value found for a scalar label: the cell right of the label (the first non-empty one, else the adjacent one).</summary>
internal sealed record ScalarCell(int Row, int Column, string Address, CellValue Value);

/// <summary>Reads scalars and table cells of one sheet by the contract's rules, reporting every problem to the sink.</summary>
internal sealed class SheetReader(SheetGrid grid, FindingSink sink)
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public string Sheet => grid.Name;

    public SheetGrid Grid => grid;

    public FindingSink Sink => sink;

    public static string Format(decimal value) => value.ToString("#,0.##", Swedish);

    public static string TableField(string row, string column) => $"{row}, {column}";

    /// <summary>The value cell of a scalar, or null (LABEL_MISSING reported) when its label is not in the sheet.</summary>
    public ScalarCell? Scalar(string label)
    {
        if (grid.FindLabel(label) is not { } at)
        {
            sink.Error(
                FindingCodes.LabelMissing,
                Sheet,
                null,
                label,
                $"etiketten \"{label}\" finns inte i bladet",
                $"en cell med texten \"{label}\" och värdet i en cell till höger på samma rad",
                $"Skriv etiketten \"{label}\" i bladet \"{Sheet}\" (som i mallen) och värdet till höger om den.");
            return null;
        }

        var column = grid.FirstNonEmptyRight(at.Row, at.Column) ?? at.Column + 1;
        return new ScalarCell(at.Row, column, A1.Address(at.Row, column), grid[at.Row, column]);
    }

    public int? Count(string label, bool required, string? factKey = null) =>
        Scalar(label) is { } cell ? CountAt(cell.Row, cell.Column, label, emptyIsZero: false, factKey, emptyIsNull: !required) : null;

    public decimal? Decimal(string label, bool required, string? factKey = null) =>
        Scalar(label) is { } cell ? DecimalAt(cell.Row, cell.Column, label, required, factKey) : null;

    /// <summary>Ja/Nej; <paramref name="whenEmpty"/> null makes the field required.</summary>
    public bool? YesNo(string label, bool? whenEmpty, string? factKey = null) =>
        Scalar(label) is { } cell ? YesNoAt(cell.Row, cell.Column, label, whenEmpty, factKey) : null;

    public string? Text(string label, bool required, int? maxLength = null) =>
        Scalar(label) is { } cell ? TextAt(cell.Row, cell.Column, label, required, maxLength) : null;

    /// <summary>
    /// A count. Empty gives 0 when <paramref name="emptyIsZero"/> (table cells), null without a finding when
    /// <paramref name="emptyIsNull"/>, else VALUE_MISSING.
    /// </summary>
    public int? CountAt(int row, int column, string field, bool emptyIsZero, string? factKey = null, bool emptyIsNull = false)
    {
        var address = A1.Address(row, column);
        var value = grid[row, column];
        if (value.IsEmpty)
        {
            if (emptyIsNull)
            {
                return null;
            }

            if (emptyIsZero)
            {
                Locate(factKey, address, field);
                return 0;
            }

            Missing(address, field, "ett heltal 0 eller större");
            return null;
        }

        if (!Readable(value, address, field))
        {
            return null;
        }

        if (!CellReader.TryCount(value, out var count))
        {
            sink.Error(
                FindingCodes.ValueNotACount,
                Sheet,
                address,
                field,
                $"cellen innehåller {value.Display}",
                "ett heltal från 0 till 100 000 (t.ex. 12 eller 1 007)",
                $"Skriv ett antal som ett heltal utan decimaler, minustecken eller text i cell {address}.");
            return null;
        }

        Locate(factKey, address, field);
        return count;
    }

    public decimal? DecimalAt(int row, int column, string field, bool required, string? factKey = null)
    {
        var address = A1.Address(row, column);
        var value = grid[row, column];
        if (value.IsEmpty)
        {
            if (required)
            {
                Missing(address, field, "ett tal 0 eller större");
            }

            return null;
        }

        if (!Readable(value, address, field))
        {
            return null;
        }

        if (!CellReader.TryDecimal(value, out var number))
        {
            sink.Error(
                FindingCodes.ValueNotADecimal,
                Sheet,
                address,
                field,
                $"cellen innehåller {value.Display}",
                "ett tal 0 eller större, med decimalkomma eller decimalpunkt (t.ex. 312,7)",
                $"Skriv ett tal utan text eller enhet i cell {address}, t.ex. 312,7.");
            return null;
        }

        Locate(factKey, address, field);
        return number;
    }

    public bool? YesNoAt(int row, int column, string field, bool? whenEmpty, string? factKey = null)
    {
        var address = A1.Address(row, column);
        var value = grid[row, column];
        if (value.IsEmpty)
        {
            if (whenEmpty is null)
            {
                Missing(address, field, "Ja eller Nej");
                return null;
            }

            Locate(factKey, address, field);
            return whenEmpty;
        }

        if (!Readable(value, address, field))
        {
            return null;
        }

        if (!CellReader.TryYesNo(value, out var yes))
        {
            sink.Error(
                FindingCodes.ValueNotYesNo,
                Sheet,
                address,
                field,
                $"cellen innehåller {value.Display}",
                "Ja eller Nej (J, N och X för Ja godtas också)",
                $"Skriv Ja eller Nej i cell {address}.");
            return null;
        }

        Locate(factKey, address, field);
        return yes;
    }

    public string? TextAt(int row, int column, string field, bool required, int? maxLength = null)
    {
        var address = A1.Address(row, column);
        var value = grid[row, column];
        if (value.IsEmpty)
        {
            if (required)
            {
                Missing(address, field, "en text");
            }

            return null;
        }

        if (!Readable(value, address, field))
        {
            return null;
        }

        if (CellReader.AsText(value) is not { } text)
        {
            sink.Error(
                FindingCodes.ValueNotText,
                Sheet,
                address,
                field,
                $"cellen innehåller {value.Display}",
                "en text",
                $"Skriv texten i cell {address}.");
            return null;
        }

        if (maxLength is { } max && text.Length > max)
        {
            sink.Error(
                FindingCodes.TextTooLong,
                Sheet,
                address,
                field,
                $"texten är {text.Length.ToString("#,0", Swedish)} tecken lång",
                $"högst {max.ToString("#,0", Swedish)} tecken",
                $"Korta texten i cell {address} till högst {max.ToString("#,0", Swedish)} tecken.");
            return null;
        }

        return text;
    }

    /// <summary>Looks up one of a fixed list of labels (Driftform, Nivå …); reports VALUE_NOT_IN_LIST.</summary>
    public T? Choice<T>(int row, int column, string field, IReadOnlyList<(T Value, string Label)> choices, bool required)
        where T : struct, Enum
    {
        var address = A1.Address(row, column);
        var value = grid[row, column];
        var allowed = string.Join(", ", choices.Select(c => c.Label));
        if (value.IsEmpty)
        {
            if (required)
            {
                Missing(address, field, "ett av värdena " + allowed);
            }

            return null;
        }

        if (!Readable(value, address, field))
        {
            return null;
        }

        var text = CellReader.AsText(value);
        foreach (var (choice, label) in choices)
        {
            if (LabelText.Same(text, label))
            {
                return choice;
            }
        }

        sink.Error(
            FindingCodes.ValueNotInList,
            Sheet,
            address,
            field,
            $"cellen innehåller {value.Display}",
            "ett av värdena " + allowed,
            $"Välj ett av värdena i listan i cell {address}: {allowed}.");
        return null;
    }

    public TableLayout? Table(string title, IReadOnlyList<string> columns, IReadOnlyList<string> rows)
    {
        var table = TableLocator.Locate(grid, columns, rows);
        if (table is null)
        {
            var header = string.Join(" | ", columns);
            sink.Error(
                FindingCodes.TableMissing,
                Sheet,
                null,
                title,
                $"tabellen \"{title}\" hittades inte (ingen rad har rubrikerna {header})",
                $"en rubrikrad med {header} och radetiketterna i kolumnen till vänster",
                $"Återställ tabellens rubrikrad ({header}) i bladet \"{Sheet}\", t.ex. genom att kopiera den från mallen.");
            return null;
        }

        foreach (var missing in table.MissingRows)
        {
            var column = table.LabelColumn > 0 ? A1.ColumnLetters(table.LabelColumn) : null;
            sink.Error(
                FindingCodes.TableRowMissing,
                Sheet,
                null,
                missing,
                $"raden \"{missing}\" saknas i tabellen \"{title}\"" + (column is null ? string.Empty : $" (radetiketter i kolumn {column})"),
                $"en rad med etiketten \"{missing}\" under tabellens rubrikrad (rad {table.HeaderRow})",
                $"Lägg tillbaka raden \"{missing}\" i tabellen, med etiketten i tabellens första kolumn.");
        }

        return table;
    }

    /// <summary>Reads every (row, column) count of a table (empty = 0) and checks any Totalt/Summa column or row.</summary>
    public Dictionary<(string Row, string Column), int>? CountTable(TableLayout table, Func<string, string, string?> factKey)
    {
        var values = new Dictionary<(string, string), int>();
        var ok = table.MissingRows.Count == 0;
        foreach (var (rowLabel, row) in table.Rows)
        {
            foreach (var (columnLabel, column) in table.Columns)
            {
                var count = CountAt(row, column, TableField(rowLabel, columnLabel), emptyIsZero: true, factKey(rowLabel, columnLabel));
                if (count is { } c)
                {
                    values[(rowLabel, columnLabel)] = c;
                }
                else
                {
                    ok = false;
                }
            }
        }

        if (!ok)
        {
            return null;
        }

        CheckTotals(table, values);
        return values;
    }

    public void Error(string code, string cell, string field, string found, string expected, string fix) =>
        sink.Error(code, Sheet, cell, field, found, expected, fix);

    public void Warning(string code, string cell, string field, string found, string expected, string fix) =>
        sink.Warning(code, Sheet, cell, field, found, expected, fix);

    private void CheckTotals(TableLayout table, Dictionary<(string Row, string Column), int> values)
    {
        var allMatch = true;
        if (table.TotalColumn is { } totalColumn)
        {
            foreach (var (rowLabel, row) in table.Rows)
            {
                var sum = table.Columns.Keys.Sum(c => values[(rowLabel, c)]);
                allMatch &= CheckTotal(row, totalColumn, TableField(rowLabel, WorkbookLabels.Total), sum);
            }
        }

        if (table.TotalRow is { } totalRow)
        {
            foreach (var (columnLabel, column) in table.Columns)
            {
                var sum = table.Rows.Keys.Sum(r => values[(r, columnLabel)]);
                allMatch &= CheckTotal(totalRow, column, TableField(WorkbookLabels.Total, columnLabel), sum);
            }

            // The corner usually sums the other totals; once one of those is wrong it would only repeat the finding.
            if (table.TotalColumn is { } corner && allMatch)
            {
                CheckTotal(totalRow, corner, TableField(WorkbookLabels.Total, WorkbookLabels.Total), values.Values.Sum());
            }
        }
    }

    /// <summary>False when the total cell holds something other than the sum (a finding is reported).</summary>
    private bool CheckTotal(int row, int column, string field, int sum)
    {
        if (grid[row, column].IsEmpty)
        {
            return true;
        }

        if (CountAt(row, column, field, emptyIsZero: true) is { } total && total != sum)
        {
            var address = A1.Address(row, column);
            Error(
                FindingCodes.SumMismatch,
                address,
                field,
                $"summan är {Format(total)}, men tabellens värden summerar till {Format(sum)}",
                $"{Format(sum)} (summan av raden/kolumnen)",
                $"Rätta summan i cell {address} eller de värden den summerar, eller töm summacellen.");
            return false;
        }

        return true;
    }

    private void Missing(string address, string field, string expected) =>
        sink.Error(
            FindingCodes.ValueMissing,
            Sheet,
            address,
            field,
            "cellen är tom",
            expected,
            $"Fyll i \"{field}\" i cell {address}.");

    /// <summary>False (with a finding) for an Excel error value or a formula that cannot be computed.</summary>
    private bool Readable(CellValue value, string address, string field)
    {
        switch (value.Kind)
        {
            case CellKind.Error:
                sink.Error(
                    FindingCodes.ExcelErrorValue,
                    Sheet,
                    address,
                    field,
                    $"cellen innehåller {value.Display}",
                    "ett värde, inte ett felvärde från Excel",
                    $"Rätta formeln eller skriv värdet direkt i cell {address} så att den inte visar {value.Text}.");
                return false;
            case CellKind.FormulaFailed:
                sink.Error(
                    FindingCodes.FormulaFailed,
                    Sheet,
                    address,
                    field,
                    $"cellen innehåller {value.Display}",
                    "ett värde eller en formel som går att beräkna",
                    $"Skriv värdet direkt i cell {address} i stället för formeln, eller rätta formeln (t.ex. en cirkelreferens). Har filen skapats av ett program eller skript, öppna och spara den i Excel eller LibreOffice Calc.");
                return false;
            case CellKind.FormulaNotEvaluated:
                sink.Error(
                    FindingCodes.FormulaNotEvaluated,
                    Sheet,
                    address,
                    field,
                    $"cellen innehåller {value.Display}",
                    "ett värde, eller en formel vars resultat är sparat i filen",
                    "Öppna filen i Excel eller LibreOffice Calc och spara den (då sparas formlernas värden), eller skriv värdet direkt i cell " + address + ", och ladda upp filen igen.");
                return false;
            default:
                return true;
        }
    }

    private void Locate(string? factKey, string address, string field)
    {
        if (factKey is not null)
        {
            sink.Locate(factKey, Sheet, address, field);
        }
    }
}
