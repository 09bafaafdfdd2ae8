using PoIntake.Core.Contacts;
using PoIntake.Core.Grants;
using PoIntake.Core.Reference;
using PoIntake.DevHost.Samples;

namespace PoIntake.Tests.Samples;

/// <summary>devhost's sample grant and contacts registers: valid, and consistent with the sample reports and the published figures.</summary>
public sealed class GrantSamplesTests
{
    private static readonly GrantRegisterParser Parser = new(MunicipalityRegistry.Default);

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void Registers_ParseWithoutFindings_GrantThePublishedPosts_AndPayTabell5sUtfall(int year)
    {
        // The published year's fixed amount, so the parser's amount-against-rate warning is live for the samples too.
        var rate = PublishedCsv.Read("grant-rate.csv").Single(r => r["year"] == Text(year));
        var appropriation = new AppropriationOptions();
        appropriation.Years[Text(year)] = new AppropriationYear { AmountPerFullTimeEquivalentSek = Number(rate["amount_per_post_sek"]) };
        var parser = new GrantRegisterParser(MunicipalityRegistry.Default, appropriation: Microsoft.Extensions.Options.Options.Create(appropriation));
        var applications = GrantSamples.Registers(year)
            .SelectMany(sample =>
            {
                var parsed = parser.Parse(sample.Write(), year, sample.CountyCode);
                Assert.True(parsed.Findings.Count == 0, string.Join("\n", parsed.Findings.Select(f => f.Message)));
                return parsed.Applications;
            })
            .ToArray();
        var outcome = PublishedCsv.Read("budget-and-outcome.csv").Single(r => r["year"] == Text(year) && r["line"] == "Ombudstjänster statsbidrag");

        var granted = applications.Where(a => a.Decision == GrantDecision.Granted).ToArray();
        Assert.Equal(Number(rate["applied_full_time_posts"]), granted.Sum(a => a.GrantedFullTimeEquivalents!.Value));
        Assert.Equal(Number(outcome["outcome_sek"]), applications.Sum(a => a.PaidSek ?? 0m));

        // The refused application is outside the granted posts: it asked for 0,50 and was granted none.
        var refused = applications.Where(a => a.Decision == GrantDecision.Refused).ToArray();
        Assert.Equal(year == 2021 ? 1 : 0, refused.Length);
        Assert.All(refused, a => Assert.Null(a.GrantedFullTimeEquivalents));
        Assert.Equal(granted.Sum(a => a.GrantedFullTimeEquivalents!.Value) + refused.Sum(a => a.AppliedFullTimeEquivalents), applications.Sum(a => a.AppliedFullTimeEquivalents));
    }

    public static TheoryData<int> PublishedYears() => [2020, 2021];

    private static string Text(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static decimal Number(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2020)]
    [InlineData(2021)]
    public void Registers_SameVerksamheterMunicipalitiesAndGrantsAsTheSampleReports(int year)
    {
        var applications = GrantSamples.Registers(year).SelectMany(r => r.Applications).ToDictionary(a => (a.CountyCode, a.OperationKey));

        foreach (var report in SampleSet.Valid(year))
        {
            var operation = report.Report.Operation;
            var application = applications[(operation.CountyCode, Core.Intake.OperationKey.From(operation.Name))];
            Assert.Equal(GrantDecision.Granted, application.Decision);
            Assert.Equal(operation.MunicipalityCodes, application.MunicipalityCodes);
            Assert.Equal(report.Report.Economy!.GrantedSek, application.GrantedSek);
            Assert.Equal(operation.ContactEmail, application.ContactEmail);
        }

        Assert.Equal(year == 2021 ? 1 : 0, applications.Values.Count(a => a.Decision == GrantDecision.Refused));
    }

    [Fact]
    public void Contacts_ParseWithoutFindings_CountyBoardAndMunicipalitiesOfEachSampleCounty()
    {
        var parser = new ContactsWorkbookParser(MunicipalityRegistry.Default);
        var registers = ContactSamples.All();

        foreach (var register in registers)
        {
            var parsed = parser.Parse(register.Write(), register.Register);
            Assert.Empty(parsed.Findings);
            Assert.Equal(register.Rows.Count, parsed.Contacts.Count);
        }

        Assert.Contains(registers, r => r.Register == ContactRegisterRules.NationalRegister);
        Assert.Equal(
            SampleSet.Valid(2021).Select(s => s.CountyCode).Order(StringComparer.Ordinal),
            registers.Where(r => r.Register != ContactRegisterRules.NationalRegister).Select(r => r.Register));
    }
}
