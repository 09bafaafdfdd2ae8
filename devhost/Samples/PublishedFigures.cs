using System.Globalization;
using System.Reflection;
using System.Text;

namespace PoIntake.DevHost.Samples;

/// <summary>One county's row of municipalities-by-county.csv and waiting-times-by-county.csv for a year.</summary>
internal sealed record PublishedCounty(
    string CountyName,
    int MunicipalitiesOfferingPo,
    int Operations,
    int OperationsWithWaitingTime,
    int EstimatedWaitingDays);

/// <summary>One row of other-providers.csv: a provider other than the municipality in one county (Övriga utförare).</summary>
internal sealed record PublishedProvider(string Name, string OrganisationFormId, string CountyName);

/// <summary>The national figures of one year from Socialstyrelsen's lägesrapporter (the embedded copies of shared/reference/published).</summary>
internal sealed record PublishedYear(
    int Year,
    IReadOnlyDictionary<string, decimal> National,
    IReadOnlyDictionary<(string Gender, string AgeColumn), int> ClientsByGenderAge,
    IReadOnlyList<PublishedCounty> Counties,
    IReadOnlyList<PublishedProvider> OtherProviders)
{
    public static readonly string[] AgeColumns = ["age_18_29", "age_30_49", "age_50_64", "age_65_plus"];

    public int Count(string measure) => (int)National[measure];
}

internal static class PublishedFigures
{
    public static PublishedYear Load(int year)
    {
        var national = Rows("national.csv")
            .Where(r => r["year"] == Year(year))
            .ToDictionary(r => r["measure"], r => decimal.Parse(r["value"], CultureInfo.InvariantCulture));

        var clients = new Dictionary<(string, string), int>();
        foreach (var row in Rows("clients-by-gender-age.csv").Where(r => r["year"] == Year(year)))
        {
            foreach (var age in PublishedYear.AgeColumns)
            {
                clients[(row["gender"], age)] = int.Parse(row[age], CultureInfo.InvariantCulture);
            }
        }

        var waiting = Rows("waiting-times-by-county.csv").Where(r => r["year"] == Year(year)).ToDictionary(r => r["lan"]);
        var counties = Rows("municipalities-by-county.csv")
            .Where(r => r["year"] == Year(year))
            .Select(r =>
            {
                var wait = waiting.GetValueOrDefault(r["lan"]);
                var estimate = wait is null ? 0 : int.Parse(wait["estimated_waiting"], CultureInfo.InvariantCulture);
                return new PublishedCounty(
                    r["lan"],
                    int.Parse(r["municipalities_offering_po"], CultureInfo.InvariantCulture),
                    int.Parse(r["operations"], CultureInfo.InvariantCulture),
                    wait is null ? 0 : int.Parse(wait["operations_with_waiting_time"], CultureInfo.InvariantCulture),
                    wait?["unit"] == "weeks" ? estimate * 7 : estimate);
            })
            .ToList();

        if (national.Count == 0 || clients.Count == 0 || counties.Count == 0)
        {
            throw new InvalidOperationException($"No published figures for {year}.");
        }

        var providers = Rows("other-providers.csv")
            .Where(r => r["year"] == Year(year))
            .Select(r => new PublishedProvider(r["name"], r["organisation_form"], r["lan"]))
            .ToList();
        return new PublishedYear(year, national, clients, counties, providers);
    }

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>Rows as column → value. The last column (source) may itself hold commas.</summary>
    private static IEnumerable<Dictionary<string, string>> Rows(string fileName)
    {
        var resource = $"PoIntake.DevHost.Samples.Published.{fileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = (reader.ReadLine() ?? string.Empty).Split(',');
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var values = line.Split(',', header.Length);
            rows.Add(header.Zip(values).ToDictionary(p => p.First, p => p.Second.Trim(), StringComparer.Ordinal));
        }

        return rows;
    }
}
