using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reference;
using PoIntake.Core.Template;
using PoIntake.DevHost.Samples;

namespace PoIntake.Tests.Samples;

/// <summary>The committed samples through the real screener and parser: valid ones accepted, invalid ones refused with their documented code.</summary>
public sealed class SampleIntakeTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private static readonly ReportParser Parser = new(Clock, MunicipalityRegistry.Default);
    private static readonly WorkbookScreener Screener = new(Options.Create(new ScreeningOptions()));

    public static TheoryData<string> ValidFiles => Files("valid");

    public static TheoryData<string> InvalidFiles => Files("invalid");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void CommittedValidSample_IsAcceptedWithoutFindingsButWaitingZeroDaysWhereItAnswersJaWithZeroDays(string relativePath)
    {
        var (content, origin) = Load(relativePath);

        Assert.Empty(Screener.Screen(content));
        var result = Parser.Parse(content, origin);

        Assert.NotNull(result.Report);
        // The published Tabell 4 of 2021 has three counties with Ja and 0 days; their samples carry exactly that warning.
        var expected = result.Report.Waiting is { HasWaitingTime: true, EstimatedWaitingDays: 0 } ? new[] { FindingCodes.WaitingZeroDays } : [];
        Assert.True(
            expected.SequenceEqual(result.Findings.Select(f => f.Code)),
            string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Sheet}!{f.Cell} {f.Message}")));
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void CommittedInvalidSample_IsRefusedWithItsDocumentedCode(string relativePath)
    {
        var sample = InvalidSamples.All().Single(s => SampleWriter.RelativePath("invalid", s.Year, s.CountyCode, s.Slug) == relativePath);
        var (content, origin) = Load(relativePath);

        var findings = Screener.Screen(content);
        if (findings.Count == 0)
        {
            findings = Parser.Parse(content, origin).Findings;
        }

        var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
        var describe = string.Join("\n", findings.Select(f => $"{f.Code} {f.Sheet}!{f.Cell} {f.Message}"));
        var match = errors.FirstOrDefault(f => f.Code == sample.ExpectedCode);
        Assert.True(match is not null, $"{relativePath}: expected {sample.ExpectedCode}, got:\n{describe}");
        Assert.Equal(sample.Sheet, match.Sheet);
        Assert.Equal(sample.Cell, match.Cell);
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void RoundTrip_WriterThenParser_GivesTheSameReport(int year)
    {
        foreach (var sample in SampleSet.Valid(year).Append(SampleSet.NilReturn()))
        {
            var result = Parser.Parse(ReportWorkbookWriter.Write(sample.Report), new ExpectedOrigin(sample.Year, sample.CountyCode));

            Assert.True(result.Report is not null, string.Join("\n", result.Findings.Select(f => $"{f.Code} {f.Sheet}!{f.Cell} {f.Message}")));
            AssertSameReport(sample.Report, result.Report);
        }
    }

    public static TheoryData<int> Years => [2020, 2021];

    private static void AssertSameReport(AnnualReport expected, AnnualReport actual)
    {
        var name = expected.Operation.Name;
        Assert.Equal(expected.Operation with { MunicipalityCodes = [] }, actual.Operation with { MunicipalityCodes = [] });
        Assert.Equal(expected.Operation.MunicipalityCodes.Order(), actual.Operation.MunicipalityCodes.Order());
        if (expected.IsNilReturn)
        {
            Assert.True(actual.IsNilReturn, name);
            return;
        }

        Assert.Equal(expected.Ombud, actual.Ombud);
        Assert.Equal(Sorted(expected.Clients!.ByGenderAndAge), Sorted(actual.Clients!.ByGenderAndAge));
        Assert.Equal(
            (expected.Clients.New, expected.Clients.Ended, expected.Clients.WithChildrenAtHome),
            (actual.Clients.New, actual.Clients.Ended, actual.Clients.WithChildrenAtHome));
        Assert.Equal(Sorted(expected.ContactReasons!), Sorted(actual.ContactReasons!));
        Assert.Equal(
            (expected.Waiting!.HasWaitingTime, expected.Waiting.EstimatedWaitingDays, expected.Waiting.HasPriorityOrder),
            (actual.Waiting!.HasWaitingTime, actual.Waiting.EstimatedWaitingDays, actual.Waiting.HasPriorityOrder));
        Assert.Equal(Sorted(expected.Waiting.Priorities), Sorted(actual.Waiting.Priorities));
        Assert.Equal(Sorted(expected.ManagementGroup!.Represented), Sorted(actual.ManagementGroup!.Represented));
        Assert.Equal(
            (expected.ManagementGroup.Meetings, expected.ManagementGroup.HasDeficiencyRoutine),
            (actual.ManagementGroup.Meetings, actual.ManagementGroup.HasDeficiencyRoutine));
        Assert.Equal(expected.SystemDeficiencies!, actual.SystemDeficiencies!);
        Assert.Equal(expected.Economy, actual.Economy);
    }

    private static List<KeyValuePair<TKey, TValue>> Sorted<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> values) =>
        [.. values.OrderBy(kv => kv.Key)];

    private static (byte[] Content, ExpectedOrigin Origin) Load(string relativePath)
    {
        var parts = relativePath.Split('/');
        var content = File.ReadAllBytes(Path.Combine(CommittedSamplesTests.SamplesRoot(), relativePath));
        return (content, new ExpectedOrigin(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]));
    }

    private static TheoryData<string> Files(string kind)
    {
        var root = CommittedSamplesTests.SamplesRoot();
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, kind), "*.xlsx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, path).Replace('\\', '/'));
        }

        return data;
    }
}
