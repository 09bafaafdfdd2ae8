using ClosedXML.Excel;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Tests.Intake.Reading;
using G = PoIntake.Core.Grants.GrantRegisterLayout;

namespace PoIntake.Tests.Grants;

public sealed class GrantRegisterParserTests
{
    private static readonly GrantRegisterParser Parser = new(MunicipalityRegistry.Default);

    /// <summary>Two applications in Norrbotten (25): one granted (3,25 årsarbetare, 404 530 kr each, rounded down) and partly paid, one refused.</summary>
    internal static IReadOnlyList<GrantApplication> Applications(int year = 2021, string countyCode = "25") =>
    [
        new(year, countyCode, G.FirstDataRow, "Personligt ombud Norrbotten", OperationKey.From("Personligt ombud Norrbotten"),
            countyCode == "25" ? ["2584", "2580"] : [.. MunicipalityRegistry.Default.InCounty(countyCode).Take(2).Select(m => m.Code)],
            new DateOnly(year, 2, 12), 3.25m, GrantDecision.Granted, 1_314_722m, new DateOnly(year, 4, 8), 1_000_000m, "Karin Ekström", "po@kiruna.example.se", 3.25m),
        new(year, countyCode, G.FirstDataRow + 1, "PO Malmfälten", OperationKey.From("PO Malmfälten"),
            countyCode == "25" ? ["2584"] : [MunicipalityRegistry.Default.InCounty(countyCode).First().Code],
            new DateOnly(year, 2, 27), 0.5m, GrantDecision.Refused, null, new DateOnly(year, 4, 9), null, null, null),
    ];

    [Fact]
    public void Template_FilledIn_RoundTripsThroughTheParser()
    {
        var expected = Applications();

        var result = Parser.Parse(GrantRegisterTemplate.Write(2021, expected), 2021, "25");

        Assert.Empty(result.Findings);
        Assert.Equal(IntakeOutcome.Accepted, result.Outcome);
        Assert.Equal(expected, result.Applications, new ApplicationComparer());
    }

    [Fact]
    public void Template_Blank_IsAnEmptyRegisterWithTheYear()
    {
        var result = Parser.Parse(GrantRegisterTemplate.Write(2022), 2022, "01");

        Assert.Empty(result.Findings);
        Assert.Empty(result.Applications);
        using var workbook = new XLWorkbook(new MemoryStream(GrantRegisterTemplate.Write(2022)));
        var sheet = workbook.Worksheet(G.SheetName);
        Assert.Equal(G.Header, Enumerable.Range(1, G.Header.Count).Select(c => sheet.Cell(G.HeaderRow, c).GetString()));
        Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
    }

    [Fact]
    public void Parse_PendingApplication_NeedsNoDecisionDateNorAmount()
    {
        var pending = Applications()[0] with { Decision = GrantDecision.Pending, GrantedSek = null, DecidedOn = null, PaidSek = null, GrantedFullTimeEquivalents = null };

        var result = Parser.Parse(GrantRegisterTemplate.Write(2021, [pending]), 2021, "25");

        Assert.Empty(result.Findings);
        Assert.Equal(GrantDecision.Pending, Assert.Single(result.Applications).Decision);
    }

