using PoIntake.Core.Intake;
using static PoIntake.Tests.Intake.ParserTestKit;

namespace PoIntake.Tests.Intake;

public sealed class ReportParserTests
{
    [Fact]
    public void Parse_ValidWorkbook_ReadsTheWholeReportWithoutFindings()
    {
        var result = Parse(TestWorkbook.Valid());

        var report = AssertValid(result);
        Assert.Empty(result.Findings);
        AssertSameReport(TestWorkbook.ExpectedReport, report);
    }
}
