using PoIntake.Core.Pipeline;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Tests.Storage;

public sealed class ReportBlobPathTests
{
    [Theory]
    [InlineData("2025/25/kiruna-po.xlsx", 2025, "25")]
    [InlineData("2024/01/Stockholm PO.XLSX", 2024, "01")]
    public void Parse_YearCountyName_ReturnsOrigin(string blobName, int year, string county)
    {
        var (origin, finding) = ReportBlobPath.Parse(blobName, MunicipalityRegistry.Default);

        Assert.Null(finding);
        Assert.Equal(year, origin!.Year);
        Assert.Equal(county, origin.CountyCode);
    }

    [Theory]
    [InlineData("kiruna.xlsx")]
    [InlineData("2025/25/kiruna.xls")]
    [InlineData("2025/25/.xlsx")]
    [InlineData("25/2025/kiruna.xlsx")]
    [InlineData("2025/25/sub/kiruna.xlsx")]
    [InlineData("20x5/25/kiruna.xlsx")]
    public void Parse_OtherShapes_PathInvalid(string blobName)
    {
        var (origin, finding) = ReportBlobPath.Parse(blobName, MunicipalityRegistry.Default);

        Assert.Null(origin);
        Assert.Equal("PATH_INVALID", finding!.Code);
        Assert.Equal(PoIntake.Core.Intake.Severity.Error, finding.Severity);
    }

    [Theory]
    [InlineData("2025/11/x.xlsx")] // 11 is not a county code since 1997
    [InlineData("2025/00/x.xlsx")]
    public void Parse_UnknownCountyCode_PathCountyUnknown(string blobName)
    {
        var (origin, finding) = ReportBlobPath.Parse(blobName, MunicipalityRegistry.Default);

        Assert.Null(origin);
        Assert.Equal("PATH_COUNTY_UNKNOWN", finding!.Code);
    }
}
