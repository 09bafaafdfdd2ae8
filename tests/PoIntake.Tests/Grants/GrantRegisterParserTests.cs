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

    /// <summary>Two applications in Norrbotten (25): one granted and partly paid, one refused.</summary>
    internal static IReadOnlyList<GrantApplication> Applications(int year = 2021, string countyCode = "25") =>
    [
        new(year, countyCode, G.FirstDataRow, "Personligt ombud Norrbotten", OperationKey.From("Personligt ombud Norrbotten"),
            countyCode == "25" ? ["2584", "2580"] : [.. MunicipalityRegistry.Default.InCounty(countyCode).Take(2).Select(m => m.Code)],
            new DateOnly(year, 2, 12), 3.25m, GrantDecision.Granted, 1_314_722m, new DateOnly(year, 4, 8), 1_000_000m, "Karin Ekström", "po@kiruna.example.se"),
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
        var pending = Applications()[0] with { Decision = GrantDecision.Pending, GrantedSek = null, DecidedOn = null, PaidSek = null };

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
            sheet.Cell("H6").SetValue(2_000_000);                // paid more than granted
            sheet.Cell("E7").SetValue("Kanske");
            sheet.Cell("J6").SetValue("inte en adress");
            sheet.Cell("A8").SetValue("Personligt ombud Norrbotten"); // the same verksamhet twice
            sheet.Cell("B8").SetValue("Luleå");
            sheet.Cell("C8").SetValue("2021-02-01");
            sheet.Cell("D8").SetValue(1);
            sheet.Cell("E8").SetValue("Avslag");
            sheet.Cell("F8").SetValue(5);                         // an amount with Avslag
            sheet.Cell("G8").SetValue("2021-01-15");              // decided before received
        });

        var result = Parser.Parse(content, 2021, "25");

        Assert.Equal(IntakeOutcome.Rejected, result.Outcome);
        Assert.Empty(result.Applications);
        var byCell = result.Findings.ToDictionary(f => f.Cell!, f => f);
        Assert.Equal(FindingCodes.MunicipalityOtherCounty, byCell["B6"].Code);
        Assert.Equal(FindingCodes.GrantsValueNotADate, byCell["C6"].Code);
        Assert.Equal(FindingCodes.GrantsAppliedOutOfRange, byCell["D6"].Code);
        Assert.Equal(FindingCodes.EmailInvalid, byCell["J6"].Code);
        Assert.Equal(FindingCodes.ValueNotInList, byCell["E7"].Code);
        Assert.Equal(FindingCodes.GrantsAmountWithoutGrant, byCell["F8"].Code);
        Assert.Equal(FindingCodes.GrantsDecidedBeforeReceived, byCell["G8"].Code);
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
            [(FindingCodes.GrantsPaidExceedsGranted, "H6"), (FindingCodes.GrantsOperationDuplicate, "A7")],
            result.Findings.Select(f => (f.Code, f.Cell!)));
        Assert.Contains("rad 6", result.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GrantedWithoutAmountOrDate_ValueMissing()
    {
        var content = Edit(GrantRegisterTemplate.Write(2021, Applications()), sheet =>
        {
            sheet.Cell("F6").Clear(XLClearOptions.Contents);
            sheet.Cell("G6").Clear(XLClearOptions.Contents);
        });

        var result = Parser.Parse(content, 2021, "25");

        Assert.Equal([("F6", FindingCodes.ValueMissing), ("G6", FindingCodes.ValueMissing)], result.Findings.Select(f => (f.Cell!, f.Code)));
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
