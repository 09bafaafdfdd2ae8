using PoIntake.Core.Grants;
using PoIntake.Core.Intake;

namespace PoIntake.DevHost.Samples;

/// <summary>A county's sample grant register for a year, at <c>grants/{year}/{countyCode}.xlsx</c>.</summary>
internal sealed record GrantSample(int Year, string CountyCode, IReadOnlyList<GrantApplication> Applications)
{
    public string BlobName => GrantRegisterPath.BlobName(Year, CountyCode);

    public byte[] Write() => GrantRegisterTemplate.Write(Year, Applications);
}

/// <summary>
/// Sample grant registers for 2020 and 2021 (docs/grants.md), consistent with the sample reports (<see cref="SampleSet"/>:
/// the same verksamheter, municipalities and contacts; granted and paid = the report's Beviljat statsbidrag, so the paid
/// amounts add up to Tabell 5's utfall) and with the published figures: the granted årsarbetare add up to 321,54 (2020)
/// and 320,36 (2021), split over the verksamheter in proportion to their granted kronor with largest-remainder rounding,
/// so that each granted amount is the fixed amount × its årsarbetare within a hundredth. Each verksamhet applied for what
/// it was granted. In 2021 the closed Jämtland verksamhet of the nil return applied for 0,50 too and was refused (Avslag):
/// outside the granted 320,36, inside the applied 320,86.
/// </summary>
internal static class GrantSamples
{
    /// <summary>
    /// The heltidstjänster the published amount was distributed for (shared/reference/published/grant-rate.csv), in
    /// hundredths: the granted årsarbetare of the samples.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, int> GrantedHundredths = new Dictionary<int, int> { [2020] = 32154, [2021] = 32036 };

    /// <summary>What the refused 2021 application asked for (hundredths of an årsarbetare).</summary>
    private const int RefusedHundredths = 50;

    public static IReadOnlyList<GrantSample> All() => [.. SampleSet.Years.SelectMany(Registers)];

    public static IReadOnlyList<GrantSample> Registers(int year)
    {
        var reports = SampleSet.Valid(year);
        var refused = year == 2021 ? SampleSet.NilReturn() : null;
        var fte = Apportion.LargestRemainder(GrantedHundredths[year], [.. reports.Select(r => (int)r.Report.Economy!.GrantedSek)]);

        var applications = new List<GrantApplication>();
        for (var i = 0; i < reports.Count; i++)
        {
            var operation = reports[i].Report.Operation;
            var granted = reports[i].Report.Economy!.GrantedSek;
            applications.Add(Application(operation, i, fte[i] / 100m, GrantDecision.Granted, granted));
        }

        if (refused is not null)
        {
            applications.Add(Application(refused.Report.Operation, reports.Count, RefusedHundredths / 100m, GrantDecision.Refused, null));
        }

        return applications
            .GroupBy(a => a.CountyCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GrantSample(year, g.Key, [.. g.Select((a, row) => a with { Row = GrantRegisterLayout.FirstDataRow + row })]))
            .ToArray();
    }

    private static GrantApplication Application(OperationInfo operation, int index, decimal applied, GrantDecision decision, decimal? granted)
    {
        // Applications arrive in February, before the 1 March deadline; county boards decide in April.
        var received = new DateOnly(operation.Year, 2, 1).AddDays(index % 27);
        var decided = new DateOnly(operation.Year, 4, 6).AddDays(index % 15);
        return new GrantApplication(
            operation.Year,
            operation.CountyCode,
            0,
            operation.Name,
            OperationKey.From(operation.Name),
            operation.MunicipalityCodes,
            received,
            applied,
            decision,
            granted,
            decided,
            granted,
            operation.ContactPerson,
            operation.ContactEmail,
            decision == GrantDecision.Granted ? applied : null);
    }
}
