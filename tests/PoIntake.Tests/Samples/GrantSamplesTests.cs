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
    [InlineData(2020, "321.54")]
    [InlineData(2021, "320.36")]
    public void Registers_ParseWithoutFindings_AndApplyForThePublishedOmbudstjanster(int year, string published)
    {
        var applications = GrantSamples.Registers(year)
            .SelectMany(sample =>
            {
                var parsed = Parser.Parse(sample.Write(), year, sample.CountyCode);
                Assert.True(parsed.Findings.Count == 0, string.Join("\n", parsed.Findings.Select(f => f.Message)));
                return parsed.Applications;
            })
            .ToArray();

        Assert.Equal(decimal.Parse(published, System.Globalization.CultureInfo.InvariantCulture), applications.Sum(a => a.AppliedFullTimeEquivalents));
    }

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
