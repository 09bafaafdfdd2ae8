using PoIntake.Core.Intake;
using PoIntake.Core.Template;
using PoIntake.DevHost.Samples;
using static PoIntake.Tests.Intake.ParserTestKit;

namespace PoIntake.Tests.Intake;

/// <summary>The template writer and the parser agree: a written report parses back to itself.</summary>
public sealed class ReportRoundTripTests
{
    private static readonly Lazy<IReadOnlyList<ValidSample>> ValidSamples = new(() => SampleSet.Valid());
    private static readonly Lazy<IReadOnlyList<InvalidSample>> BrokenSamples = new(() => InvalidSamples.All());

    [Fact]
    public void Parse_ReportWrittenIntoTheTemplate_GivesTheSameReport()
    {
        var expected = TestWorkbook.ExpectedReport;

        var result = Parser().Parse(ReportWorkbookWriter.Write(expected), TestWorkbook.Origin);

        Assert.Empty(result.Findings);
        AssertSameReport(expected, AssertValid(result));
    }

    [Fact]
    public void Parse_OtherProviderReportWrittenIntoTheTemplate_GivesTheSameReport()
    {
        var expected = TestWorkbook.ExpectedReport with
        {
            Operation = TestWorkbook.ExpectedReport.Operation with
            {
                OperatingForm = OperatingForm.OtherProvider,
                ProviderName = "Föreningen Ombudet i Norr",
                OrganisationForm = OrganisationForm.EconomicAssociation,
                ContactPhone = null,
            },
        };

        var result = Parser().Parse(ReportWorkbookWriter.Write(expected), TestWorkbook.Origin);

        AssertSameReport(expected, AssertValid(result));
    }

    [Fact]
    public void Parse_NilReturnWrittenIntoTheTemplate_GivesTheSameNilReturn()
    {
        var expected = new AnnualReport(TestWorkbook.ExpectedReport.Operation with { Active = false }, null, null, null, null, null, null, null);

        var result = Parser().Parse(ReportWorkbookWriter.Write(expected), TestWorkbook.Origin);

        var report = AssertValid(result);
        Assert.True(report.IsNilReturn);
        AssertSameReport(expected, report);
    }

    public static TheoryData<string> ValidSampleSlugs()
    {
        var data = new TheoryData<string>();
        foreach (var sample in ValidSamples.Value)
        {
            data.Add($"{sample.Year}/{sample.CountyCode}/{sample.Slug}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidSampleSlugs))]
    public void Parse_ValidSample_GivesTheReportItWasWrittenFrom(string path)
    {
        var sample = ValidSamples.Value.Single(s => $"{s.Year}/{s.CountyCode}/{s.Slug}" == path);

        var result = Parser().Parse(ReportWorkbookWriter.Write(sample.Report), new ExpectedOrigin(sample.Year, sample.CountyCode));

        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
        AssertSameReport(sample.Report, result.Report!);
    }

    public static TheoryData<string> CommittedValidSamples()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RepositoryRoot.Path, "samples", "valid");
        foreach (var file in Directory.EnumerateFiles(root, "*.xlsx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommittedValidSamples))]
    public void Parse_CommittedValidSampleFile_HasNoErrors(string path)
    {
        var parts = path.Split('/');
        var content = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "samples", "valid", path));

        var result = Parser().Parse(content, new ExpectedOrigin(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]));

        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
        Assert.Equal(parts[1], result.Report!.Operation.CountyCode);
    }

    /// <summary>The invalid samples document their mistake with a descriptive slug; these are the parser's codes for them.</summary>
    public static TheoryData<string, string> InvalidSampleCodes => new()
    {
        { "wrong-county-in-path", FindingCodes.CountyMismatch },
        { "municipality-of-other-county", FindingCodes.MunicipalityOtherCounty },
        { "text-in-count", FindingCodes.ValueNotACount },
        { "supervision-exceeds-ombud", FindingCodes.SupervisionExceedsOmbud },
        { "total-not-sum", FindingCodes.SumMismatch },
        { "missing-contact-person", FindingCodes.ValueMissing },
        { "csv-renamed-xlsx", PoIntake.Core.Intake.FindingCodes.FileNotXlsx }, // the parser's read screens first
    };

    [Theory]
    [MemberData(nameof(InvalidSampleCodes))]
    public void Parse_InvalidSample_ReportsItsMistakeWhereTheSampleSays(string slug, string code)
    {
        var sample = BrokenSamples.Value.Single(s => s.Slug == slug);

        var result = Parser().Parse(sample.Content, new ExpectedOrigin(sample.Year, sample.CountyCode));

        Assert.True(result.Findings.Count(f => f.Severity == Severity.Error) == 1, string.Join(Environment.NewLine, result.Findings.Select(f => f.Code + ": " + f.Message)));
        var finding = result.Findings.Single(f => f.Severity == Severity.Error);
        Assert.Equal(code, finding.Code);
        Assert.Equal(sample.Sheet, finding.Sheet);
        Assert.Equal(sample.Cell, finding.Cell);
        Assert.Null(result.Report);
    }
}
