using System.Globalization;
using System.Text;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.DevHost.Samples;

/// <summary>A report the intake must accept, filed under {year}/{county}/{slug}.xlsx.</summary>
internal sealed record ValidSample(string CountyCode, string Slug, AnnualReport Report)
{
    public int Year => Report.Operation.Year;
}

/// <summary>
/// Demo reports built from Socialstyrelsen's published national figures for 2020 and 2021: one report per county
/// with operations, the national counts split over counties in proportion to each county's number of operations
/// with largest-remainder rounding, so that the sample national sums equal the published figures exactly.
/// </summary>
internal static class SampleSet
{
    public static readonly IReadOnlyList<int> Years = [2020, 2021];

    /// <summary>Share of ombud who are women, from the 2017 report (230 of 328); later reports give no split.</summary>
    private const decimal WomenShareOfOmbud = 230m / 328m;

    private const int NewlyHiredOmbud = 53;

    private static readonly MunicipalityRegistry Registry = MunicipalityRegistry.Default;

    private static readonly Dictionary<string, string> OperationNames = new(StringComparer.Ordinal)
    {
        ["01"] = "Personligt ombud Stockholm norr",
        ["03"] = "Personligt ombud Uppsala län",
        ["04"] = "Personligt ombud Sörmland",
        ["05"] = "Personligt ombud Östergötland väst",
        ["06"] = "Personligt ombud Jönköpings län",
        ["07"] = "Personligt ombud Kronoberg",
        ["08"] = "Personligt ombud Kalmar södra",
        ["10"] = "Personligt ombud Blekinge",
        ["12"] = "Personligt ombud Skåne nordost",
        ["13"] = "Personligt ombud Halland",
        ["14"] = "Personligt ombud Fyrbodal",
        ["17"] = "Personligt ombud Värmland",
        ["18"] = "Personligt ombud Örebro län",
        ["19"] = "Personligt ombud Västmanland",
        ["20"] = "Personligt ombud Dalarna",
        ["21"] = "Personligt ombud Gävleborg",
        ["22"] = "Personligt ombud Västernorrland",
        ["23"] = "Personligt ombud Jämtland",
        ["24"] = "Personligt ombud Västerbotten",
        ["25"] = "Personligt ombud Norrbotten",
    };

    /// <summary>Invented people; any likeness is accidental.</summary>
    private static readonly string[] ContactPeople =
    [
        "Karin Ekström", "Johan Lindqvist", "Maria Sandberg", "Erik Holm", "Lena Björk", "Anders Falk",
        "Sara Nyström", "Peter Åberg", "Eva Lundgren", "Mikael Strand", "Helena Forsberg", "Jonas Wik",
        "Anna Hedlund", "Fredrik Sjöberg", "Ingrid Dahl", "Magnus Berglund", "Sofia Engström", "Lars Öhman",
        "Emma Lindberg", "Henrik Nordin",
    ];

    /// <summary>Reasons for contact per new client of a gender, in proportion to Stockholm's 2023 women's figures.</summary>
    private static readonly (ContactReason Reason, decimal Rate)[] ContactRates =
    [
        (ContactReason.Economy, 0.40m),
        (ContactReason.Housing, 0.17m),
        (ContactReason.Occupation, 0.14m),
        (ContactReason.DailyStructure, 0.19m),
        (ContactReason.Authorities, 0.62m),
        (ContactReason.Healthcare, 0.22m),
        (ContactReason.Other, 0.08m),
    ];

    public static IReadOnlyList<ValidSample> Valid() => [.. Years.SelectMany(Valid), NilReturn()];

