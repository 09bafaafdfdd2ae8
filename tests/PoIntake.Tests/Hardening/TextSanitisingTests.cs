namespace PoIntake.Tests.Hardening;

/// <summary>Control and bidi characters are stripped from text fields; short fields have a length bound.</summary>
public sealed class TextSanitisingTests
{
    [Fact]
    public void Parse_NameWithBidiOverrideAndControlCharacters_StoresNameWithoutThem()
    {
        var workbook = Intake.TestWorkbook.Valid().Set(
            Core.Intake.WorkbookLabels.Sheets.Operation, Core.Intake.WorkbookLabels.Operation.Name, "PO \u202Eanrön\u202C\u0007 Nord\u2066x\u2069");

        var report = Intake.ParserTestKit.AssertValid(Intake.ParserTestKit.Parse(workbook));

        Assert.Equal("PO anrön Nordx", report.Operation.Name);
    }

    [Fact]
    public void Parse_DeficiencyWithLineBreaksAndTabs_KeepsThem()
    {
        var workbook = Intake.TestWorkbook.Valid().Deficiencies(["Lokal nivå", "Socialtjänst", "Rad ett\nRad\ttvå", null, null]);

        var report = Intake.ParserTestKit.AssertValid(Intake.ParserTestKit.Parse(workbook));

        Assert.Equal("Rad ett\nRad\ttvå", Assert.Single(report.SystemDeficiencies!).Description);
    }

    [Fact]
    public void Parse_OperationNameLongerThanLimit_ReportsTextTooLong()
    {
        var workbook = Intake.TestWorkbook.Valid().Set(
            Core.Intake.WorkbookLabels.Sheets.Operation, Core.Intake.WorkbookLabels.Operation.Name, new string('x', 201));

        var result = Intake.ParserTestKit.Parse(workbook);

        Assert.Contains(result.Findings, f => f.Code == Core.Intake.FindingCodes.TextTooLong && f.Field == Core.Intake.WorkbookLabels.Operation.Name);
    }
}
