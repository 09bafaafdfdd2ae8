using System.Text;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using static PoIntake.Tests.Intake.ParserTestKit;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Intake;

public sealed class ReportParserTests
{
    private const string Women = "Kvinnor";
    private const string Men = "Män";

    [Fact]
    public void Parse_ValidWorkbook_ReadsTheWholeReportWithoutFindings()
    {
        var result = Parse(TestWorkbook.Valid());

        var report = AssertValid(result);
        Assert.Empty(result.Findings);
        AssertSameReport(TestWorkbook.ExpectedReport, report);
    }

    [Fact]
    public void Parse_ValidWorkbook_LocatesEveryFactAtItsCell()
    {
        var workbook = TestWorkbook.Valid();
        var result = Parse(workbook);

        var report = AssertValid(result);
        var keys = ReportFacts.From(report).Select(f => f.Key).ToList();
        Assert.All(keys, key => Assert.True(result.FactLocations.ContainsKey(key), "no location for " + key));
        // Besides the facts, only Kommuner som omfattas (for the COVERAGE_OVERLAP warning).
        Assert.Equal(keys.Count + 1, result.FactLocations.Count);
        Assert.Equal(
            workbook.AddressOf(Sheets.Operation, WorkbookLabels.Operation.Municipalities),
            result.FactLocations.Single(l => !keys.Contains(l.Key)).Value.Cell);

        var clients = result.FactLocations["clients|ageGroup=30-49;gender=women"];
        Assert.Equal(new CellLocation(Sheets.Clients, workbook.AddressOf(Sheets.Clients, Women, "30–49 år"), "Kvinnor, 30–49 år"), clients);
        Assert.Equal(workbook.AddressOf(Sheets.Economy, WorkbookLabels.Economy.Granted), result.FactLocations[Measures.GrantedSek].Cell);
        Assert.Equal(
            workbook.AddressOf(Sheets.Waiting, "Unga vuxna 18–29 år", WorkbookLabels.Waiting.PriorityHeader),
            result.FactLocations["priorityRank|group=youngAdults"].Cell);
        Assert.Equal(
            workbook.DeficiencyAddress(0, WorkbookLabels.Deficiencies.Level),
            result.FactLocations["systemDeficiencies|area=socialInsuranceAgency;level=caseworker"].Cell);
    }

