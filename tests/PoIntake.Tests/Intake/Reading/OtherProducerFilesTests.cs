using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Template;
using static PoIntake.Tests.Intake.ParserTestKit;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Intake.Reading;

/// <summary>Workbooks as other producers write them, tried as a new user would: Strict Open XML, a formula over a sheet named with å/ä/ö.</summary>
public sealed class OtherProducerFilesTests
{
    [Fact]
    public void Parse_StrictOpenXmlWorkbook_ReadsTheSameReport()
    {
        var normal = ReportWorkbookWriter.Write(TestWorkbook.ExpectedReport);
        var strict = OtherProducers.AsStrictOpenXml(normal);

        // It is Strict: the sheets and relationships carry only the Strict namespaces.
        var workbookXml = Part(strict, "xl/workbook.xml");
        Assert.Contains("http://purl.oclc.org/ooxml/spreadsheetml/main", workbookXml, StringComparison.Ordinal);
        Assert.DoesNotContain("schemas.openxmlformats.org/spreadsheetml", workbookXml, StringComparison.Ordinal);
        Assert.DoesNotContain("schemas.openxmlformats.org/officeDocument/2006/relationships", Part(strict, "xl/_rels/workbook.xml.rels"), StringComparison.Ordinal);

        var result = Parser().Parse(strict, TestWorkbook.Origin);

        Assert.Empty(result.Findings);
        AssertSameReport(TestWorkbook.ExpectedReport, AssertValid(result));
    }

    [Fact]
    public void Parse_StrictOpenXmlResavedByLibreOffice_StillReads()
    {
        // LibreOffice opens Strict and saves it as a normal workbook: the round trip a user is told about works too.
        var strict = OtherProducers.AsStrictOpenXml(ReportWorkbookWriter.Write(TestWorkbook.ExpectedReport));

        AssertSameReport(TestWorkbook.ExpectedReport, AssertValid(Parser().Parse(OtherProducers.ResavedByLibreOffice(strict), TestWorkbook.Origin)));
    }

    [Theory]
    [InlineData("Beräkning")]
    [InlineData("Årsöversikt")]
    [InlineData("Beräkning 2")]
    public void Parse_FormulaWithoutValueOverASheetNamedWithSwedishLetters_IsEvaluated(string helperSheet)
    {
        byte[] content;
        using (var workbook = new XLWorkbook(new MemoryStream(TestWorkbook.Valid().Build())))
        {
            var helper = workbook.AddWorksheet(helperSheet);
            helper.Cell("B2").Value = 20;
            helper.Cell("C3").Value = 15;
            var clients = workbook.Worksheet(Sheets.Clients);
            var women = clients.CellsUsed().Single(c => c.GetString() == "Kvinnor" && c.Address.ColumnNumber == 1);
            var youngWomen = women.CellRight();
            Assert.Equal(20, youngWomen.GetValue<int>());
            youngWomen.FormulaA1 = $"'{helperSheet}'!B2";
            women.CellBelow().CellRight().FormulaA1 = $"SUM('{helperSheet}'!C3)";
            using var stream = new MemoryStream();
            workbook.SaveAs(stream);
            content = stream.ToArray();
        }

        // ClosedXML saves formulas without values, as a script would.
        Assert.Contains($"<x:f>'{helperSheet}'!B2</x:f></x:c>", SheetXmlContaining(content, "!B2</x:f>"), StringComparison.Ordinal);

        var result = Parser().Parse(content, TestWorkbook.Origin);

        AssertSameReport(TestWorkbook.ExpectedReport, AssertValid(result));
    }

    private static string Part(byte[] package, string name)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(package));
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static string SheetXmlContaining(byte[] package, string text)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(package));
        foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = reader.ReadToEnd();
            if (xml.Contains(text, StringComparison.Ordinal))
            {
                return xml;
            }
        }

        return string.Empty;
    }
}
