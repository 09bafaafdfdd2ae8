using System.Globalization;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Tests.Totals;

/// <summary>One Tabell 1 row of the published status reports.</summary>
internal sealed record PublishedCountyRow(int Year, string CountyCode, int Municipalities, int OfferingPo, int Operations);

/// <summary>
/// Report sets shaped like the published 2020 and 2021 figures: per county the published number of operations
/// covering the published number of municipalities, the national client table spread over the operations,
/// and other figures drawn from a seeded random so expectations can be summed from the reports themselves.
/// </summary>
internal static class PublishedReportSets
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reference", "published");

    public static IReadOnlyList<PublishedCountyRow> CountyRows(int year) =>
        File.ReadLines(Path.Combine(Folder, "municipalities-by-county.csv"))
            .Skip(1)
            .Select(line => line.Split(',', 6))
            .Where(parts => parts[0] == year.ToString(CultureInfo.InvariantCulture))
            .Select(parts => new PublishedCountyRow(
                year,
                MunicipalityRegistry.Default.FindCounty(parts[1])?.Code ?? throw new InvalidDataException(parts[1]),
                int.Parse(parts[2], CultureInfo.InvariantCulture),
                int.Parse(parts[3], CultureInfo.InvariantCulture),
                int.Parse(parts[4], CultureInfo.InvariantCulture)))
            .ToArray();

    /// <summary>The published national client table: (gender id, age group id) → clients.</summary>
    public static IReadOnlyDictionary<(Gender Gender, AgeGroup Age), int> ClientTable(int year)
    {
        var table = new Dictionary<(Gender, AgeGroup), int>();
        foreach (var parts in File.ReadLines(Path.Combine(Folder, "clients-by-gender-age.csv")).Skip(1).Select(l => l.Split(',', 8)))
        {
            if (parts[0] != year.ToString(CultureInfo.InvariantCulture))
            {
                continue;
            }

            var gender = parts[1] switch
            {
                "women" => Gender.Women,
                "men" => Gender.Men,
                _ => Gender.OtherGender,
            };
            var ages = Enum.GetValues<AgeGroup>();
            for (var i = 0; i < ages.Length; i++)
            {
                table[(gender, ages[i])] = int.Parse(parts[2 + i], CultureInfo.InvariantCulture);
            }
        }

        return table;
    }

    public static IReadOnlyList<(CurrentReport Current, AnnualReport Report)> Build(int year, int seed)
    {
        var random = new Random(seed);
        var rows = CountyRows(year);
        var totalOperations = rows.Sum(r => r.Operations);
        var clientTable = ClientTable(year);
        var reports = new List<(CurrentReport, AnnualReport)>();
        var index = 0;
        foreach (var row in rows)
        {
            var municipalities = MunicipalityRegistry.Default.InCounty(row.CountyCode).Take(row.OfferingPo).Select(m => m.Code).ToArray();
            for (var op = 0; op < row.Operations; op++)
            {
                var covered = municipalities.Where((_, j) => j % row.Operations == op).ToList();
                if (covered.Count == 0)
                {
                    covered.Add(municipalities[op % municipalities.Length]);
                }

                var clients = clientTable.ToDictionary(
                    kv => kv.Key,
                    kv => (kv.Value / totalOperations) + (index < kv.Value % totalOperations ? 1 : 0));
                var report = RandomReport(random, year, row.CountyCode, $"PO {row.CountyCode} {op}", covered, clients);
                reports.Add((Current(report, index), report));
                index++;
            }
        }

        return reports;
    }

    public static CurrentReport Current(AnnualReport report, int index, DateTimeOffset? receivedAt = null) =>
        new(
            report.Operation.Year,
            report.Operation.CountyCode,
            OperationKey.From(report.Operation.Name),
            $"{report.Operation.Year}-{report.Operation.CountyCode}-{index:x32}",
            report.IsNilReturn,
            report.Operation.MunicipalityCodes,
            receivedAt ?? new DateTimeOffset(report.Operation.Year + 1, 1, 10, 9, 0, 0, TimeSpan.Zero));

    public static ReportContent Content(CurrentReport current, AnnualReport report) =>
        new(
            current,
            ReportFacts.From(report),
            (report.SystemDeficiencies ?? [])
                .Select(d => new StoredDeficiency(d.Level, d.Area, d.Description, d.Consequence, d.Action))
                .ToArray());

    public static AnnualReport NilReturn(int year, string county, string name, params string[] municipalities) =>
        new(Operation(year, county, name, municipalities, active: false), null, null, null, null, null, null, null);

    public static OperationInfo Operation(int year, string county, string name, IReadOnlyList<string> municipalities, bool active = true) =>
        new(year, county, name, municipalities, OperatingForm.Municipal, null, null, "Kontakt", "kontakt@example.se", null, active);

    public static AnnualReport RandomReport(
        Random random,
        int year,
        string county,
        string name,
        IReadOnlyList<string> municipalities,
        IReadOnlyDictionary<(Gender, AgeGroup), int> clients)
    {
        GenderCounts Counts(int max) => new(random.Next(max), random.Next(max), random.Next(2));
        var hasWaiting = random.Next(2) == 1;
        var hasPriority = random.Next(3) > 0;
        var priorities = hasPriority
            ? Enum.GetValues<PriorityGroup>().Where(_ => random.Next(2) == 1).ToDictionary(g => g, _ => random.Next(1, 4))
            : new Dictionary<PriorityGroup, int>();
        var deficiencies = Enumerable.Range(0, random.Next(4))
            .Select(i => new SystemDeficiency(
                (DeficiencyLevel)random.Next(3),
                (DeficiencyArea)random.Next(6),
                $"Brist {i} i {name}",
                i % 2 == 0 ? "Konsekvens" : null,
                null))
            .ToArray();
        return new AnnualReport(
            Operation(year, county, name, municipalities),
            new OmbudFigures(Counts(6), Counts(4), random.Next(5, 60) / 10m),
            new ClientFigures(clients, random.Next(80), random.Next(80), Counts(30)),
            Enum.GetValues<ContactReason>().SelectMany(r => Enum.GetValues<Gender>().Select(g => (r, g))).ToDictionary(k => k, _ => random.Next(40)),
            new WaitingFigures(hasWaiting, hasWaiting ? random.Next(1, 300) : 0, hasPriority, priorities),
            new ManagementGroup(
                Enum.GetValues<ManagementMember>().ToDictionary(m => m, _ => random.Next(6) > 0),
                random.Next(1, 8),
                random.Next(5) > 0),
            deficiencies,
            new Economy(random.Next(100_000, 3_000_000) + (random.Next(100) / 100m), random.Next(100_000, 3_000_000)));
    }
}