    /// <summary>The county reports of one year, in county-code order (no nil return).</summary>
    public static IReadOnlyList<ValidSample> Valid(int year)
    {
        var published = PublishedFigures.Load(year);
        var counties = published.Counties
            .Where(c => c.Operations > 0)
            .Select(c => (Code: Registry.FindCounty(c.CountyName)?.Code
                    ?? throw new InvalidOperationException($"Unknown county {c.CountyName}."), Figures: c))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        var weights = counties.Select(c => c.Figures.Operations).ToArray();
        int[] Split(int total) => Apportion.LargestRemainder(total, weights);

        var ombud = Split(published.Count("ombud"));
        var fteTenths = Split((int)(published.National["full_time_equivalents"] * 10));
        var newClients = Split(published.Count("clients_new"));
        var ended = Split(published.Count("clients_ended"));
        var childrenWomen = Split(published.Count("clients_with_children_at_home_women"));
        var childrenMen = Split(published.Count("clients_with_children_at_home_men"));
        var granted = Split(published.Count("grant_paid_sek"));
        var clientCells = published.ClientsByGenderAge.ToDictionary(kv => kv.Key, kv => Split(kv.Value));

        // 2021 lägesrapport: 53 newly hired ombud took Socialstyrelsen's introductory course.
        var newlyHired = Split(NewlyHiredOmbud);

        var total = weights.Sum();
        var withoutPriorityOrder = Spread(counties.Count, total - published.Count("operations_with_priority_order"), total, offset: 3);
        var incompleteGroups = Spread(counties.Count, total - published.Count("management_groups_complete"), total, offset: 1);
        var withoutRoutine = Spread(counties.Count, total - published.Count("operations_with_deficiency_routine"), total, offset: 5);

        var samples = new List<ValidSample>();
        for (var i = 0; i < counties.Count; i++)
        {
            var (code, figures) = counties[i];
            var operation = Operation(year, code, figures.MunicipalitiesOfferingPo, i, Provider(published, figures.CountyName));
            var byGenderAge = new Dictionary<(Gender, AgeGroup), int>();
            foreach (var (gender, genderKey) in new[] { (Gender.Women, "women"), (Gender.Men, "men") })
            {
                for (var a = 0; a < PublishedYear.AgeColumns.Length; a++)
                {
                    byGenderAge[(gender, (AgeGroup)a)] = clientCells[(genderKey, PublishedYear.AgeColumns[a])][i];
                }
            }

            // Not published: 2020's samples add a few small cells that exercise the "<4" suppression of the totals. 2021's
            // published total (9 331, Tabell 3) counts women and men only, so its samples have none and reproduce it.
            var other = year < 2021 && i % 4 == 1 ? 1 + (i % 3) : 0;
            foreach (var ageGroup in Enum.GetValues<AgeGroup>())
            {
                byGenderAge[(Gender.OtherGender, ageGroup)] = ageGroup == AgeGroup.Age30To49 ? other : 0;
            }

            var clients = new ClientFigures(
                byGenderAge,
                newClients[i],
                ended[i],
                new GenderCounts(childrenWomen[i], childrenMen[i], 0));
            var ombudCount = SplitOmbud(ombud[i]);
            var ombudFigures = new OmbudFigures(ombudCount, Supervised(ombudCount), fteTenths[i] / 10m);

            samples.Add(new ValidSample(
                code,
                Slug(operation.Name),
                new AnnualReport(
                    operation,
                    ombudFigures,
                    clients,
                    ContactReasons(clients),
                    Waiting(figures, hasPriorityOrder: !withoutPriorityOrder.Contains(i), i),
                    Management(year, complete: !incompleteGroups.Contains(i), routine: !withoutRoutine.Contains(i), i),
                    Deficiencies(i),
                    new Economy(granted[i], granted[i] - (i % 3 == 0 ? granted[i] / 25 : 0)))
                {
                    FollowUp = WorkbookLabels.ContractYears.Asks(WorkbookLabels.ContractYears.FollowUp, year)
                        ? FollowUpTexts.For(i, clients, ombudFigures, newlyHired[i])
                        : null,
                }));
        }

        return samples;
    }

    /// <summary>A second verksamhet in Jämtland that closed before 2021 began: valid, counts as received, adds nothing.</summary>
    public static ValidSample NilReturn()
    {
        var operation = Operation(2021, "23", 1, 19) with
        {
            Name = "Personligt ombud Jämtland östra",
            MunicipalityCodes = [Registry.InCounty("23").Last().Code],
            ContactPerson = "Per Sundqvist",
            ContactEmail = "po@jamtland-ostra.example.se",
            Active = false,
        };
        return new ValidSample("23", Slug(operation.Name), new AnnualReport(operation, null, null, null, null, null, null, null));
    }

