using ClosedXML.Excel;

namespace PoIntake.Core.Template;

/// <summary>
/// How every workbook PoIntake writes prints (the blank template, the findings, the totals): A4, landscape when the
/// columns are wider than a portrait page, scaled to one page wide, the header rows repeated on every page, and a print
/// area over the used cells (input cells that are still empty included) and the empty columns a title or hint runs into,
/// so no text is cut off at its edge.
/// </summary>
public static class WorkbookPrintSetup
{
    /// <summary>Columns wider than this in all (Excel's character units) print landscape: about an A4 portrait page.</summary>
    public const double PortraitWidth = 90;

    /// <summary>Applies the setup to every visible sheet; <paramref name="headerRows"/> gives the rows to repeat per sheet (0: none).</summary>
    public static void Apply(XLWorkbook workbook, Func<IXLWorksheet, int> headerRows)
    {
        foreach (var sheet in workbook.Worksheets.Where(s => s.Visibility == XLWorksheetVisibility.Visible))
        {
            Apply(sheet, headerRows(sheet));
        }
    }

    /// <summary>Applies the setup to one sheet, repeating rows 1 to <paramref name="headerRows"/> at the top of each page (0: none).</summary>
    public static void Apply(IXLWorksheet sheet, int headerRows)
    {
        var used = sheet.RangeUsed(XLCellsUsedOptions.All);
        if (used is null)
        {
            return;
        }

        var lastRow = used.RangeAddress.LastAddress.RowNumber;
        var lastColumn = Math.Max(
            used.RangeAddress.LastAddress.ColumnNumber,
            sheet.CellsUsed(c => c.DataType == XLDataType.Text && !c.Style.Alignment.WrapText).Select(c => LastColumnReached(sheet, c)).DefaultIfEmpty(1).Max());
        var width = Enumerable.Range(1, lastColumn).Sum(c => sheet.Column(c).Width);
        var setup = sheet.PageSetup;
        setup.PaperSize = XLPaperSize.A4Paper;
        setup.PageOrientation = width > PortraitWidth ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        setup.FitToPages(1, 0);
        setup.Margins.Left = setup.Margins.Right = 0.5;
        setup.Margins.Top = setup.Margins.Bottom = 0.6;
        setup.PrintAreas.Clear();
        setup.PrintAreas.Add(1, 1, lastRow, lastColumn);
        if (headerRows > 0)
        {
            setup.SetRowsToRepeatAtTop(1, Math.Min(headerRows, lastRow));
        }
    }

    /// <summary>
    /// About how wide a text prints, in Excel's character units (the width of a "0" at 11 pt): its length scaled by its
    /// font size, a tenth more when bold. Generous on purpose: ordinary letters are narrower than a digit.
    /// </summary>
    public static double TextWidth(IXLCell cell) =>
        cell.GetString().Length * cell.Style.Font.FontSize / 11 * (cell.Style.Font.Bold ? 1.1 : 1.0);

    /// <summary>The last column a text that does not wrap runs into, when the cells to its right are empty (a title, a hint).</summary>
    private static int LastColumnReached(IXLWorksheet sheet, IXLCell cell)
    {
        var column = cell.Address.ColumnNumber;
        var width = sheet.Column(column).Width;
        while (width < TextWidth(cell) && sheet.Cell(cell.Address.RowNumber, column + 1).IsEmpty())
        {
            column++;
            width += sheet.Column(column).Width;
        }

        return column;
    }
}
