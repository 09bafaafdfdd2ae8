using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.DevHost.Commands;

namespace PoIntake.Tests.DevHost;

public sealed class NationalYearDropTests
{
    // 25 crosses from the first round of 20 county reports into the second (renamed) one.
    private static readonly IReadOnlyList<DroppedReport> Dropped = NationalYearDrop.Build(2019, 25);

    [Fact]
    public void Build_GivesTheRequestedNumberOfDistinctBlobsUnderTheYear()
    {
        Assert.Equal(25, Dropped.Count);
        Assert.Equal(25, Dropped.Select(r => r.BlobName).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Dropped, r => Assert.Matches(@"^2019/\d\d/[a-z0-9-]+\.xlsx$", r.BlobName));
    }

    [Fact]
    public void Build_EveryReportIsAcceptedForTheYearAndCountyOfItsPath_AsADistinctOperation()
    {
        var parser = new ReportParser(TimeProvider.System, MunicipalityRegistry.Default);
        var operations = new HashSet<(string County, string Key)>();

        foreach (var report in Dropped)
        {
            var county = report.BlobName.Split('/')[1];
            var parsed = parser.Parse(report.Content, new ExpectedOrigin(2019, county));

            Assert.True(parsed.Report is not null, $"{report.BlobName}: {string.Join(", ", parsed.Findings.Select(f => f.Code))}");
            Assert.DoesNotContain(parsed.Findings, f => f.Severity == Severity.Error);
            Assert.Equal(2019, parsed.Report!.Operation.Year);
            Assert.True(operations.Add((county, OperationKey.From(parsed.Report.Operation.Name))), $"{report.BlobName} repeats an operation");
        }
    }

    [Theory]
    [InlineData("drop-year")]
    [InlineData("drop-year", "2019")]
    [InlineData("drop-year", "nitton", "110")]
    [InlineData("drop-year", "2012", "110")]
    [InlineData("drop-year", "2019", "0")]
    [InlineData("drop-year", "2019", "110", "extra")]
    [InlineData("replay-scale")]
    [InlineData("replay-scale", "2019", "1001")]
    public void TryRun_NationalYearWithBadArguments_PrintsUsageAndReturns2(params string[] args)
    {
        var error = new StringWriter();

        Assert.Equal(2, DevCommands.TryRun(args, TextWriter.Null, error));
        Assert.Contains("usage: " + args[0], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_EveryFirstAttemptIsRejectedForTheStrangeMunicipality_UnderANameOfItsOwn()
    {
        var parser = new ReportParser(TimeProvider.System, MunicipalityRegistry.Default);
        var rejected = NationalYearReplay.Rejected(2019, 25);

        Assert.Equal(25, rejected.Count);
        Assert.Empty(rejected.Select(r => r.BlobName).Intersect(Dropped.Select(r => r.BlobName), StringComparer.Ordinal));
        Assert.Equal(25, rejected.Select(r => r.BlobName).Distinct(StringComparer.Ordinal).Count());
        foreach (var report in rejected)
        {
            var parsed = parser.Parse(report.Content, new ExpectedOrigin(2019, report.BlobName.Split('/')[1]));

            Assert.Contains(parsed.Findings, f => f.Code == FindingCodes.MunicipalityOtherCounty && f.Severity == Severity.Error);
        }
    }

    [Fact]
    public void Kinds_GroupsTheDifferencesByAreaChangeAndTheFieldsThatMoved()
    {
        using var report = System.Text.Json.JsonDocument.Parse("""
            { "differences": [
              { "area": "upload", "change": "changed", "before": { "outcome": "Accepted", "findingCodes": [] }, "after": { "outcome": "Accepted", "findingCodes": ["COVERAGE_OVERLAP"] } },
              { "area": "upload", "change": "changed", "before": { "outcome": "Accepted", "findingCodes": ["X"] }, "after": { "outcome": "Accepted", "findingCodes": [] } },
              { "area": "upload", "change": "changed", "before": { "outcome": "Rejected", "findingCodes": ["X"] }, "after": { "outcome": "Accepted", "findingCodes": [] } },
              { "area": "totals", "change": "changed", "before": 1, "after": 2 }
            ] }
            """);

        var kinds = NationalYearReplay.Kinds(report.RootElement).ToList();

        Assert.Equal(
            [("upload changed: findingCodes", 2), ("upload changed: outcome, findingCodes", 1), ("totals changed", 1)],
            kinds);
    }
}