    /// <summary>ASCII file-name slug: "Personligt ombud Skåne nordost" → "personligt-ombud-skane-nordost".</summary>
    public static string Slug(string name)
    {
        var key = OperationKey.From(name);
        var builder = new StringBuilder(key.Length);
        foreach (var ch in key.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(ch);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The provider of the county's verksamhet when the year's "Övriga utförare" table (other-providers.csv) names one
    /// in that county: the samples' one report per county is then run by it, so the totals' list reproduces the table.
    /// </summary>
    private static (string? Name, OrganisationForm? Form) Provider(PublishedYear published, string countyName)
    {
        var row = published.OtherProviders.SingleOrDefault(p => p.CountyName == countyName);
        if (row is null)
        {
            return (null, null);
        }

        return Dimensions.OrganisationForms.TryFindId(row.OrganisationFormId, out var form)
            ? (row.Name, form)
            : throw new InvalidOperationException($"Unknown organisation form {row.OrganisationFormId}.");
    }

    private static OperationInfo Operation(int year, string countyCode, int municipalityCount, int index, (string? Name, OrganisationForm? Form) provider = default)
    {
        var municipalities = Registry.InCounty(countyCode).Take(municipalityCount).ToList();
        var mailHost = Slug(municipalities[0].Name);
        return new OperationInfo(
            year,
            countyCode,
            OperationNames[countyCode],
            [.. municipalities.Select(m => m.Code)],
            provider.Name is null ? OperatingForm.Municipal : OperatingForm.OtherProvider,
            provider.Name,
            provider.Name is null ? null : provider.Form,
            ContactPeople[index % ContactPeople.Length],
            $"po@{mailHost}.example.se",
            string.Create(CultureInfo.InvariantCulture, $"010-{100 + (index * 37 % 900)} {10 + index:00} 00"),
            Active: true);
    }

    private static GenderCounts SplitOmbud(int ombud)
    {
        var women = (int)Math.Round(ombud * WomenShareOfOmbud, MidpointRounding.AwayFromZero);
        return new GenderCounts(women, ombud - women, 0);
    }

    private static GenderCounts Supervised(GenderCounts ombud) =>
        new(ombud.Women - (ombud.Women / 6), ombud.Men - (ombud.Men / 5), ombud.OtherGender);

    private static Dictionary<(ContactReason, Gender), int> ContactReasons(ClientFigures clients)
    {
        var reasons = new Dictionary<(ContactReason, Gender), int>();
        foreach (var gender in Enum.GetValues<Gender>())
        {
            var genderClients = clients.ForGender(gender);
            var newOfGender = clients.Total == 0 ? 0m : (decimal)clients.New * genderClients / clients.Total;
            foreach (var (reason, rate) in ContactRates)
            {
                var count = (int)Math.Round(newOfGender * rate, MidpointRounding.AwayFromZero);
                reasons[(reason, gender)] = Math.Min(count, genderClients);
            }
        }

        return reasons;
    }

    private static WaitingFigures Waiting(PublishedCounty county, bool hasPriorityOrder, int index)
    {
        // Ja with 0 days as published (2021 Tabell 4: Kronoberg, Värmland, Västmanland): accepted with the warning WAITING_ZERO_DAYS.
        var hasWaiting = county.OperationsWithWaitingTime > 0;
        var priorities = new Dictionary<PriorityGroup, int>();
        if (hasPriorityOrder)
        {
            var groups = Enum.GetValues<PriorityGroup>();
            for (var rank = 1; rank <= 3; rank++)
            {
                priorities[groups[(index + rank - 1) % (groups.Length - 1)]] = rank;
            }
        }

        return new WaitingFigures(hasWaiting, hasWaiting ? county.EstimatedWaitingDays : 0, hasPriorityOrder, priorities);
    }

    private static ManagementGroup Management(int year, bool complete, bool routine, int index)
    {
        var represented = Enum.GetValues<ManagementMember>().ToDictionary(m => m, _ => true);
        if (!complete)
        {
            // 2021 report: the members most often missing are primary care and the employment service.
            ManagementMember[] oftenMissing = [ManagementMember.PrimaryCare, ManagementMember.EmploymentService];
            represented[oftenMissing[(index + year) % oftenMissing.Length]] = false;
        }

        represented[ManagementMember.UserOrganisations] = index % 3 != 2;
        return new ManagementGroup(represented, 3 + (index % 6), routine);
    }

    private static List<SystemDeficiency> Deficiencies(int index)
    {
        var count = 2 + (index % 3);
        return [.. Enumerable.Range(0, count).Select(k => DeficiencyTexts.All[(index * 3 + k) % DeficiencyTexts.All.Count])];
    }

    /// <summary>
    /// Which of <paramref name="counties"/> reports are "Nej" so that their share approximates
    /// <paramref name="nationalNo"/> of <paramref name="nationalTotal"/> operations. Booleans cannot be split
    /// like counts: one report per county cannot add up to the national number of operations.
    /// </summary>
    private static HashSet<int> Spread(int counties, int nationalNo, int nationalTotal, int offset)
    {
        var no = (int)Math.Round((decimal)nationalNo * counties / nationalTotal, MidpointRounding.AwayFromZero);
        return [.. Enumerable.Range(0, no).Select(k => (offset + (k * 7)) % counties)];
    }
}
