using System.IO.Compression;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Intake.Reading;
using PoIntake.Core.Intake.Screening;
using PoIntake.Tests.Hardening;
using static PoIntake.Tests.Intake.ParserTestKit;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Intake.Reading;

public sealed class WorkbookReaderTests
{
    private const string Women = "Kvinnor";

    private const string Sample = "valid/2021/12/personligt-ombud-skane-nordost.xlsx";

    public static TheoryData<string> Workbooks() => ["template sample", "valid", "text in a count", "error value", "small sum without value"];

    private static bool HasFormulas(string name) => name is "template sample" or "small sum without value";

    private static byte[] Original(string name) => name switch
    {
        "template sample" => File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "samples", Sample)),
        "valid" => TestWorkbook.Valid().Build(),
        "text in a count" => TestWorkbook.Valid().SetCell(Sheets.Clients, "Män", "50–64 år", "tolv").Build(),
        "error value" => TestWorkbook.Valid().SetCell(Sheets.Clients, Women, "65– år", new ErrorValue("#REF!")).Build(),
        _ => HostileCorpus.SmallSum(),
    };

    private static ExpectedOrigin OriginOf(string name) => name == "template sample" ? new ExpectedOrigin(2021, "12") : TestWorkbook.Origin;

    [Theory]
    [MemberData(nameof(Workbooks))]
    public void Parse_ResavedByLibreOfficeCalc_ReadsTheSameAsTheClosedXmlOriginal(string name)
    {
        var original = Original(name);
        var resaved = OtherProducers.ResavedByLibreOffice(original);

        // LibreOffice saves each formula's value: the read takes it instead of evaluating.
        if (HasFormulas(name))
        {
            Assert.Matches("<f[^>]*>SUM\\([^<]*</f><v>[0-9]", SheetXml(resaved));
        }

        AssertReadTheSame(original, resaved, OriginOf(name));
    }

    [Theory]
    [MemberData(nameof(Workbooks))]
    public void Parse_ResavedByOpenpyxl_ReadsTheSameAsTheClosedXmlOriginal(string name)
    {
        var original = Original(name);
        var resaved = OtherProducers.ResavedByOpenpyxl(original);

        // openpyxl saves formulas without values (and strings inline): the read evaluates the formulas (they are small).
        if (HasFormulas(name))
        {
            Assert.Matches("<f>SUM\\([^<]*</f>(<v\\s*/>|<v></v>|</c>)", SheetXml(resaved));
        }

        AssertReadTheSame(original, resaved, OriginOf(name));
    }

    [Theory]
    [MemberData(nameof(Workbooks))]
    public void Parse_InlineStrings_ReadsTheSameAsSharedStrings(string name)
    {
        var original = Original(name);
        var inline = OtherProducers.WithInlineStrings(original);

        Assert.Contains("inlineStr", SheetXml(inline), StringComparison.Ordinal);
        Assert.DoesNotContain("t=\"s\"", SheetXml(inline), StringComparison.Ordinal);
        AssertReadTheSame(original, inline, OriginOf(name));
    }

    [Fact]
    public void Parse_EditedByOpenpyxlWith65PlusVariantAndZeroWaitingDays_AcceptsWithWarning()
    {
        var valid = TestWorkbook.Valid();
        var days = valid.AddressOf(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays);
        var clients = OtherProducers.EditedByOpenpyxl(valid.Build(), Sheets.Clients, new Dictionary<string, string> { ["65– år"] = "65 år och äldre" }, new Dictionary<string, object?>());
        var edited = OtherProducers.EditedByOpenpyxl(clients, Sheets.Waiting, new Dictionary<string, string>(), new Dictionary<string, object?> { [days] = 0 });

        var result = Parser().Parse(edited, TestWorkbook.Origin);

        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
        var warning = Assert.Single(result.Findings, f => f.Code == FindingCodes.WaitingZeroDays);
        Assert.Equal((Severity.Warning, Sheets.Waiting, days), (warning.Severity, warning.Sheet, warning.Cell));
        var report = AssertValid(result);
        Assert.Equal(10, report.Clients!.ByGenderAndAge[(Gender.Women, AgeGroup.Age65Plus)]);
        Assert.Equal(5, report.Clients.ByGenderAndAge[(Gender.Men, AgeGroup.Age65Plus)]);
        Assert.Equal((true, 0), (report.Waiting!.HasWaitingTime, report.Waiting.EstimatedWaitingDays));
    }

    [Fact]
    public void Read_ValueOutsideTheRowLimit_RefusesNamingSheetAndCell()
    {
        var workbook = TestWorkbook.Valid().Raw(Sheets.Economy, "C41", "x").Build();

        var read = WorkbookReader.Read(workbook, new ScreeningOptions { MaxRows = 40 });

        var finding = Assert.Single(read.Refusals);
        Assert.Equal((FindingCodes.SheetOutsideArea, Sheets.Economy, "C41"), (finding.Code, finding.Sheet, finding.Cell));
        Assert.Contains("A1:AX40", finding.Message, StringComparison.Ordinal);
        Assert.Empty(WorkbookReader.Read(workbook, new ScreeningOptions { MaxRows = 41 }).Refusals);
    }

    [Fact]
    public void Read_ValueOutsideTheColumnLimit_Refuses()
    {
        var workbook = TestWorkbook.Valid().Raw(Sheets.Economy, "K1", "x").Build();

        Assert.Equal(FindingCodes.SheetOutsideArea, Assert.Single(WorkbookReader.Read(workbook, new ScreeningOptions { MaxColumns = 10 }).Refusals).Code);
        Assert.Empty(WorkbookReader.Read(workbook, new ScreeningOptions { MaxColumns = 11 }).Refusals);
    }

    [Fact]
    public void Read_StyledEmptyCellsFarOutInColumns_CostNothingAndAreNotRefused()
    {
        var bytes = TestWorkbook.Valid().Build();
        var sheet = HostileCorpus.ReadPart(bytes, "xl/worksheets/sheet2.xml");
        var patched = HostileCorpus.ReplacePart(bytes, "xl/worksheets/sheet2.xml", sheet.Replace(
            "</x:sheetData>", "<x:row r=\"60\"><x:c r=\"XFD60\" s=\"0\"/></x:row></x:sheetData>", StringComparison.Ordinal));

        var read = WorkbookReader.Read(patched, new ScreeningOptions());

        Assert.Empty(read.Refusals);
        Assert.True(read.Sheet(Sheets.Ombud)!.LastColumn < 100, "the styled empty cell in XFD60 must not be stored");
        AssertValid(ParseBytes(patched));
    }

    [Fact]
    public void Read_MoreUsedCellsThanAllowed_RefusesNamingTheSheet()
    {
        var workbook = TestWorkbook.Valid().Build();

        var finding = Assert.Single(WorkbookReader.Read(workbook, new ScreeningOptions { MaxUsedCellsPerSheet = 5 }).Refusals);

        Assert.Equal(FindingCodes.SheetTooManyCells, finding.Code);
        Assert.Equal(Sheets.Operation, finding.Sheet);
    }

    [Theory]
    [InlineData(nameof(ScreeningOptions.MaxSharedStrings), FindingCodes.FileTooManyStrings)]
    [InlineData(nameof(ScreeningOptions.MaxTextChars), FindingCodes.FileTooManyStrings)]
    [InlineData(nameof(ScreeningOptions.MaxSheets), FindingCodes.FileTooManySheets)]
    public void Read_LimitOfTheWorkbook_TripsAsItsFinding(string limit, string code)
    {
        var workbook = TestWorkbook.Valid().Build();
        var options = new ScreeningOptions();
        typeof(ScreeningOptions).GetProperty(limit)!.SetValue(options, 5);

        var finding = Assert.Single(WorkbookReader.Read(workbook, options).Refusals);

        Assert.Equal(code, finding.Code);
        Assert.Null(finding.Sheet);
        Assert.Empty(WorkbookReader.Read(workbook, new ScreeningOptions()).Refusals);
    }

    [Fact]
    public void Parse_FormulaOverMoreCellsThanAllowed_NotEvaluatedAndTheUserIsToldToSaveInExcel()
    {
        var workbook = TestWorkbook.Valid()
            .Raw(Sheets.Ombud, "Z1", 2.0).Raw(Sheets.Ombud, "Z2", 3.0)
            .SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=SUM(Z1:Z20)"));
        var limits = Microsoft.Extensions.Options.Options.Create(new ScreeningOptions { MaxFormulaCells = 19 });

        var result = new ReportParser(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestWorkbook.Now), Core.Reference.MunicipalityRegistry.Default, limits)
            .Parse(workbook.Build(), TestWorkbook.Origin);

        var finding = AssertFinding(result, FindingCodes.FormulaNotEvaluated, Severity.Error, Sheets.Ombud,
            workbook.AddressOf(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women), "Antal personliga ombud, Kvinnor");
        Assert.Contains("20 celler", finding.Message, StringComparison.Ordinal);
        Assert.Contains("LibreOffice Calc", finding.Fix, StringComparison.Ordinal);
        Assert.Equal(5, AssertValid(Parse(workbook)).Ombud!.Ombud.Women);
    }

    [Fact]
    public void Parse_FormulaWithDefinedName_NotEvaluated()
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=SUM(Kvinnor_total)"));

        AssertFinding(Parse(workbook), FindingCodes.FormulaNotEvaluated, Severity.Error, Sheets.Ombud,
            workbook.AddressOf(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women), "Antal personliga ombud, Kvinnor");
    }

    [Fact]
    public void Parse_NonSumFormulaWithoutValue_EvaluatedByClosedXml()
    {
        var workbook = TestWorkbook.Valid().Raw(Sheets.Ombud, "Z1", 4.0)
            .SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=MAX(Z1,2)*2+IF(Z1>3,1,0)"));

        Assert.Equal(9, AssertValid(Parse(workbook)).Ombud!.Ombud.Women);
    }

    private static void AssertReadTheSame(byte[] original, byte[] other, ExpectedOrigin origin)
    {
        var expected = Parser().Parse(original, origin);
        var actual = Parser().Parse(other, origin);

        Assert.Equal(Summary(expected), Summary(actual));
    }

    private static ParseResult ParseBytes(byte[] workbook) => Parser().Parse(workbook, TestWorkbook.Origin);

    private static string Summary(ParseResult result)
    {
        var findings = result.Findings.Select(f => $"{f.Code} {f.Severity} {f.Sheet} {f.Cell} {f.Field}");
        var facts = result.Report is null ? [] : ReportFacts.From(result.Report)
            .Select(f => $"{f.Measure} {string.Join(",", f.Dimensions.OrderBy(d => d.Key).Select(d => d.Key + "=" + d.Value))} {f.Value}");
        var text = result.Report is null ? string.Empty : $"{result.Report.Operation.Name}|{result.Report.Operation.ContactPerson}|{result.Report.Operation.ContactEmail}|{result.Report.Operation.ContactPhone}";
        return string.Join(Environment.NewLine, findings.Concat(facts).Append(text));
    }

    /// <summary>Every worksheet part's XML, one after another.</summary>
    private static string SheetXml(byte[] package)
    {
        using var archive = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return string.Concat(archive.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
    }
}
