using PoIntake.DevHost.Blobs;
using PoIntake.Functions.Intake;

namespace PoIntake.Tests.DevHost;

public sealed class BlobPathPatternTests
{
    [Fact]
    public void Parse_IngestReportPath_ReadsContainer()
    {
        Assert.Equal("reports", BlobPathPattern.Parse(IngestReportFunction.BlobPath).Container);
    }

    [Fact]
    public void Match_ReportPath_ReturnsParameters()
    {
        var values = BlobPathPattern.Parse(IngestReportFunction.BlobPath).Match("2025/25/kiruna-po.xlsx");

        Assert.NotNull(values);
        Assert.Equal("2025", values["year"]);
        Assert.Equal("25", values["countyCode"]);
        Assert.Equal("kiruna-po", values["name"]);
    }

    [Theory]
    [InlineData("2025/25/kiruna-po.csv")]
    [InlineData("2025/kiruna-po.xlsx")]
    [InlineData("kiruna-po.xlsx")]
    [InlineData("2025/25/sub/kiruna-po.xlsx.bak")]
    public void Match_OtherPaths_ReturnNull(string blobName)
    {
        Assert.Null(BlobPathPattern.Parse(IngestReportFunction.BlobPath).Match(blobName));
    }

    [Fact]
    public void Match_DotsInParameters_AreLiteralInPattern()
    {
        var pattern = BlobPathPattern.Parse("c/{name}.xlsx");

        Assert.Null(pattern.Match("rapportXxlsx"));
        Assert.Equal("a.b", pattern.Match("a.b.xlsx")!["name"]);
    }

    [Fact]
    public void Parse_PathWithoutContainer_Throws()
    {
        Assert.Throws<FormatException>(() => BlobPathPattern.Parse("{name}"));
    }
}