    [Fact]
    public void Parse_BadCells_SwedishFindingsNamingSheetAndCell_AndNothingAccepted()
    {
        var content = Edit(GrantRegisterTemplate.Write(2021, Applications()), sheet =>
        {
            sheet.Cell("B6").SetValue("Kiruna, Umeå");            // Umeå is in Västerbotten
            sheet.Cell("C6").SetValue("den tolfte februari");
            sheet.Cell("D6").SetValue(320);                      // 320 årsarbetare: a typing mistake
            sheet.Cell("I6").SetValue(2_000_000);                // paid more than granted
            sheet.Cell("E7").SetValue("Kanske");
            sheet.Cell("K6").SetValue("inte en adress");
            sheet.Cell("A8").SetValue("Personligt ombud Norrbotten"); // the same verksamhet twice
            sheet.Cell("B8").SetValue("Luleå");
            sheet.Cell("C8").SetValue("2021-02-01");
            sheet.Cell("D8").SetValue(1);
            sheet.Cell("E8").SetValue("Avslag");
            sheet.Cell("F8").SetValue(1);                         // granted årsarbetare with Avslag
            sheet.Cell("G8").SetValue(5);                         // an amount with Avslag
            sheet.Cell("H8").SetValue("2021-01-15");              // decided before received
        });

        var result = Parser.Parse(content, 2021, "25");

        Assert.Equal(IntakeOutcome.Rejected, result.Outcome);
        Assert.Empty(result.Applications);
        var byCell = result.Findings.ToDictionary(f => f.Cell!, f => f);
        Assert.Equal(FindingCodes.MunicipalityOtherCounty, byCell["B6"].Code);
        Assert.Equal(FindingCodes.GrantsValueNotADate, byCell["C6"].Code);
        Assert.Equal(FindingCodes.GrantsAppliedOutOfRange, byCell["D6"].Code);
        Assert.Equal(FindingCodes.EmailInvalid, byCell["K6"].Code);
        Assert.Equal(FindingCodes.ValueNotInList, byCell["E7"].Code);
        Assert.Equal(FindingCodes.GrantsGrantedFteWithoutGrant, byCell["F8"].Code);
        Assert.Equal(FindingCodes.GrantsAmountWithoutGrant, byCell["G8"].Code);
        Assert.Equal(FindingCodes.GrantsDecidedBeforeReceived, byCell["H8"].Code);
        Assert.All(result.Findings, f => Assert.Equal(G.SheetName, f.Sheet));
        Assert.All(result.Findings, f => Assert.StartsWith($"Bladet \"Ansökningar\", cell {f.Cell}", f.Message, StringComparison.Ordinal));
        Assert.Contains("Umeå", byCell["B6"].Message, StringComparison.Ordinal);
        Assert.Contains("ÅÅÅÅ-MM-DD", byCell["C6"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PaidMoreThanGranted_AndDuplicateOperation_Refused()
    {
        var first = Applications()[0];
        var content = GrantRegisterTemplate.Write(2021, [first with { PaidSek = first.GrantedSek + 1 }, first with { Row = G.FirstDataRow + 1 }]);

        var result = Parser.Parse(content, 2021, "25");

        Assert.Equal(
            [(FindingCodes.GrantsPaidExceedsGranted, "I6"), (FindingCodes.GrantsOperationDuplicate, "A7")],
            result.Findings.Select(f => (f.Code, f.Cell!)));
        Assert.Contains("rad 6", result.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GrantedWithoutArsarbetareAmountOrDate_ValueMissing()
    {
        var content = Edit(GrantRegisterTemplate.Write(2021, Applications()), sheet =>
        {
            sheet.Cell("F6").Clear(XLClearOptions.Contents);
            sheet.Cell("G6").Clear(XLClearOptions.Contents);
            sheet.Cell("H6").Clear(XLClearOptions.Contents);
        });

        var result = Parser.Parse(content, 2021, "25");

        Assert.Equal(
            [("F6", FindingCodes.ValueMissing), ("G6", FindingCodes.ValueMissing), ("H6", FindingCodes.ValueMissing)],
            result.Findings.Select(f => (f.Cell!, f.Code)));
        Assert.Contains("Beviljade årsarbetare", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "F6")]
    [InlineData("3.5", "F6")]       // more than the 3,25 applied for
    public void Parse_GrantedArsarbetareNotWithinTheApplied_Refused(string granted, string cell)
    {
        var content = Edit(GrantRegisterTemplate.Write(2021, Applications()), sheet =>
            sheet.Cell(cell).SetValue(decimal.Parse(granted, System.Globalization.CultureInfo.InvariantCulture)));

        var result = Parser.Parse(content, 2021, "25");

        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingCodes.GrantsGrantedFteOutOfRange, cell, Severity.Error), (finding.Code, finding.Cell, finding.Severity));
        Assert.Empty(result.Applications);
    }

    /// <summary>
    /// 1 March moved to a working day (HSLF-FS 2016:98 2 §, lag (1930:173) 2 §), over the whole range of days: the dates
    /// written out here by hand from the calendar (2021: Monday; 2025: Saturday → Monday 3 March; 2026: Sunday → Monday 2 March).
    /// </summary>
    [Theory]
    [InlineData(2021, "2021-03-01", false)]
    [InlineData(2021, "2021-03-02", true)]
    [InlineData(2025, "2025-03-03", false)]
    [InlineData(2025, "2025-03-04", true)]
    [InlineData(2026, "2026-03-02", false)]
    [InlineData(2026, "2026-03-03", true)]
    [InlineData(2026, "2026-01-10", false)]
    public void Parse_ApplicationReceivedAfterTheMovedDeadline_WarnedAndAccepted(int year, string received, bool late)
    {
        var applications = Applications(year);
        var content = GrantRegisterTemplate.Write(year, [applications[0] with { ReceivedOn = DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture) }]);

        var result = Parser.Parse(content, year, "25");

        Assert.Equal(IntakeOutcome.Accepted, result.Outcome);
        Assert.Single(result.Applications);
        var warnings = result.Findings.Where(f => f.Code == FindingCodes.GrantsApplicationLate).ToArray();
        Assert.Equal(late ? 1 : 0, warnings.Length);
        Assert.All(warnings, w => Assert.Equal((Severity.Warning, "C6"), (w.Severity, w.Cell)));
        Assert.All(warnings, w => Assert.Contains(received, w.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1_314_722, 0, false)]       // 404 530 × 3,25 = 1 314 722,50
    [InlineData(1_319_722, 5_000, false)]   // 4 999,50 kr more: within the tolerance
    [InlineData(1_319_723, 5_000, true)]    // 5 000,50 kr more
    [InlineData(1_309_722, 5_000, true)]    // 5 000,50 kr less
    [InlineData(1_309_723, 5_000, false)]
    public void Parse_GrantedAmountOffTheRateBeyondTheTolerance_WarnedAndAccepted(int granted, int tolerance, bool warned)
    {
        var appropriation = new AppropriationOptions();
        appropriation.Years["2021"] = new AppropriationYear { AmountPerFullTimeEquivalentSek = 404_530m };
        var parser = new GrantRegisterParser(
            MunicipalityRegistry.Default,
            options: Microsoft.Extensions.Options.Options.Create(new GrantRegisterOptions { AmountPerFullTimeEquivalentToleranceSek = tolerance == 0 ? 1 : tolerance }),
            appropriation: Microsoft.Extensions.Options.Options.Create(appropriation));
        var first = Applications()[0] with { GrantedSek = granted, PaidSek = null };

        var result = parser.Parse(GrantRegisterTemplate.Write(2021, [first]), 2021, "25");

        Assert.Equal(IntakeOutcome.Accepted, result.Outcome);
        var warning = result.Findings.SingleOrDefault(f => f.Code == FindingCodes.GrantsAmountRateDiffers);
        Assert.Equal(warned, warning is not null);
        if (warning is not null)
        {
            Assert.Equal(("G6", Severity.Warning), (warning.Cell, warning.Severity));
            Assert.Contains("404 530 kr × 3,25", warning.Message.Replace('\u00a0', ' '), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_WrongYearOrHeaderOrSheet_FileRefused()
    {
        var wrongYear = Parser.Parse(GrantRegisterTemplate.Write(2020, Applications(2020)), 2021, "25");
        var wrongHeader = Parser.Parse(Edit(GrantRegisterTemplate.Write(2021), s => s.Cell("D5").SetValue("Sökta tjänster")), 2021, "25");
        var wrongSheet = Parser.Parse(Edit(GrantRegisterTemplate.Write(2021), s => s.Name = "Blad1"), 2021, "25");

        Assert.Equal((FindingCodes.YearMismatch, "B3"), (wrongYear.Findings[0].Code, wrongYear.Findings[0].Cell));
        Assert.Equal((FindingCodes.GrantsHeaderInvalid, "D5"), (Assert.Single(wrongHeader.Findings).Code, wrongHeader.Findings[0].Cell));
        Assert.Equal(FindingCodes.SheetMissing, Assert.Single(wrongSheet.Findings).Code);
    }

    [Fact]
    public void Parse_MoreRowsThanTheLimit_Refused()
    {
        var parser = new GrantRegisterParser(MunicipalityRegistry.Default, options: Microsoft.Extensions.Options.Options.Create(new GrantRegisterOptions { MaxRows = 1 }));

        var result = parser.Parse(GrantRegisterTemplate.Write(2021, Applications()), 2021, "25");

        Assert.Equal(FindingCodes.GrantsRowsTooMany, Assert.Single(result.Findings).Code);
    }

    [Fact]
    public void Parse_BrokenPackage_RefusedByScreening()
    {
        var result = Parser.Parse("PK\u0003\u0004"u8.ToArray(), 2021, "25");

        Assert.Equal(IntakeOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Findings, f => FindingCodes.ScreeningRefusals.Contains(f.Code) || f.Code == FindingCodes.PackageUnreadable);
    }

    [Fact]
    public void Parse_SavedByLibreOffice_ReadsTheSame()
    {
        var original = GrantRegisterTemplate.Write(2021, Applications());

        var resaved = Parser.Parse(OtherProducers.ResavedByLibreOffice(original), 2021, "25");

        Assert.Empty(resaved.Findings);
        Assert.Equal(Parser.Parse(original, 2021, "25").Applications, resaved.Applications, new ApplicationComparer());
    }

    internal static byte[] Edit(byte[] content, Action<IXLWorksheet> edit)
    {
        using var workbook = new XLWorkbook(new MemoryStream(content));
        edit(workbook.Worksheet(1));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Records with lists compare by reference; this compares the list by its items.</summary>
    internal sealed class ApplicationComparer : IEqualityComparer<GrantApplication>
    {
        private static readonly string[] None = [];

        public bool Equals(GrantApplication? x, GrantApplication? y) =>
            x is not null && y is not null && x.MunicipalityCodes.SequenceEqual(y.MunicipalityCodes) &&
            x with { MunicipalityCodes = None } == y with { MunicipalityCodes = None };

        public int GetHashCode(GrantApplication obj) => obj.Row;
    }
}
