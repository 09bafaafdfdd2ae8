using System.IO.Compression;
using ClosedXML.Excel;
using PoIntake.Core.Reference;
using PoIntake.DevHost.Samples;
using static PoIntake.Tests.Template.WorkbookReading;
using L = PoIntake.Core.Intake.WorkbookLabels;

namespace PoIntake.Tests.Samples;

public sealed class InvalidSamplesTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, InvalidSample>> Samples =
        new(() => InvalidSamples.All().ToDictionary(s => s.Slug));

    private static InvalidSample Sample(string slug) => Samples.Value[slug];

    [Fact]
    public void All_HaveDistinctPathsAndDocumentedCodes()
    {
        var samples = InvalidSamples.All();

        Assert.Equal(samples.Count, samples.Select(s => $"{s.Year}/{s.CountyCode}/{s.Slug}").Distinct().Count());
        Assert.All(samples, s => Assert.False(string.IsNullOrWhiteSpace(s.ExpectedCode)));
        Assert.True(samples.Count >= 8);
    }

    [Fact]
    public void WrongCountyInPath_NamesAnotherCountyThanItsFolder()
    {
        var sample = Sample("wrong-county-in-path");
        using var workbook = Open(sample.Content);

        var county = ValueOf(workbook.Worksheet(L.Sheets.Operation), L.Operation.County).GetString();
        var code = MunicipalityRegistry.Default.FindCounty(county)?.Code;
        Assert.NotNull(code);
        Assert.NotEqual(sample.CountyCode, code);
        Assert.Equal($"{sample.Sheet}!{sample.Cell}", $"{L.Sheets.Operation}!{ValueOf(workbook.Worksheet(L.Sheets.Operation), L.Operation.County).Address}");
    }

    [Fact]
    public void MunicipalityOfOtherCounty_ListsExactlyOneForeignMunicipality()
    {
        var sample = Sample("municipality-of-other-county");
        using var workbook = Open(sample.Content);

        var names = ValueOf(workbook.Worksheet(L.Sheets.Operation), L.Operation.Municipalities).GetString().Split(", ");
        var counties = names.Select(n => MunicipalityRegistry.Default.FindMunicipality(n)!.CountyCode).ToList();
        Assert.Single(counties, c => c != sample.CountyCode);
        Assert.Contains("Karlshamn", names);
    }

    [Fact]
    public void TextInCount_HasTheWordTolvInTheDocumentedCell()
    {
        var sample = Sample("text-in-count");
        using var workbook = Open(sample.Content);

        var cell = workbook.Worksheet(sample.Sheet!).Cell(sample.Cell!);
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal("tolv", cell.GetString());
    }

    [Fact]
    public void SupervisionExceedsOmbud_HasMoreSupervisedThanOmbudInTheDocumentedCell()
    {
        var sample = Sample("supervision-exceeds-ombud");
        using var workbook = Open(sample.Content);
        var sheet = workbook.Worksheet(L.Sheets.Ombud);

        var supervised = sheet.Cell(sample.Cell!);
        var ombud = supervised.CellAbove();
        Assert.Equal(L.Ombud.WithSupervision, sheet.Cell(supervised.Address.RowNumber, 1).GetString());
        Assert.True(supervised.GetValue<int>() > ombud.GetValue<int>());
    }

    [Fact]
    public void TotalNotSum_HasATypedTotalThatDiffersFromTheRowSum()
    {
        var sample = Sample("total-not-sum");
        using var workbook = Open(sample.Content);
        var sheet = workbook.Worksheet(L.Sheets.Clients);

        var total = sheet.Cell(sample.Cell!);
        Assert.False(total.HasFormula);
        var row = total.Address.RowNumber;
        var sum = Enumerable.Range(2, 4).Sum(c => sheet.Cell(row, c).GetValue<int>());
        Assert.Equal(sum + 10, total.GetValue<int>());
    }

    [Fact]
    public void MissingContactPerson_LeavesTheValueCellEmpty()
    {
        var sample = Sample("missing-contact-person");
        using var workbook = Open(sample.Content);

        Assert.True(ValueOf(workbook.Worksheet(L.Sheets.Operation), L.Operation.ContactPerson).IsEmpty());
    }

    [Fact]
    public void CsvRenamed_IsNotAZipPackage()
    {
        var content = Sample("csv-renamed-xlsx").Content;

        Assert.NotEqual((byte)'P', content[0]);
        Assert.Throws<InvalidDataException>(() => new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read));
    }

    [Fact]
    public void LegacyXls_IsAnOleCompoundFileWithAWorkbookStream()
    {
        var content = Sample("legacy-xls-renamed-xlsx").Content;

        Assert.Equal(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, content[..8]);
        Assert.Contains("Workbook", System.Text.Encoding.Unicode.GetString(content), StringComparison.Ordinal);
    }

    [Fact]
    public void MacroEnabled_CarriesAVbaProjectPartAndMacroContentType()
    {
        using var zip = new ZipArchive(new MemoryStream(Sample("macro-enabled-workbook").Content), ZipArchiveMode.Read);

        Assert.NotNull(zip.GetEntry("xl/vbaProject.bin"));
        using var reader = new StreamReader(zip.GetEntry("[Content_Types].xml")!.Open());
        Assert.Contains("macroEnabled.main+xml", reader.ReadToEnd(), StringComparison.Ordinal);
    }
}