    [Fact]
    public void Parse_TwoSheetsDifferingOnlyInCaseAndSpaces_RejectsNamingBoth()
    {
        var result = Parser().Parse(PoIntake.Tests.Hardening.HostileCorpus.TwinSheets(), TestWorkbook.Origin);

        Assert.Null(result.Report);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCodes.SheetDuplicate);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(Sheets.Ombud, finding.Sheet);
        Assert.Contains("\"Ombud\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("\" ombud \"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Ta bort eller byt namn", finding.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Code == FindingCodes.SheetMissing);
    }

    // The parser's one read applies the screening rules first, so a file that is no workbook gets the screening's code.
    [Theory]
    [InlineData(new byte[0], FindingCodes.FileEmpty)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0x02 }, FindingCodes.FileCorrupt)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, FindingCodes.FileNotXlsx)]
    public void Parse_NotAWorkbook_ReportsTheScreeningRefusalWithoutThrowing(byte[] content, string code)
    {
        var result = Parser().Parse(content, TestWorkbook.Origin);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Null(finding.Sheet);
        Assert.StartsWith("Filen", finding.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
        Assert.Null(result.Report);
    }

    [Fact]
    public void Parse_SheetMissing_ReportsSheetMissing()
    {
        var result = Parse(TestWorkbook.Valid().RemoveSheet(Sheets.Economy));

        var finding = AssertFinding(result, FindingCodes.SheetMissing, Severity.Error, Sheets.Economy, null, null);
        Assert.Contains("finns inte", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" ekonomi ")]
    [InlineData("EKONOMI")]
    public void Parse_SheetNameWithOtherCaseOrSpaces_FindsTheSheet(string name)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().RenameSheet(Sheets.Economy, name)));

        Assert.Equal(1_250_000m, report.Economy!.GrantedSek);
    }

    [Fact]
    public void Parse_ScalarLabelMissing_ReportsLabelMissing()
    {
        var result = Parse(TestWorkbook.Valid().RemoveScalar(Sheets.Economy, WorkbookLabels.Economy.Granted));

        AssertFinding(result, FindingCodes.LabelMissing, Severity.Error, Sheets.Economy, null, WorkbookLabels.Economy.Granted);
    }

    [Fact]
    public void Parse_SeveralProblemsInSeveralSheets_ReportsThemAll()
    {
        var result = Parse(TestWorkbook.Valid()
            .Set(Sheets.Operation, WorkbookLabels.Operation.Email, "inte en adress")
            .SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Men, "tre")
            .Set(Sheets.Economy, WorkbookLabels.Economy.Spent, null)
            .RemoveSheet(Sheets.Management));

        Assert.Equal(
            [FindingCodes.EmailInvalid, FindingCodes.ValueNotACount, FindingCodes.SheetMissing, FindingCodes.ValueMissing],
            result.Findings.Select(f => f.Code));
        Assert.Null(result.Report);
    }

    [Theory]
    [InlineData("18-29 år")]
    [InlineData("18–29 år")]
    [InlineData("18 – 29 år")]
    [InlineData("18 — 29 år")]
    [InlineData("18\u221229 år")]
    [InlineData(" 18-29\u00A0ÅR ")]
    [InlineData("18-29\u202Får:")]
    public void Parse_AgeHeaderSpelledWithOtherDashOrSpaces_ReadsTheTable(string header)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Relabel(Sheets.Clients, "18–29 år", header)));

        Assert.Equal(20, report.Clients!.ByGenderAndAge[(Gender.Women, AgeGroup.Age18To29)]);
    }

    [Theory]
    [InlineData("65-")]
    [InlineData("65 –")]
    [InlineData("65 år-")]
    [InlineData("65 år –")]
    [InlineData("≥65 år")]
    [InlineData("≥ 65 år")]
    [InlineData("65 år och äldre")]
    [InlineData("65 År Och Äldre")]
    [InlineData("65+")]
    [InlineData("65 +")]
    [InlineData("65+ år")]
    [InlineData("65 år+")]
    [InlineData("65 år +")]
    public void Parse_AgeHeaderVariantOf65Plus_ReadsTheColumnAs65Plus(string header)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Relabel(Sheets.Clients, "65– år", header)));

        Assert.Equal(10, report.Clients!.ByGenderAndAge[(Gender.Women, AgeGroup.Age65Plus)]);
        Assert.Equal(5, report.Clients.ByGenderAndAge[(Gender.Men, AgeGroup.Age65Plus)]);
    }

    [Theory]
    [InlineData("65")]
    [InlineData("64 år och äldre")]
    [InlineData("≥66 år")]
    public void Parse_AgeHeaderThatIsNoVariant_ReportsTableMissing(string header)
    {
        var result = Parse(TestWorkbook.Valid().Relabel(Sheets.Clients, "65– år", header));

        AssertFinding(result, FindingCodes.TableMissing, Severity.Error, Sheets.Clients, null, WorkbookLabels.Clients.ByGenderAndAgeTitle);
    }

    [Theory]
    [InlineData("Antal årsarbetare:")]
    [InlineData("  ANTAL\u00A0\u00A0årsarbetare :")]
    [InlineData("antal  årsarbetare")]
    public void Parse_ScalarLabelWithColonCaseOrSpaces_ReadsTheValue(string label)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Relabel(Sheets.Ombud, WorkbookLabels.Ombud.FullTimeEquivalents, label)));

        Assert.Equal(6.5m, report.Ombud!.FullTimeEquivalents);
    }

    [Fact]
    public void Parse_RowLabelWithEnDashes_ReadsTheRow()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid()
            .Relabel(Sheets.Management, "Patient-, brukar- och anhörigorganisationer", "Patient–, brukar – och anhörigorganisationer")
            .SetCell(Sheets.Management, "Patient-, brukar- och anhörigorganisationer", WorkbookLabels.Management.RepresentedHeader, "Ja")));

        Assert.True(report.ManagementGroup!.Represented[ManagementMember.UserOrganisations]);
    }

    [Theory]
    [InlineData("1 007")]
    [InlineData("1\u00A0007")]
    [InlineData("1\u202F007")]
    [InlineData(" 1007 ")]
    public void Parse_CountTypedWithThousandsSeparator_ReadsCount(string text)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, text)));

        Assert.Equal(1007, report.Ombud!.Ombud.Women);
    }

    [Theory]
    [InlineData("312,7", 312.7)]
    [InlineData("312.7", 312.7)]
    [InlineData("1 250 000,50", 1250000.5)]
    [InlineData("1\u00A0250\u00A0000", 1250000)]
    public void Parse_DecimalTypedTheSwedishWay_ReadsDecimal(string text, double expected)
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Economy, WorkbookLabels.Economy.Granted, text)));

        Assert.Equal((decimal)expected, report.Economy!.GrantedSek);
    }

    [Fact]
    public void Parse_FullTimeEquivalentsWithDecimalComma_ReadsDecimal()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().Set(Sheets.Ombud, WorkbookLabels.Ombud.FullTimeEquivalents, "7,25")));

        Assert.Equal(7.25m, report.Ombud!.FullTimeEquivalents);
    }

    [Theory]
    [InlineData("mycket")]
    [InlineData("-5")]
    [InlineData("12,5,3")]
    [InlineData("100 kr")]
    public void Parse_DecimalNotANumber_ReportsNotADecimal(string text)
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Economy, WorkbookLabels.Economy.Granted, text);

        AssertFinding(Parse(workbook), FindingCodes.ValueNotADecimal, Severity.Error, Sheets.Economy,
            workbook.AddressOf(Sheets.Economy, WorkbookLabels.Economy.Granted), WorkbookLabels.Economy.Granted);
    }

    [Fact]
    public void Parse_NegativeNumericDecimal_ReportsNotADecimal()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Economy, WorkbookLabels.Economy.Spent, -100);

        AssertFinding(Parse(workbook), FindingCodes.ValueNotADecimal, Severity.Error, Sheets.Economy,
            workbook.AddressOf(Sheets.Economy, WorkbookLabels.Economy.Spent), WorkbookLabels.Economy.Spent);
    }

    [Fact]
    public void Parse_RequiredDecimalEmpty_ReportsValueMissing()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Economy, WorkbookLabels.Economy.Spent, null);

        AssertFinding(Parse(workbook), FindingCodes.ValueMissing, Severity.Error, Sheets.Economy,
            workbook.AddressOf(Sheets.Economy, WorkbookLabels.Economy.Spent), WorkbookLabels.Economy.Spent);
    }

    [Theory]
    [InlineData("tre")]
    [InlineData("2,5")]
    [InlineData("-1")]
    public void Parse_TableCountNotAWholeNumber_ReportsNotACount(string text)
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Men, text);

        var finding = AssertFinding(Parse(workbook), FindingCodes.ValueNotACount, Severity.Error, Sheets.Ombud,
            workbook.AddressOf(Sheets.Ombud, WorkbookLabels.Ombud.Count, Men), "Antal personliga ombud, Män");
        Assert.Contains(text, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(2.5)]
    public void Parse_NumericCountNegativeOrFractional_ReportsNotACount(double value)
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Clients, Men, "50–64 år", value);

        AssertFinding(Parse(workbook), FindingCodes.ValueNotACount, Severity.Error, Sheets.Clients,
            workbook.AddressOf(Sheets.Clients, Men, "50–64 år"), "Män, 50–64 år");
    }

    [Fact]
    public void Parse_EmptyTableCell_CountsAsZero()
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Clients, Women, "18–29 år", null);
        var result = Parse(workbook);

        var report = AssertValid(result);
        Assert.Equal(0, report.Clients!.ByGenderAndAge[(Gender.Women, AgeGroup.Age18To29)]);
        Assert.Equal(80, report.Clients.ForGender(Gender.Women));
        Assert.Equal(workbook.AddressOf(Sheets.Clients, Women, "18–29 år"), result.FactLocations["clients|ageGroup=18-29;gender=women"].Cell);
    }

    [Fact]
    public void Parse_EmptyRequiredScalarCount_ReportsValueMissing()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Management, WorkbookLabels.Management.Meetings, null);

        AssertFinding(Parse(workbook), FindingCodes.ValueMissing, Severity.Error, Sheets.Management,
            workbook.AddressOf(Sheets.Management, WorkbookLabels.Management.Meetings), WorkbookLabels.Management.Meetings);
    }

    [Fact]
    public void Parse_FormulaWithoutCachedValue_UsesClosedXmlEvaluation()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=2+3*2"))));

        Assert.Equal(8, report.Ombud!.Ombud.Women);
    }

    [Fact]
    public void Parse_FormulaWithCachedValue_PrefersTheCachedValue()
    {
        // Z99 is empty, so evaluating would give 0; Excel stored 6 with the formula.
        var report = AssertValid(Parse(TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=Z99*2", 6))));

        Assert.Equal(6, report.Ombud!.Ombud.Women);
    }

    [Fact]
    public void Parse_FormulaWithCachedText_ReadsTheTextAsCount()
    {
        var report = AssertValid(Parse(TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=\"1 0\"&\"07\"", "1 007"))));

        Assert.Equal(1007, report.Ombud!.Ombud.Women);
    }

    [Fact]
    public void Parse_FormulaDividingByZero_ReportsExcelErrorValue()
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=1/0"));

        var finding = AssertFinding(Parse(workbook), FindingCodes.ExcelErrorValue, Severity.Error, Sheets.Ombud,
            workbook.AddressOf(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women), "Antal personliga ombud, Kvinnor");
        Assert.Contains("#DIV/0!", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FormulaWithCachedErrorValue_ReportsExcelErrorValue()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Economy, WorkbookLabels.Economy.Spent, new Formula("=1/0", new ErrorValue("#DIV/0!")));

        AssertFinding(Parse(workbook), FindingCodes.ExcelErrorValue, Severity.Error, Sheets.Economy,
            workbook.AddressOf(Sheets.Economy, WorkbookLabels.Economy.Spent), WorkbookLabels.Economy.Spent);
    }

    [Fact]
    public void Parse_CircularFormula_ReportsFormulaFailed()
    {
        var workbook = TestWorkbook.Valid();
        var address = workbook.AddressOf(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women);
        workbook.SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula($"={address}+1"));

        var finding = AssertFinding(Parse(workbook), FindingCodes.FormulaFailed, Severity.Error, Sheets.Ombud, address, "Antal personliga ombud, Kvinnor");
        Assert.Contains("cirkelreferens", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FormulaWithUnknownFunction_ReportsAnErrorInsteadOfThrowing()
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula("=NOSUCHFUNCTION(1)"));

        var result = Parse(workbook);

        var finding = Assert.Single(result.Findings);
        Assert.Contains(finding.Code, new[] { FindingCodes.ExcelErrorValue, FindingCodes.FormulaFailed });
        Assert.Equal(workbook.AddressOf(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women), finding.Cell);
    }

    private static TestWorkbook WithFormulaChain(int length)
    {
        // Z100 = 5, Z101 = Z100 * 1, …: evaluating the last one recurses through every cell of the chain.
        var workbook = TestWorkbook.Valid().Raw(Sheets.Ombud, "Z100", 5);
        for (var row = 101; row < 100 + length; row++)
        {
            workbook.Raw(Sheets.Ombud, $"Z{row}", new Formula($"=Z{row - 1}*1"));
        }

        return workbook.SetCell(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women, new Formula($"=Z{99 + length}"));
    }

    [Fact]
    public void Parse_LongChainOfFormulasWithoutCachedValues_IsEvaluatedWithoutOverflowingTheStack()
    {
        var report = AssertValid(Parse(WithFormulaChain(3_000)));

        Assert.Equal(5, report.Ombud!.Ombud.Women);
    }

    [Fact]
    public void Parse_MoreFormulasThanCanBeEvaluatedSafely_ReportsFormulaFailed()
    {
        var workbook = WithFormulaChain(10_001);

        AssertFinding(Parse(workbook), FindingCodes.FormulaFailed, Severity.Error, Sheets.Ombud,
            workbook.AddressOf(Sheets.Ombud, WorkbookLabels.Ombud.Count, Women), "Antal personliga ombud, Kvinnor");
    }

    [Theory]
    [InlineData("#REF!")]
    [InlineData("#N/A")]
    [InlineData("#VALUE!")]
    public void Parse_ErrorValueCell_ReportsExcelErrorValue(string code)
    {
        var workbook = TestWorkbook.Valid().SetCell(Sheets.Clients, Women, "65– år", new ErrorValue(code));

        var finding = AssertFinding(Parse(workbook), FindingCodes.ExcelErrorValue, Severity.Error, Sheets.Clients,
            workbook.AddressOf(Sheets.Clients, Women, "65– år"), "Kvinnor, 65– år");
        Assert.Contains(code, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#REF!")]
    [InlineData("#DIV/0!")]
    public void Parse_ErrorValueTypedAsText_ReportsExcelErrorValue(string code)
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.HasWaitingTime, code);

        AssertFinding(Parse(workbook), FindingCodes.ExcelErrorValue, Severity.Error, Sheets.Waiting,
            workbook.AddressOf(Sheets.Waiting, WorkbookLabels.Waiting.HasWaitingTime), WorkbookLabels.Waiting.HasWaitingTime);
    }

    public static TheoryData<string, WorkbookLayout> Layouts => new()
    {
        { "shifted", new WorkbookLayout(RowOffset: 4, ColumnOffset: 3) },
        { "reversed columns", new WorkbookLayout(ReverseColumns: true) },
        { "reversed rows", new WorkbookLayout(ReverseRows: true) },
        { "tables first", new WorkbookLayout(TablesFirst: true, RowOffset: 2) },
        { "blank rows and columns", new WorkbookLayout(BlankRowsAndColumns: true) },
        { "notes", new WorkbookLayout(Notes: true, ColumnOffset: 1) },
        { "totals", new WorkbookLayout(Totals: true) },
        { "summa", new WorkbookLayout(Totals: true, TotalLabel: "Summa:") },
        {
            "everything",
            new WorkbookLayout(RowOffset: 7, ColumnOffset: 2, ReverseColumns: true, ReverseRows: true, TablesFirst: true,
                BlankRowsAndColumns: true, Notes: true, Totals: true)
        },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Parse_WorkbookLaidOutDifferently_GivesTheSameReport(string name, WorkbookLayout layout)
    {
        var workbook = TestWorkbook.Valid(layout);
        var result = Parse(workbook);

        var report = AssertValid(result);
        Assert.True(result.Findings.Count == 0, name);
        AssertSameReport(TestWorkbook.ExpectedReport, report);
        Assert.Equal(workbook.AddressOf(Sheets.Clients, Men, "50–64 år"), result.FactLocations["clients|ageGroup=50-64;gender=men"].Cell);
    }

    [Fact]
    public void Parse_TotalColumnNotTheSumOfItsRow_ReportsSumMismatch()
    {
        var workbook = TestWorkbook.Valid(new WorkbookLayout(Totals: true));
        var address = workbook.AddressOf(Sheets.Clients, Men, TestWorkbook.Total);
        workbook.Raw(Sheets.Clients, address, 81);

        var finding = AssertFinding(Parse(workbook), FindingCodes.SumMismatch, Severity.Error, Sheets.Clients, address, "Män, Totalt");
        Assert.Contains("80", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TotalRowNotTheSumOfItsColumn_ReportsSumMismatch()
    {
        var workbook = TestWorkbook.Valid(new WorkbookLayout(Totals: true, ReverseRows: true));
        var address = workbook.AddressOf(Sheets.ContactReasons, TestWorkbook.Total, Women);
        workbook.Raw(Sheets.ContactReasons, address, "59");

        AssertFinding(Parse(workbook), FindingCodes.SumMismatch, Severity.Error, Sheets.ContactReasons, address, "Totalt, Kvinnor");
    }

    [Fact]
    public void Parse_TableHeaderMissing_ReportsTableMissing()
    {
        var workbook = TestWorkbook.Valid().Relabel(Sheets.Clients, "30–49 år", "30–50 år");

        AssertFinding(Parse(workbook), FindingCodes.TableMissing, Severity.Error, Sheets.Clients, null, WorkbookLabels.Clients.ByGenderAndAgeTitle);
    }

    [Fact]
    public void Parse_TableRowMissing_ReportsTableRowMissing()
    {
        var workbook = TestWorkbook.Valid().RemoveRow(Sheets.ContactReasons, "Bostad");

        AssertFinding(Parse(workbook), FindingCodes.TableRowMissing, Severity.Error, Sheets.ContactReasons, null, "Bostad");
    }

    [Fact]
    public void Parse_ExtraStrayTextInTheSheet_IsIgnored()
    {
        var workbook = TestWorkbook.Valid().Raw(Sheets.Ombud, "K2", "Kommentar: siffrorna gäller 31 december").Raw(Sheets.Ombud, "K40", 12345);

        AssertSameReport(TestWorkbook.ExpectedReport, AssertValid(Parse(workbook)));
    }

    [Fact]
    public void Parse_MessagesAreSwedishAndEncodedAsText()
    {
        var workbook = TestWorkbook.Valid().Set(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays, "två veckor");

        var finding = AssertFinding(Parse(workbook), FindingCodes.ValueNotACount, Severity.Error, Sheets.Waiting,
            workbook.AddressOf(Sheets.Waiting, WorkbookLabels.Waiting.EstimatedDays), WorkbookLabels.Waiting.EstimatedDays);
        Assert.Contains("\"två veckor\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("heltal", finding.Message, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(finding.Message) > finding.Message.Length, "message should contain Swedish letters");
    }
}
