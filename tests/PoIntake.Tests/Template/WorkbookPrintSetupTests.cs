using ClosedXML.Excel;
using PoIntake.Core.Template;
using static PoIntake.Tests.Template.WorkbookReading;
using L = PoIntake.Core.Intake.WorkbookLabels;

namespace PoIntake.Tests.Template;

/// <summary>The print setup of the blank template, checked on paper: LibreOffice prints each sheet to PDF and the pages are counted.</summary>
public sealed class WorkbookPrintSetupTests
{
    private static readonly Lazy<byte[]> Template2026 = new(() => ReportTemplate.Write(2026));

    [Fact]
    public void Template_PrintedWithLibreOffice_EverySheetOnOnePageSoLabelsStayWithTheirInputCells()
    {
        var pages = PrintedPages.PerSheet(Template2026.Value);

        // Every visible sheet, each on one page: before the print setup the labels printed on one page and the input
        // cells on the next (22 pages for the workbook). The deficiency table's 50 marked rows may run onto a second page.
        Assert.Equal(
            [L.Sheets.Instructions, L.Sheets.Operation, L.Sheets.Ombud, L.Sheets.Clients, L.Sheets.ContactReasons, L.Sheets.Waiting, L.Sheets.Management, L.Sheets.Deficiencies, L.Sheets.Economy, L.Sheets.FollowUp],
            pages.Keys);
        Assert.All(pages.Where(p => p.Key != L.Sheets.Deficiencies), p => Assert.True(p.Value == 1, $"{p.Key}: {p.Value} pages"));
        Assert.InRange(pages[L.Sheets.Deficiencies], 1, 2);
    }

    [Fact]
    public void Template_EveryVisibleSheet_A4OnePageWideWithPrintAreaOverLabelsAndInputs()
    {
        using var workbook = Open(Template2026.Value);

        foreach (var sheet in workbook.Worksheets.Where(s => s.Visibility == XLWorksheetVisibility.Visible))
        {
            var setup = sheet.PageSetup;
            Assert.Equal(XLPaperSize.A4Paper, setup.PaperSize);
            Assert.Equal((1, 0), (setup.PagesWide, setup.PagesTall));
            var area = Assert.Single(setup.PrintAreas).RangeAddress;
            var used = sheet.RangeUsed(XLCellsUsedOptions.All)!.RangeAddress;
            Assert.Equal((1, 1), (area.FirstAddress.RowNumber, area.FirstAddress.ColumnNumber));
            Assert.Equal(used.LastAddress.RowNumber, area.LastAddress.RowNumber);
            Assert.True(area.LastAddress.ColumnNumber >= used.LastAddress.ColumnNumber, $"{sheet.Name}: print area {area} leaves out used cells {used}");
        }
    }

    [Fact]
    public void Template_WideSheetsLandscape_TitleAndTableHeaderRepeated()
    {
        using var workbook = Open(Template2026.Value);

        Assert.Equal(XLPageOrientation.Landscape, workbook.Worksheet(L.Sheets.Instructions).PageSetup.PageOrientation);
        Assert.Equal(XLPageOrientation.Landscape, workbook.Worksheet(L.Sheets.Deficiencies).PageSetup.PageOrientation);
        Assert.Equal(XLPageOrientation.Portrait, workbook.Worksheet(L.Sheets.Economy).PageSetup.PageOrientation);
        var deficiencies = workbook.Worksheet(L.Sheets.Deficiencies);
        var header = HeaderRow(deficiencies, [.. TemplateLayout.Deficiencies.Headers]).RowNumber();
        Assert.Equal((1, header), (deficiencies.PageSetup.FirstRowToRepeatAtTop, deficiencies.PageSetup.LastRowToRepeatAtTop));
        Assert.Equal((1, 2), (workbook.Worksheet(L.Sheets.Economy).PageSetup.FirstRowToRepeatAtTop, workbook.Worksheet(L.Sheets.Economy).PageSetup.LastRowToRepeatAtTop));
    }

    [Fact]
    public void Template_InstructionLines_WrapInsideThePrintArea()
    {
        using var workbook = Open(Template2026.Value);
        var sheet = workbook.Worksheet(L.Sheets.Instructions);

        var area = Assert.Single(sheet.PageSetup.PrintAreas).RangeAddress;
        var lines = sheet.CellsUsed(c => c.GetString().Length > 0).ToList();
        Assert.Contains(lines, c => c.GetString().Length > 100);
        // A line that does not wrap runs on into the next columns, which lie outside the print area and are cut off on paper.
        Assert.All(lines, c =>
        {
            Assert.True(c.Style.Alignment.WrapText, $"{c.Address} does not wrap");
            Assert.InRange(c.Address.ColumnNumber, area.FirstAddress.ColumnNumber, area.LastAddress.ColumnNumber);
        });
    }

    [Fact]
    public void Template_TitlesHintsAndLabels_NotCutOffAtThePrintAreasEdge()
    {
        using var workbook = Open(Template2026.Value);

        Assert.All(workbook.Worksheets.Where(s => s.Visibility == XLWorksheetVisibility.Visible), PrintedPages.AssertNoTextCutOff);
    }

    [Fact]
    public void Apply_HintLongerThanTheTable_PrintAreaTakesInTheColumnsItRunsInto()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Ekonomi");
        sheet.Cell(2, 1).SetValue(new string('x', 60));
        sheet.Cell(4, 2).SetValue(1);
        sheet.Column(1).Width = 30;
        sheet.Column(2).Width = 20;
        sheet.Column(3).Width = 5;
        sheet.Column(4).Width = 10;

        WorkbookPrintSetup.Apply(sheet, headerRows: 2);

        Assert.Equal("A1:D4", Assert.Single(sheet.PageSetup.PrintAreas).RangeAddress.ToStringRelative());
    }

    [Fact]
    public void Apply_NarrowSheet_PortraitWithoutRepeatedRowsWhenNoneAsked()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Smal");
        sheet.Cell(3, 2).SetValue("x");
        sheet.Column(1).Width = 30;
        sheet.Column(2).Width = 30;

        WorkbookPrintSetup.Apply(sheet, headerRows: 0);

        Assert.Equal(XLPageOrientation.Portrait, sheet.PageSetup.PageOrientation);
        Assert.Equal("A1:B3", Assert.Single(sheet.PageSetup.PrintAreas).RangeAddress.ToStringRelative());
        Assert.Equal(0, sheet.PageSetup.FirstRowToRepeatAtTop);
    }
}
