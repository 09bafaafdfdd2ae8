using ClosedXML.Excel;

namespace PoIntake.Tests.Template;

/// <summary>Small test-side lookups in a saved workbook, independent of the template's own layout code.</summary>
internal static class WorkbookReading
{
    public static XLWorkbook Open(byte[] bytes) => new(new MemoryStream(bytes));

    public static IXLCell FindLabel(IXLWorksheet sheet, string label)
    {
        var matches = sheet.CellsUsed(c => c.DataType == XLDataType.Text && c.GetString() == label).ToList();
        Assert.True(matches.Count == 1, $"Expected the label \"{label}\" once on sheet {sheet.Name}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The value cell of a scalar: the cell right of the label.</summary>
    public static IXLCell ValueOf(IXLWorksheet sheet, string label) => FindLabel(sheet, label).CellRight();

    /// <summary>The header row that holds all the given labels, each once.</summary>
    public static IXLRow HeaderRow(IXLWorksheet sheet, params string[] labels)
    {
        var rows = sheet.RowsUsed(r => labels.All(l => r.CellsUsed(c => c.GetString() == l).Count() == 1)).ToList();
        Assert.True(rows.Count == 1, $"Expected one header row with {string.Join(" | ", labels)} on {sheet.Name}, found {rows.Count}.");
        return rows[0];
    }

    /// <summary>The cell of a table at a row label (first column of the table) and a column header.</summary>
    public static IXLCell TableCell(IXLWorksheet sheet, IXLRow header, string rowLabel, string columnLabel)
    {
        var column = header.CellsUsed(c => c.GetString() == columnLabel).Single().Address.ColumnNumber;
        var firstColumn = header.FirstCellUsed().Address.ColumnNumber;
        var row = sheet.Column(firstColumn).CellsUsed(c => c.Address.RowNumber > header.RowNumber() && c.GetString() == rowLabel)
            .First().Address.RowNumber;
        return sheet.Cell(row, column);
    }

    /// <summary>The values a list drop-down offers on a cell, resolved through its range formula.</summary>
    public static IReadOnlyList<string>? DropDownChoices(IXLCell cell)
    {
        var workbook = cell.Worksheet.Workbook;
        var rule = cell.Worksheet.DataValidations.FirstOrDefault(v => v.Ranges.Any(r => r.Contains(cell)));
        if (rule is null || rule.AllowedValues != XLAllowedValues.List)
        {
            return null;
        }

        var formula = rule.Value.TrimStart('=');
        var separator = formula.LastIndexOf('!');
        var sheetName = formula[..separator].Trim('\'');
        var range = workbook.Worksheet(sheetName).Range(formula[(separator + 1)..].Replace("$", "", StringComparison.Ordinal));
        return range.Cells().Select(c => c.GetString()).ToList();
    }

    public static IXLDataValidation? RuleOf(IXLCell cell) =>
        cell.Worksheet.DataValidations.FirstOrDefault(v => v.Ranges.Any(r => r.Contains(cell)));
}
