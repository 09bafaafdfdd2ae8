using PoIntake.Core.CountyBoards;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using static PoIntake.Core.Totals.SwedishNumberWords;
using static PoIntake.Core.Totals.SwedishSentences;

namespace PoIntake.Core.Totals;

/// <summary>
/// The one model of the lägesrapport's tables (<see cref="Lagesrapport"/>), built once from a year's totals and, for the
/// sentences on the year's change, the previous year's. The xlsx export and the docx draft both render it, so every figure
/// is the same in both and the suppression (<see cref="Suppression"/>) is applied in one place. Chapters follow the
/// published order (docs/lagesrapport.md); tables are numbered here, per kind, in the order they appear.
/// To add a table: build it with <see cref="Draft.Table"/> in its chapter's method below; it gets its number, its own xlsx
/// sheet (or joins the one it names) and its place in the docx from there.
/// </summary>
public static class LagesrapportBuilder
{
    public const string PriorityOrderLabel = "Verksamheter med prioriteringsordning";
    public const string NoCentralDeficiencies = "Inga brister på central nivå redovisades inom området.";
    public const string AppendixDeficiency = "Brist";
    public const string AppendixConsequence = "Konsekvens för den enskilde";
    public const string AppendixReportedBy = "Rapporterad av";

    /// <summary>Bilaga 1's three tables, as the 2021 report divides the central-level brister by the area they were met in.</summary>
    public static IReadOnlyList<(string Caption, IReadOnlyList<DeficiencyArea> Areas)> AppendixGroups { get; } =
    [
        ("Brister i kontakten med hälso- och sjukvården", [DeficiencyArea.Healthcare]),
        ("Brister i kontakten med socialtjänsten", [DeficiencyArea.SocialServices]),
        ("Övriga inrapporterade brister (Arbetsförmedlingen, Försäkringskassan, samordnade insatser)",
            [DeficiencyArea.EmploymentService, DeficiencyArea.SocialInsuranceAgency, DeficiencyArea.OtherAuthority, DeficiencyArea.Other]),
    ];
    public const string NoOtherProviders = "Alla verksamheter drevs av kommunerna.";
    /// <summary>Operations whose ledningsgrupp has the first five members (the lägesrapporter's "fulltaliga ledningsgrupper").</summary>
    public const string CompleteManagementGroups = "Fulltaliga ledningsgrupper";
    public const string MeetingsHeader = "Ledningsgruppens möten under året";
    public const string MeetingsAnswered = "Verksamheter som redovisat antalet möten";

    /// <summary>The cell of a county with verksamhet that has not sent its own report, in the county boards' table.</summary>
    public const string CountyBoardFormMissing = "Saknas";

    /// <summary>The header of the county boards' table: the counts of their own reports (CountyBoardReportLayout).</summary>
    public static IReadOnlyList<string> CountyBoardHeader { get; } =
        ["Län", "Nätverksträffar", "Utbildningar och seminarier", "Deltagare", "Besök i verksamheterna", "Ledningsgruppsmöten", "Handlingsplan"];

    /// <summary>Counties named in a sentence are listed alphabetically, as the reports list them.</summary>
    private static readonly StringComparer SwedishOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: false);

    public static Lagesrapport Build(TotalsResult result, NationalTotals? previous = null) => Build(new LagesrapportInputs(result, previous));

    /// <summary>The draft from the totals and whatever else is at hand (settings, owed against received, grant figures, free texts, one county).</summary>
    public static Lagesrapport Build(LagesrapportInputs inputs) => new Draft(inputs).Build();

    /// <summary>
    /// Whether two verksamheter reported the same brist: the description compared without case, spacing and the final
    /// full stop, so "Brist på gode män." and "brist på  gode män" are one row of Bilaga 1.
    /// </summary>
    public static string SameDeficiency(string description) =>
        string.Join(' ', description.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.', '!', ';', ',');

    private static readonly System.Globalization.CultureInfo SwedishCulture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>"15 maj 2022".</summary>
    private static string SwedishDate(DateOnly date) => date.ToString("d MMMM yyyy", SwedishCulture);

    /// <summary>Every table of person counts the export shows, as <see cref="Suppression"/> sees it.</summary>
    internal static IReadOnlyList<FigureTable> PersonTables(NationalTotals totals) =>
    [
        ClientsByGenderAndAge(totals.Clients).Table,
        ByGender(WorkbookLabels.Clients.WithChildrenRow, [totals.Clients.WithChildrenAtHome]).Table,
        ByGender("Kontaktorsaker", [.. totals.ContactReasons.Values]).Table,
        .. totals.OmbudWithSupervision is { } supervised ? [OmbudByGender(totals.Ombud, supervised).Table] : Array.Empty<FigureTable>(),
    ];

    /// <summary>The ombud and those with continuous supervision, by kön: one table, so a hidden cell is hidden in both rows' sums.</summary>
    private static (FigureTable Table, int[][] Layout) OmbudByGender(OmbudTotals ombud, GenderTotals supervised) =>
        ByGender("Ombud och handledning", [ombud.ByGender, supervised]);

    private static (FigureTable Table, int[][] Layout) ClientsByGenderAndAge(ClientTotals clients)
    {
        var table = new FigureTable("Klienter efter kön och ålder");
        var layout = table.Grid(
            FigureKind.Persons,
            [.. Dimensions.Genders.Select(g => (IReadOnlyList<decimal>)[.. clients.ByGenderAndAgeGroup[g.Value].Values.Select(v => (decimal)v)])],
            rowTotals: true,
            columnTotals: true);
        return (table, layout);
    }

    private static (FigureTable Table, int[][] Layout) ByGender(string name, IReadOnlyList<GenderTotals> rows)
    {
        var table = new FigureTable(name);
        var layout = table.Grid(
            FigureKind.Persons,
            [.. rows.Select(r => (IReadOnlyList<decimal>)[.. r.Counts.Values.Select(v => (decimal)v)])],
            rowTotals: true,
            columnTotals: false);
        return (table, layout);
    }

    /// <summary>A suppressed table's rows: each label followed by its figures as shown.</summary>
    private static List<ReportRow> Rows((FigureTable Table, int[][] Layout) grid, IReadOnlyList<string> labels)
    {
        var shown = grid.Table.Show();
        return [.. grid.Layout.Select((positions, r) => new ReportRow(labels[r], positions.Select(p => ReportCell.Shown(shown[p], FigureKind.Persons))))];
    }

    private static string[] GenderHeader(string first) => [first, .. Dimensions.Genders.Select(g => g.Label), WorkbookLabels.Total];

    /// <summary>Kronor of Tabell 5: exact, "–" while not known.</summary>
    private static ReportCell Sek(decimal? value) =>
        value is { } v ? ReportCell.Money(v) : new(null, ReportCell.Missing, Kind: FigureKind.Money);

    private static string FormLabel(string id) =>
        Dimensions.OrganisationForms.TryFindId(id, out var form) ? Dimensions.OrganisationForms.Label(form) : id;

    /// <summary>One build: numbers the tables as the chapters create them.</summary>
    private sealed class Draft(LagesrapportInputs inputs)
    {
        private readonly Dictionary<ReportTableKind, int> _numbers = [];
        private readonly TotalsResult result = inputs.Result;
        private readonly NationalTotals _totals = inputs.Result.Totals;
        private readonly LagesrapportNarrative _narrative = inputs.Narrative ?? new();

        private int Year => _totals.Year;

        /// <summary>The previous year's totals when they are that year's; the sentences on change need them.</summary>
        private NationalTotals? Previous => inputs.Previous?.Year == Year - 1 ? inputs.Previous : null;

        private bool IsCounty => inputs.County is not null;

        /// <summary>"landets" or "länets": whose kommuner a sentence counts.</summary>
        private string Whose => IsCounty ? "länets" : "landets";

        /// <summary>The counties the tables list: all for the national report, the one county for a county board's draft.</summary>
        private IEnumerable<CountyTotals> Counties => inputs.County is { } county ? _totals.Counties.Where(c => c.Code == county.Code) : _totals.Counties;

        /// <summary>"Källa: Länsstyrelserna 2022" for 2021: the reports reach Socialstyrelsen through the county boards the year after.</summary>
        private string Source => IsCounty ? $"Källa: Länsstyrelsen i {inputs.County!.Name} {Year + 1}" : $"Källa: Länsstyrelserna {Year + 1}";

        public Lagesrapport Build()
        {
            var title = IsCounty
                ? $"Länsstyrelsens underlag till lägesrapport om verksamhet med personliga ombud {Year}: {inputs.County!.Name}"
                : $"Lägesrapport om verksamhet med personliga ombud {Year}"
                    + (inputs.Settings?.DiaryNumber is { Length: > 0 } diary ? $" ({diary})" : string.Empty);
            var introduction = new List<string>
            {
                $"Utkast framtaget ur kommunernas redovisningar till {(IsCounty ? "länsstyrelsen" : "länsstyrelserna")} för {Year} "
                + $"({Count(_totals.ReportsIncluded, neuter: false)} redovisningar). Antal personer 1–3 visas som <4 och summor som skulle avslöja dem avrundade (Ca). "
                + "Stycken som börjar med [Skriv: …] ska analytikern skriva; allt annat är framräknat ur uppgifterna.",
            };

            // The kommuner table stays Tabell 1, as in every published report; the owed-against-received table follows it in
            // the same chapter, and the chapter on the reporting before them refers to it.
            var municipalities = Municipalities(out var coverageTable);
            var chapters = new List<ReportChapter>
            {
                Assignment(),
                Reporting(coverageTable),
                municipalities,
            };
            chapters.AddRange([Ombud(), Clients(), ClientGroupChanges(), ClientsWithChildren(), ContactReasons(), Theme(), Waiting(), Priority(), Providers(), Management()]);
            var deficiencies = Deficiencies();
            chapters.Add(deficiencies);
            chapters.Add(Measures());
            chapters.Add(CountyBoards());
            if (!IsCounty)
            {
                chapters.Add(new ReportChapter(
                    "Socialstyrelsens arbete",
                    [
                        "Socialstyrelsen ansvarar för att i samverkan med länsstyrelserna och kommunerna utveckla och stödja verksamheten med personligt ombud.",
                        Placeholder("beredningsgruppens möten under året, planeringsmötena med länsstyrelserna och introduktionsutbildningen för nyanställda ombud (antal deltagare)"),
                    ],
                    [],
                    ReportChapterKind.SocialstyrelsenWork));
            }

            chapters.Add(Economy() with { Heading = $"Statsbidragets användning {Year}", Kind = ReportChapterKind.Economy, Level = IsCounty ? 1 : 2 });
            if (!IsCounty)
            {
                chapters.Add(new ReportChapter(
                    "Socialstyrelsens kommentarer",
                    [Placeholder("Socialstyrelsens slutsatser om årets utveckling; inget i detta kapitel räknas fram ur uppgifterna")],
                    [],
                    ReportChapterKind.Comments));
            }

            return new Lagesrapport(Year, title, introduction, chapters);
        }

        /// <summary>A table with the next number of its kind; <paramref name="source"/> when not the county boards' (Socialstyrelsen's budget).</summary>
        public ReportTable Table(
            ReportTableKind kind,
            string title,
            string sheet,
            IReadOnlyList<ReportBlock> blocks,
            IReadOnlyList<double> widths,
            IReadOnlyList<string>? notes = null,
            string? source = null,
            int? printedColumns = null,
            ReportChart? chart = null)
        {
            var number = _numbers[kind] = _numbers.GetValueOrDefault(kind) + 1;
            return new ReportTable(kind, number, title, source ?? Source, sheet, blocks, widths, notes, printedColumns, chart);
        }

        private ReportChapter Assignment()
        {
            var due = inputs.Settings?.DueDate ?? new DateOnly(Year + 1, 5, 15);
            var text = new List<string>();
            if (IsCounty)
            {
                text.Add($"Länsstyrelsen fördelar statsbidraget till länets kommuner och lämnar underlag till Socialstyrelsens lägesrapport om verksamheten med personligt ombud för {Year}. "
                    + $"Detta underlag omfattar verksamheterna i {inputs.County!.Name}.");
                return new ReportChapter("Länsstyrelsens uppdrag", text, [], ReportChapterKind.Assignment);
            }

            var grants = _totals.BudgetAndOutcome?.Lines[^1].BudgetSek ?? inputs.Grants?.GrantsSek;
            text.Add($"Socialstyrelsen har regeringens uppdrag att i samverkan med länsstyrelserna fördela {(grants is { } g ? Kronor(g) + " i " : string.Empty)}statsbidrag till kommunerna enligt förordningen (2013:522) "
                + "om statsbidrag till kommuner som bedriver verksamhet med personliga ombud för vissa personer med psykiska funktionsnedsättningar. "
                + "I uppdraget ingår att tillsammans med länsstyrelserna följa upp, stödja och utveckla verksamheterna.");
            if (grants is null)
            {
                text.Add(Placeholder($"årets anslag (inställningen Appropriation:Years:{Year}:GrantsSek saknas)"));
            }

            text.Add("Av förordningen framgår att Socialstyrelsen senast den 15 maj varje år ska lämna en lägesrapport till regeringen om verksamheten med personligt ombud. "
                + "Lägesrapporten ska redogöra för hur verksamheten har utvecklats under det gångna året, hur medlen fördelats samt en ekonomisk redovisning.");
            text.Add(inputs.Settings?.DiaryNumber is { Length: > 0 } diary
                ? $"Lägesrapporten för {Year} lämnas senast den {SwedishDate(due)} (diarienummer {diary})."
                : Placeholder($"regeringsuppdragets diarienummer (inställningen Lagesrapport:Years:{Year}:DiaryNumber saknas); rapporten lämnas senast den {SwedishDate(due)}"));
            return new ReportChapter("Socialstyrelsens uppdrag", text, [], ReportChapterKind.Assignment);
        }

        private ReportChapter Reporting(ReportTable coverageTable)
        {
            var text = new List<string>
            {
                $"{(IsCounty ? "Länsstyrelsen" : "Länsstyrelserna")} rapporterar varje år till Socialstyrelsen om den lokala och regionala utvecklingen av verksamheterna med personligt ombud. "
                + "En kommun som har tagit emot statsbidraget ska, enligt förordningen, senast den 15 januari redovisa till länsstyrelsen hur föregående års bidrag har använts.",
            };
            if (inputs.Coverage is { } coverage)
            {
                var counties = Covered(coverage).ToList();
                var owed = counties.Sum(c => c.Owed);
                var received = counties.Sum(c => c.Received);
                text.Add($"För {Year} ska {Of(owed, "verksamhet", "verksamheter")} redovisa, och {Count(received)} av dem har gjort det (tabell {coverageTable.Number}).");
                if (owed > received)
                {
                    text.Add($"Redovisningar saknas från {Of(owed - received, "verksamhet", "verksamheter")}. Antalen och förändringarna i utkastet omfattar bara de inkomna redovisningarna, "
                        + "så en saknad redovisning kan se ut som en minskning.");
                }

                var guessed = counties.Count(c => !c.FromGrantRegister && c.Owed > 0);
                if (guessed > 0)
                {
                    text.Add($"För {Count(guessed, neuter: true)} län finns inget bidragsregister för {Year}; där räknas de verksamheter som redovisade {Year - 1} som skyldiga att redovisa.");
                }
            }
            else
            {
                text.Add($"Utkastet bygger på {Of(_totals.ReportsIncluded, "inkommen redovisning", "inkomna redovisningar")} (tabell {coverageTable.Number}). "
                    + "Uppgift om vilka verksamheter som beviljades statsbidrag saknas, så det går inte att se om redovisningar saknas.");
            }

            text.Add($"Nedan följer en sammanfattning av {(IsCounty ? "verksamheternas" : "länsstyrelsernas")} redovisningar.");
            return new ReportChapter($"Redovisning av verksamhet med personligt ombud under {Year}", text, [], ReportChapterKind.Reporting);
        }

        private IEnumerable<CountyCoverage> Covered(ReportCoverage coverage) =>
            inputs.County is { } county ? coverage.Counties.Where(c => c.CountyName == county.Name) : coverage.Counties;

        /// <summary>Owed against received per county: verksamheter that owe the report (the grant register's Beviljat) and those that sent it.</summary>
        private ReportTable CoverageTable()
        {
            var rows = new List<ReportRow>();
            if (inputs.Coverage is { } coverage)
            {
                var byName = Covered(coverage).ToDictionary(c => c.CountyName, StringComparer.Ordinal);
                foreach (var county in Counties)
                {
                    var c = byName.GetValueOrDefault(county.Name) ?? new CountyCoverage(county.Name, false, 0, 0);
                    rows.Add(new ReportRow(
                        county.Name,
                        ReportCell.Units(c.Owed), ReportCell.Units(c.Received), ReportCell.Units(Math.Max(0, c.Owed - c.Received)),
                        ReportCell.Label(c.FromGrantRegister ? "Bidragsregister" : "Föregående års redovisningar")));
                }
            }
            else
            {
                rows.AddRange(Counties.Select(c => new ReportRow(c.Name, ReportCell.Measure(null), ReportCell.Units(c.Operations), ReportCell.Measure(null), ReportCell.Label("Uppgift saknas"))));
            }

            if (!IsCounty)
            {
                rows.Add(new ReportRow(
                    [
                        ReportCell.Label("Riket"),
                        inputs.Coverage is { } all ? ReportCell.Units(all.Owed) : ReportCell.Measure(null),
                        ReportCell.Units(inputs.Coverage?.Received ?? _totals.Counties.Sum(c => c.Operations)),
                        inputs.Coverage is { } total ? ReportCell.Units(Math.Max(0, total.Missing)) : ReportCell.Measure(null),
                        ReportCell.Label(string.Empty),
                    ],
                    Bold: true));
            }

            return Table(
                ReportTableKind.Table,
                $"Verksamheter som ska redovisa och inkomna redovisningar per län {Year}",
                "Redovisningar",
                [new(["Län", "Ska redovisa", "Har redovisat", "Saknas", "Vem som ska redovisa enligt"], rows)],
                [22, 16, 16, 12, 30]);
        }

        private ReportChapter Municipalities(out ReportTable coverageTable)
        {
            var (total, offering, change) = IsCounty
                ? (Counties.Sum(c => c.Municipalities), Counties.Sum(c => c.MunicipalitiesOfferingPo), Counties.Single().ChangeFromPreviousYear)
                : (_totals.Municipalities.Total, _totals.Municipalities.OfferingPo, _totals.Municipalities.ChangeFromPreviousYear);
            var operations = Counties.Sum(c => c.Operations);
            var rows = Counties
                .Select(c => new ReportRow(c.Name, ReportCell.Units(c.Municipalities), ReportCell.Units(c.MunicipalitiesOfferingPo), ReportCell.Change(c.ChangeFromPreviousYear), ReportCell.Units(c.Operations)))
                .ToList();
            if (!IsCounty)
            {
                rows.Add(new ReportRow(
                    [ReportCell.Label("Riket"), ReportCell.Units(total), ReportCell.Units(offering), ReportCell.Change(change), ReportCell.Units(_totals.Operations)],
                    Bold: true));
            }

            var table = Table(
                ReportTableKind.Table,
                $"Kommuner och verksamheter med personligt ombud per län {Year}",
                "Tabell 1",
                [new(["Län", "Antal kommuner", "Kommuner som erbjuder PO", "Förändring från föregående år", "Antal verksamheter"], rows)],
                [22, 16, 26, 28, 20],
                [$"Antal inkomna redovisningar: {_totals.ReportsIncluded}"]);
            coverageTable = CoverageTable();

            var text = new List<string>
            {
                $"I tabell {table.Number} framgår att {Count(offering)} av {Whose} {Count(total)} kommuner hade verksamhet med personligt ombud under {Year}.",
            };
            if (change is not { } difference)
            {
                text.Add($"Uppgifter för {Year - 1} saknas, så förändringen från föregående år kan inte anges.");
            }
            else
            {
                text.Add(difference switch
                {
                    0 => $"Antalet kommuner som erbjuder personligt ombud är detsamma som {Year - 1}.",
                    1 => $"En kommun fler erbjöd personligt ombud jämfört med {Year - 1}.",
                    -1 => $"En kommun färre erbjöd personligt ombud jämfört med {Year - 1}.",
                    > 0 => $"{CountAtStart(difference)} fler kommuner erbjöd personligt ombud jämfört med {Year - 1}.",
                    _ => $"{CountAtStart(-difference)} färre kommuner erbjöd personligt ombud jämfört med {Year - 1}.",
                });
                if (!IsCounty)
                {
                    text.AddRange(CountyChanges());
                }

                if (inputs.Coverage is { } coverage && Covered(coverage).Sum(c => Math.Max(0, c.Owed - c.Received)) is > 0 and var missing)
                {
                    text.Add($"Förändringen kan bero på att redovisningar saknas: {Of(missing, "verksamhet", "verksamheter")} har inte redovisat (tabell {coverageTable.Number}).");
                }
            }

            if (Previous is { } before)
            {
                var earlier = IsCounty ? before.Counties.Where(c => c.Code == inputs.County!.Code).Sum(c => c.Operations) : before.Operations;
                text.Add(operations == earlier
                    ? $"Antalet verksamheter har varken minskat eller ökat jämfört med föregående år, utan är fortfarande {Count(operations)}."
                    : $"Antalet verksamheter har {(operations > earlier ? "ökat" : "minskat")} med {Count(Math.Abs(operations - earlier))} till {Count(operations)} jämfört med {Year - 1}.");
            }

            return new ReportChapter("Antalet kommuner som erbjuder verksamhet med personligt ombud", text, [table, coverageTable], ReportChapterKind.Municipalities, 2);
        }

        private IEnumerable<string> CountyChanges()
        {
            var fewer = _totals.Counties.Where(c => c.ChangeFromPreviousYear < 0).Select(c => c.Name).Order(SwedishOrder).ToList();
            var more = _totals.Counties.Where(c => c.ChangeFromPreviousYear > 0).Select(c => c.Name).Order(SwedishOrder).ToList();
            if (fewer.Count > 0)
            {
                yield return $"I {Count(fewer.Count, neuter: true)} län ({List(fewer)}) erbjöd färre kommuner personligt ombud än året innan.";
            }

            if (more.Count > 0)
            {
                yield return $"I {Count(more.Count, neuter: true)} län ({List(more)}) har det i stället tillkommit kommuner som erbjuder personligt ombud.";
            }
        }

        private ReportChapter Providers()
        {
            var operations = Counties.Sum(c => c.Operations);
            var offering = Counties.Sum(c => c.MunicipalitiesOfferingPo);
            var text = new List<string>
            {
                $"Under {Year} bedrevs personligt ombud i {Count(operations)} verksamheter, som tillsammans omfattade {Count(offering)} kommuner. "
                + "Om flera kommuner driver verksamheten tillsammans räknas den som en verksamhet.",
            };
            const string Heading = "Verksamheter drivs oftast i kommunal regi";
            if (_totals.OtherProviders is not { } providers)
            {
                return new ReportChapter(Heading, text, [], ReportChapterKind.Providers, 2);
            }

            var rows = providers
                .Select(p => new ReportRow([ReportCell.Label(p.Name), ReportCell.Label(FormLabel(p.OrganisationForm)), ReportCell.Label(string.Join(", ", p.Counties.Select(c => c.Name)))]))
                .ToList();
            if (rows.Count == 0)
            {
                rows.Add(new ReportRow([ReportCell.Label(NoOtherProviders)]));
            }

            var table = Table(
                ReportTableKind.Table,
                "Övriga utförare av verksamhet med personligt ombud",
                "Utförare",
                [new(["Namn", "Organisationsform", "Län"], rows)],
                [36, 24, 30]);
            var byOthers = providers.Sum(p => p.Operations);
            text.Add(byOthers switch
            {
                0 => $"Ingen verksamhet drivs av andra utförare än kommunen (tabell {table.Number}).",
                1 => $"En verksamhet, som omfattar {Count(providers.Sum(p => p.Municipalities))} kommuner, drivs av en annan utförare än kommunen (tabell {table.Number}).",
                _ => $"{CountAtStart(byOthers)} verksamheter, som omfattar {Count(providers.Sum(p => p.Municipalities))} kommuner, drivs av andra utförare än kommunen. "
                    + $"I tabell {table.Number} framgår vilken organisationsform det rör sig om och i vilka län de är verksamma.",
            });
            var heading = 2 * byOthers > operations ? "Verksamheter drivs oftast av andra utförare än kommunen" : Heading;
            return new ReportChapter(heading, text, [table], ReportChapterKind.Providers, 2);
        }

        private ReportChapter Ombud()
        {
            var ombud = _totals.Ombud;
            var gender = ByGender("Ombud", [ombud.ByGender]);
            var shown = gender.Table.Show();
            var total = shown[gender.Layout[0][^1]];
            var tables = new List<ReportTable>();
            ReportRow[]? supervisionRows = null;
            if (_totals.OmbudWithSupervision is { } supervised)
            {
                supervisionRows = [.. Rows(OmbudByGender(ombud, supervised), [WorkbookLabels.Ombud.Count, WorkbookLabels.Ombud.WithSupervision])];
                tables.Add(Table(
                    ReportTableKind.Table,
                    $"Personliga ombud och ombud med kontinuerlig handledning efter kön {Year}",
                    "Ombud",
                    [new(GenderHeader(string.Empty), supervisionRows)],
                    [40, 12, 12, 24, 12]));
            }

            var text = new List<string>();
            var heading = "Personliga ombud";
            if (total.Exact is null)
            {
                text.Add($"Under {Year} fanns det {InText(ReportCell.Shown(total, FigureKind.Persons))} personliga ombud i {(IsCounty ? "länet" : "landet")}{TableReference(tables)}.");
            }
            else
            {
                var sentence = $"Under {Year} fanns det {Count(ombud.Total)} personliga ombud i {(IsCounty ? "länet" : "landet")} ({ReportCell.FormatNumber(ombud.FullTimeEquivalents)} heltidstjänster)";
                if (Previous is { } before && ShownTotal(ByGender("Ombud", [before.Ombud.ByGender])) is { } earlier)
                {
                    sentence += Compared((int)(ombud.Total - earlier), "personligt ombud", "personliga ombud", Year, neuter: true);
                    heading = $"Antalet ombud {Direction((int)(ombud.Total - earlier))}";
                }

                text.Add(sentence + TableReference(tables) + ".");
                if (!shown.Any(f => f.IsHidden) && ombud.Total > 0)
                {
                    text.Add($"{Capitalise(Percent(ombud.ByGender[Gender.Women], ombud.Total))} av ombuden är kvinnor.");
                }

                // From the shown cells only: a supervised row with a hidden cell has an approximate total, and then no share is given.
                if (supervisionRows is not null && supervisionRows[1].Cells[^1].Number is { } withSupervision && supervisionRows[0].Cells[^1].Number is { } all && all > 0)
                {
                    text.Add($"{Capitalise(Percent(withSupervision, all))} av ombuden har fått kontinuerlig handledning.");
                }
            }

            text.AddRange(Answers(_narrative.Supervision, "hur handledningen av ombuden har utformats", "hur ombuden har fått handledning, och de verksamheter som inte har haft handledning och varför"));
            text.AddRange(Answers(_narrative.Training, "vilken fortbildning ombuden har deltagit i", "vilka utbildningar och konferenser ombuden har deltagit i"));
            return new ReportChapter(heading, text, tables, ReportChapterKind.Ombud, 2);

            static string TableReference(List<ReportTable> tables) => tables.Count > 0 ? $" (tabell {tables[0].Number})" : string.Empty;
        }

        private ReportChapter Clients()
        {
            var clients = _totals.Clients;
            var byAge = ClientsByGenderAndAge(clients);
            var children = ByGender(WorkbookLabels.Clients.WithChildrenRow, [clients.WithChildrenAtHome]);
            var rows = Rows(byAge, [.. Dimensions.Genders.Select(g => g.Label), WorkbookLabels.Total]);
            rows[^1] = rows[^1] with { Bold = true };
            var table = Table(
                ReportTableKind.Table,
                $"{WorkbookLabels.Clients.ByGenderAndAgeTitle} {Year}",
                "Klienter",
                [
                    new([string.Empty, .. Dimensions.AgeGroups.Select(a => a.Label), WorkbookLabels.Total], rows),
                    new(
                        [string.Empty, "Antal"],
                        [new(WorkbookLabels.Clients.New, ReportCell.Persons(clients.New)), new(WorkbookLabels.Clients.Ended, ReportCell.Persons(clients.Ended))]),
                    new(GenderHeader(string.Empty), Rows(children, [WorkbookLabels.Clients.WithChildrenRow]), WorkbookLabels.Clients.WithChildrenTitle),
                ],
                [44, 14, 14, 14, 14, 14]);
            _clientsTable = table;

            var text = new List<string>();
            var heading = "Klienterna";
            var total = table.Blocks[0].Rows[^1].Cells[^1];
            if (total.Number is { } exact)
            {
                var sentence = $"Sammanlagt arbetade de personliga ombuden med {Count((int)exact)} klienter";
                if (Previous is { } before && ClientsByGenderAndAge(before.Clients) is var earlier && earlier.Table.Show()[earlier.Layout[^1][^1]].Exact is { } last)
                {
                    sentence += Compared((int)(exact - last), "klient", "klienter", Year);
                    heading = ClientsHeading(exact - last, before, earlier);
                }

                text.Add(sentence + $" (tabell {table.Number}).");
            }
            else
            {
                text.Add($"Sammanlagt arbetade de personliga ombuden med {InText(total)} klienter (tabell {table.Number}).");
            }

            var (started, ended) = (table.Blocks[1].Rows[0].Cells[1], table.Blocks[1].Rows[1].Cells[1]);
            text.Add($"Under {Year} har {InText(started)} klienter tillkommit och {InText(ended)} klienter avslutats.");
            return new ReportChapter(heading, text, [table], ReportChapterKind.Clients, 2);

            // "Antalet kvinnliga klienter minskade under 2021": when women and men moved apart, the one that moved with the total.
            string ClientsHeading(decimal change, NationalTotals before, (FigureTable Table, int[][] Layout) earlier)
            {
                var direction = change switch { > 0 => "ökade", < 0 => "minskade", _ => "var oförändrat" };
                var now = byAge.Table.Show();
                var then = earlier.Table.Show();
                decimal? Change(Gender g)
                {
                    var row = Dimensions.Genders.ToList().FindIndex(x => x.Value == g);
                    return now[byAge.Layout[row][^1]].Exact is { } a && then[earlier.Layout[row][^1]].Exact is { } b ? a - b : null;
                }

                if (change != 0 && Change(Gender.Women) is { } women && Change(Gender.Men) is { } men && Math.Sign(women) != Math.Sign(men))
                {
                    var mover = Math.Sign(women) == Math.Sign(change) ? "kvinnliga" : "manliga";
                    return $"Antalet {mover} klienter {direction} under {Year}";
                }

                return $"Antalet klienter {direction} under {Year}";
            }
        }

        private ReportTable? _clientsTable;

        private ReportChapter ClientGroupChanges()
        {
            var text = new List<string>();
            text.AddRange(Answers(_narrative.ClientGroupChanges, "förändringar i vilka grupper som söker stöd av personligt ombud", "vilka grupper som har ökat eller minskat bland dem som söker stöd"));
            return new ReportChapter("Förändringar i klientgruppen", text, [], ReportChapterKind.ClientGroupChanges, 2);
        }

        private ReportChapter ClientsWithChildren()
        {
            var text = new List<string>();
            var withChildren = _clientsTable!.Blocks[2].Rows[0].Cells;
            if (withChildren[^1].Number is { } parents && parents > 0)
            {
                var women = withChildren[1 + Dimensions.Genders.ToList().FindIndex(g => g.Value == Gender.Women)];
                var men = withChildren[1 + Dimensions.Genders.ToList().FindIndex(g => g.Value == Gender.Men)];
                text.Add($"Ombuden stödjer {Count((int)parents)} klienter som helt eller delvis har hemmavarande barn. Av dessa var {InText(women)} kvinnor och {InText(men)} män.");
                if (Previous is { } before && ShownTotal(ByGender(WorkbookLabels.Clients.WithChildrenRow, [before.Clients.WithChildrenAtHome])) is { } earlier)
                {
                    var change = (int)(parents - earlier);
                    text.Add(change == 0
                        ? $"Det är lika många klienter med hemmavarande barn som {Year - 1}."
                        : $"Jämfört med {Year - 1} har ombuden haft kontakt med {Count(Math.Abs(change))} {(change > 0 ? "fler" : "färre")} klienter med hemmavarande barn.");
                }
            }
            else if (withChildren[^1].Number is 0)
            {
                text.Add("Ingen verksamhet har redovisat klienter med hemmavarande barn.");
            }
            else
            {
                text.Add($"Ombuden stödjer {InText(withChildren[^1])} klienter som helt eller delvis har hemmavarande barn.");
            }

            return new ReportChapter("Klienter med barn", text, [], ReportChapterKind.ClientsWithChildren, 2);
        }

        private ReportChapter ContactReasons()
        {
            var reasons = _totals.ContactReasons;
            var labels = reasons.Keys.Select(Dimensions.ContactReasons.Label).ToList();
            var counts = Rows(ByGender("Kontaktorsaker", [.. reasons.Values]), labels);
            var genders = Dimensions.Genders.ToList();

            // Shares per kön from the shown cells only: a kön with a hidden cell gets no shares (its sum is not known).
            var shares = genders.Select((g, i) =>
            {
                var column = counts.Select(r => r.Cells[1 + i].Number).ToList();
                return column.All(n => n is not null) && column.Sum() is > 0 and var sum
                    ? column.Select(n => (decimal?)Share(n!.Value, sum)).ToList()
                    : null;
            }).ToList();
            var shareRows = labels.Select((label, r) => new ReportRow([ReportCell.Label(label), .. shares.Select(s => s is null ? ReportCell.Measure(null) : ReportCell.Measure(s[r], CellFormat.OneDecimal))])).ToList();
            var drawn = genders.Select((g, i) => (g, i)).Where(x => shares[x.i] is not null).ToList();
            var chart = new ReportChart(
                "Andel av könets angivna kontaktorsaker (procent)",
                labels,
                [.. drawn.Select(x => new ReportChartSeries(x.g.Label, shares[x.i]!))]);
            var table = Table(
                ReportTableKind.Figure,
                $"Kontaktorsaker efter kön {Year}",
                "Kontaktorsaker",
                [
                    new(GenderHeader("Kontaktorsak"), counts),
                    new(["Andel av könets angivna orsaker (procent)", .. genders.Select(g => g.Label)], shareRows),
                ],
                [34, 14, 14, 24, 14],
                ["Varje klient kan ange flera orsaker. Andelen är orsakens del av alla orsaker som klienter av samma kön angett; för ett kön med dolda antal (<4) visas ingen andel."],
                chart: chart);
            var text = new List<string> { $"Figur {table.Number} visar vilka orsaker klienterna har angivit till varför de har tagit kontakt med personligt ombud." };
            var common = reasons.Where(r => r.Value.Total > 0).OrderByDescending(r => r.Value.Total).Take(2).Select(r => Dimensions.ContactReasons.Label(r.Key).ToLowerInvariant()).ToList();
            if (common.Count > 0)
            {
                text.Add(common.Count == 1
                    ? $"Den vanligaste orsaken var {common[0]}."
                    : $"De vanligaste orsakerna var {common[0]} och {common[1]}.");
            }

            foreach (var (g, i) in drawn.Where(x => x.g.Value != Gender.OtherGender))
            {
                var top = shares[i]!.Select((v, r) => (v, r)).MaxBy(x => x.v);
                text.Add($"Bland {(g.Value == Gender.Women ? "kvinnorna" : "männen")} var den vanligaste orsaken {labels[top.r].ToLowerInvariant()} ({Percent(top.v!.Value, 100)} av de orsaker de angett).");
            }

            text.AddRange(Answers(_narrative.NewClientSources, "varifrån nya klienter har kommit", "varifrån nya klienter kommer (hänvisade från myndigheter, anhöriga, egen kontakt)"));
            var topReason = reasons.Where(r => r.Value.Total > 0).OrderByDescending(r => r.Value.Total).Select(r => (ContactReason?)r.Key).FirstOrDefault();
            var heading = topReason switch
            {
                ContactReason.Authorities => "Klienterna behöver stöd i kontakt med myndigheter",
                ContactReason.Healthcare => "Klienterna behöver stöd i kontakt med hälso- och sjukvården",
                ContactReason.Economy => "Klienterna behöver stöd med sin ekonomi",
                ContactReason.Housing => "Klienterna behöver stöd med sitt boende",
                ContactReason.Occupation => "Klienterna behöver stöd med sysselsättning",
                ContactReason.DailyStructure => "Klienterna behöver stöd med struktur i vardagen",
                _ => "Klienternas kontaktorsaker",
            };
            return new ReportChapter(heading, text, [table], ReportChapterKind.ContactReasons, 2);
        }

        private ReportChapter Theme()
        {
            var settings = inputs.Settings;
            var text = new List<string>();
            if (_narrative.ThemeQuestion is { Length: > 0 } question)
            {
                text.Add($"Årets fråga till verksamheterna: ”{question}”");
            }

            text.AddRange(Answers(_narrative.ThemeAnswers, "svar på årets fråga", "vad verksamheterna svarade på årets fråga"));
            return new ReportChapter(
                settings?.ThemeTitle is { Length: > 0 } title ? title : "Årets tema",
                settings?.ThemeTitle is { Length: > 0 } ? text : [Placeholder($"årets tema (inställningen Lagesrapport:Years:{Year}:ThemeTitle saknas)"), .. text],
                [],
                ReportChapterKind.Theme,
                2);
        }

        private ReportChapter Waiting()
        {
            var waiting = _totals.WaitingTimes;
            var rows = Counties
                .Select(c => new ReportRow(
                    c.Name, ReportCell.Units(c.MunicipalitiesOfferingPo), ReportCell.Units(c.Operations), ReportCell.Units(c.OperationsWithWaitingTime),
                    ReportCell.Measure(c.MaxEstimatedWaitingDays), ReportCell.Measure(c.MedianEstimatedWaitingDays)))
                .ToList();
            if (!IsCounty)
            {
                rows.Add(new ReportRow(
                    [
                        ReportCell.Label("Riket"), ReportCell.Units(_totals.Municipalities.OfferingPo), ReportCell.Units(_totals.Operations),
                        ReportCell.Units(waiting.OperationsWithWaitingTime), ReportCell.Measure(waiting.MaxEstimatedDays), ReportCell.Measure(waiting.MedianEstimatedDays),
                    ],
                    Bold: true));
            }

            var priorities = _totals.Prioritisation;
            var table = Table(
                ReportTableKind.Table,
                $"Väntetid per län {Year}",
                "Väntetid",
                [
                    new(["Län", "Kommuner som erbjuder PO", "Antal verksamheter", "Verksamheter med väntetid", "Längsta väntetid (dagar)", "Median väntetid (dagar)"], rows),
                    new([], [new(PriorityOrderLabel, ReportCell.Units(priorities.OperationsWithPriorityOrder))]),
                    new(
                        ["Prioriterad grupp", "Prioritet 1", "Prioritet 2", "Prioritet 3"],
                        [.. priorities.Groups.Select(g => new ReportRow(Dimensions.PriorityGroups.Label(g.Key), ReportCell.Units(g.Value.First), ReportCell.Units(g.Value.Second), ReportCell.Units(g.Value.Third)))]),
                ],
                [58, 24, 18, 24, 24, 24]);

            var operations = Counties.Sum(c => c.Operations);
            var text = new List<string>();
            if (waiting.OperationsWithWaitingTime == 0)
            {
                text.Add($"Ingen av de {Count(operations)} verksamheterna hade väntetid för nya klienter under {Year} (tabell {table.Number}).");
            }
            else
            {
                text.Add(
                    $"{CountAtStart(waiting.OperationsWithWaitingTime)} av {Count(operations)} verksamheter hade väntetid för nya klienter under {Year} (tabell {table.Number}). "
                    + $"Den längsta uppskattade väntetiden var {Count(waiting.MaxEstimatedDays ?? 0)} dagar och medianen {ReportCell.FormatNumber(waiting.MedianEstimatedDays ?? 0)} dagar.");
            }

            var heading = "Väntetider för kontakt med personligt ombud";
            if (Previous is { } before)
            {
                var change = waiting.OperationsWithWaitingTime - before.WaitingTimes.OperationsWithWaitingTime;
                text.Add(change switch
                {
                    0 => $"Det är lika många verksamheter med väntetid som {Year - 1}.",
                    > 0 => $"Det är {Count(change)} fler verksamheter med väntetid än {Year - 1}.",
                    _ => $"Det är {Count(-change)} färre verksamheter med väntetid än {Year - 1}.",
                });
                heading = $"{MoreOrFewer(change)} verksamheter har väntetider för kontakt med personligt ombud";
            }

            return new ReportChapter(heading, text, [table], ReportChapterKind.Waiting, 2);
        }

        private ReportChapter Priority()
        {
            var priorities = _totals.Prioritisation;
            var operations = Counties.Sum(c => c.Operations);
            var text = new List<string>
            {
                $"Av {Whose} {Of(operations, "verksamhet", "verksamheter")} har {Count(priorities.OperationsWithPriorityOrder)} en prioriteringsordning för vilka som får stöd först när fler söker än ombuden kan ta emot.",
            };
            foreach (var (group, ranks) in priorities.Groups.Where(g => g.Value.First + g.Value.Second + g.Value.Third > 0).OrderByDescending(g => g.Value.First + g.Value.Second + g.Value.Third))
            {
                text.Add($"{Bullet}{Dimensions.PriorityGroups.Label(group)} ({Of(ranks.First + ranks.Second + ranks.Third, "verksamhet", "verksamheter")}): "
                    + $"prioritet 1 i {Count(ranks.First)}, prioritet 2 i {Count(ranks.Second)} och prioritet 3 i {Count(ranks.Third)}.");
            }

            var first = priorities.Groups.Where(g => g.Key != PriorityGroup.Other && g.Value.First > 0).OrderByDescending(g => g.Value.First).Select(g => (PriorityGroup?)g.Key).FirstOrDefault();
            var heading = first switch
            {
                PriorityGroup.ChildrenAtHome => "Personer med barn prioriteras",
                PriorityGroup.EvictionOrHomelessness => "Personer som riskerar vräkning eller är bostadslösa prioriteras",
                PriorityGroup.YoungAdults => "Unga vuxna prioriteras",
                PriorityGroup.NoNetwork => "Personer utan kontakter eller nätverk prioriteras",
                _ => "Prioritering vid väntetid",
            };
            return new ReportChapter(heading, text, [], ReportChapterKind.Priority, 2);
        }

        private ReportChapter Management()
        {
            var management = _totals.ManagementGroups;
            var operations = Counties.Sum(c => c.Operations);
            var table = Table(
                ReportTableKind.Figure,
                $"Ledningsgrupper och aktörer som saknas i dem {Year}",
                "Ledningsgrupper",
                [
                    new(
                        [string.Empty, "Antal verksamheter"],
                        [new(CompleteManagementGroups, ReportCell.Units(management.Complete)), new(WorkbookLabels.Management.DeficiencyRoutine, ReportCell.Units(management.WithDeficiencyRoutine))]),
                    new(
                        ["Saknade aktörer i ledningsgruppen", "Antal verksamheter"],
                        [.. management.Missing.Select(m => new ReportRow(Dimensions.ManagementMembers.Label(m.Key), ReportCell.Units(m.Value)))]),
                    .. Meetings(),
                ],
                [56, 20]);
            var text = new List<string>
            {
                $"{CountAtStart(management.Complete)} av {Count(operations)} verksamheter hade en fulltalig ledningsgrupp under {Year} (figur {table.Number})"
                + (operations > 0 ? $", det vill säga {Percent(management.Complete, operations)}." : "."),
            };
            var heading = "Ledningsgrupper";
            if (Previous is { } before && !IsCounty)
            {
                var change = management.Complete - before.ManagementGroups.Complete;
                heading = $"{MoreOrFewer(change)} verksamheter har fulltaliga ledningsgrupper";
                if (before.Operations > 0 && operations > 0)
                {
                    text.Add($"Andelen verksamheter med fulltalig ledningsgrupp var {Percent(before.ManagementGroups.Complete, before.Operations)} {Year - 1}.");
                }
            }

            var missing = management.Missing.Where(m => m.Value > 0).OrderByDescending(m => m.Value).ToList();
            if (missing.Count > 0)
            {
                text.Add($"Den aktör som oftast saknades i ledningsgruppen var {Dimensions.ManagementMembers.Label(missing[0].Key).ToLowerInvariant()}, i {Of(missing[0].Value, "verksamhet", "verksamheter")}.");
            }

            text.Add($"{Capitalise(Of(management.WithDeficiencyRoutine, "verksamhet", "verksamheter"))} har en rutin för att rapportera brister till ledningsgruppen.");
            if (_totals.ManagementGroupMeetings is { Median: { } median, Min: { } min, Max: { } max } meetings)
            {
                text.Add(meetings.OperationsReporting == 1
                    ? $"Den enda verksamhet som har redovisat antalet möten hade {Count(max, neuter: true)} ledningsgruppsmöten under året."
                    : $"De {Count(meetings.OperationsReporting)} verksamheter som har redovisat antalet möten hade i median {(median == decimal.Truncate(median) ? Count((int)median, neuter: true) : ReportCell.FormatNumber(median))} ledningsgruppsmöten under året, "
                        + $"som minst {Count(min, neuter: true)} och som mest {Count(max, neuter: true)}.");
            }

            text.AddRange(Answers(_narrative.ManagementGroupForm, "hur ledningsgruppen är organiserad", "hur ledningsgrupperna är organiserade (gemensamma ledningsgrupper, samordningsförbund) och svårigheter att få representation"));
            text.AddRange(Answers(_narrative.UserInfluence, "hur brukarna har inflytande över verksamheten", "hur patient-, brukar- och närståendeorganisationer har inflytande"));
            return new ReportChapter(heading, text, [table], ReportChapterKind.ManagementGroups, 2);
        }

        /// <summary>Ledningsgruppens möten per verksamhet: how many answered, the median and the range.</summary>
        private IEnumerable<ReportBlock> Meetings()
        {
            if (_totals.ManagementGroupMeetings is not { } meetings)
            {
                yield break;
            }

            yield return new(
                [MeetingsHeader, "Antal"],
                [
                    new(MeetingsAnswered, ReportCell.Units(meetings.OperationsReporting)),
                    new("Median", ReportCell.Measure(meetings.Median)),
                    new("Minst", ReportCell.Measure(meetings.Min)),
                    new("Mest", ReportCell.Measure(meetings.Max)),
                ]);
        }

        private ReportChapter Deficiencies()
        {
            var deficiencies = _totals.SystemDeficiencies;
            var rows = result.DeficienciesByLevelAndArea
                .Select(l => new ReportRow(Dimensions.DeficiencyLevels.Label(l.Key), [.. l.Value.Values.Select(ReportCell.Units), ReportCell.Units(deficiencies.ByLevel[l.Key])]))
                .Append(new ReportRow([ReportCell.Label(WorkbookLabels.Total), .. deficiencies.ByArea.Values.Select(ReportCell.Units), ReportCell.Units(deficiencies.Total)], Bold: true))
                .ToList();
            double[] widths = [22, 24, 22, 50, 40, 40, 12];
            var table = Table(
                ReportTableKind.Table,
                $"Systembrister per nivå och område {Year}",
                "Systembrister",
                [new([WorkbookLabels.Deficiencies.Level, .. Dimensions.DeficiencyAreas.Select(a => a.Label), WorkbookLabels.Total], rows)],
                widths);
            var groups = AppendixGroups.Select(a => (a.Caption, Rows: CentralGroups(a.Areas))).ToList();
            var appendix = Table(
                ReportTableKind.Appendix,
                "Rapporterade brister från verksamheterna",
                "Systembrister",
                [.. groups.Select((g, i) => new ReportBlock(
                    [AppendixDeficiency, AppendixConsequence, AppendixReportedBy, "Antal verksamheter"],
                    g.Rows.Count == 0
                        ? [new ReportRow([ReportCell.Label(NoCentralDeficiencies)])]
                        : [.. g.Rows.Select(r => new ReportRow([
                            ReportCell.Label(r.Description, wrap: true), ReportCell.Label(r.Consequence, wrap: true), ReportCell.Label(r.ReportedBy, wrap: true), ReportCell.Units(r.Operations)]))],
                    $"Tabell {i + 1}. {g.Caption}"))],
                [50, 70, 40, 12],
                ["Samma brist från flera verksamheter står på en rad; vilka som rapporterat den framgår av kolumnen Rapporterad av i tabellerna (xlsx)."],
                printedColumns: 2);
            var central = deficiencies.ByLevel[DeficiencyLevel.Central];
            var text = new List<string>
            {
                $"Verksamheterna rapporterade {Of(deficiencies.Total, "systembrist", "systembrister")} under {Year} (tabell {table.Number}), varav {Count(central)} på central nivå. "
                + "Bristerna rapporteras på tre nivåer: handläggarnivå, lokal nivå och central nivå.",
                $"På central nivå ingår brister i lagstiftning och regelverk samt resursproblem. De redovisas i bilaga {appendix.Number} i tre tabeller: "
                + $"i kontakten med hälso- och sjukvården ({Of(groups[0].Rows.Count, "brist", "brister")}), socialtjänsten ({Of(groups[1].Rows.Count, "brist", "brister")}) "
                + $"och övriga myndigheter och samordnade insatser ({Of(groups[2].Rows.Count, "brist", "brister")}).",
            };
            var shared = groups.SelectMany(g => g.Rows).Where(r => r.Operations > 1).OrderByDescending(r => r.Operations).Take(3).ToList();
            if (shared.Count > 0)
            {
                text.Add($"De brister som flest verksamheter rapporterade var: {List([.. shared.Select(r => $"”{r.Description}” ({Of(r.Operations, "verksamhet", "verksamheter")})")])}.");
            }

            text.Add(Placeholder("vad bristerna på central nivå betyder för målgruppen och vilka av dem som återkommer från tidigare år"));
            return new ReportChapter($"Brister som verksamheterna identifierat under {Year}", text, [table, appendix], ReportChapterKind.Deficiencies, 2);
        }

        /// <summary>The central-level deficiencies of some areas, the same brist from several verksamheter on one row, most reported first.</summary>
        private List<(string Description, string Consequence, string ReportedBy, int Operations)> CentralGroups(IReadOnlyList<DeficiencyArea> areas) =>
            [.. result.CentralDeficiencies
                .Where(d => areas.Contains(d.Area) && (inputs.County is null || d.CountyCode == inputs.County.Code))
                .GroupBy(d => SameDeficiency(d.Description), StringComparer.Ordinal)
                .Select(g => (
                    Description: g.Select(d => d.Description.Trim()).GroupBy(d => d, StringComparer.Ordinal)
                        .OrderByDescending(v => v.Count()).ThenByDescending(v => v.Key.Length > 0 && char.IsUpper(v.Key[0])).ThenBy(v => v.Key, StringComparer.Ordinal).First().Key,
                    Consequence: string.Join(" ", g.Select(d => d.Consequence?.Trim()).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.OrdinalIgnoreCase)),
                    ReportedBy: string.Join("; ", g.Select(d => $"{d.DisplayName} ({d.CountyName})").Distinct(StringComparer.Ordinal).Order(SwedishOrder)),
                    Operations: g.Select(d => (d.CountyCode, d.OperationKey)).Distinct().Count()))
                .OrderByDescending(r => r.Operations)
                .ThenBy(r => r.Description, SwedishOrder)];

        private ReportChapter Measures()
        {
            var text = new List<string>
            {
                "Verksamheterna ombads att redovisa exempel på åtgärder med anledning av de brister som har uppmärksammats. "
                + "De brister som ombuden identifierar tas upp i ledningsgrupperna med avsikten att berörd representant tar frågan tillbaka till sin organisation.",
            };
            if (_narrative.MeasuresAgainstDeficiencies is not null)
            {
                text.AddRange(Answers(_narrative.MeasuresAgainstDeficiencies, "åtgärder som vidtagits mot brister", "exempel på åtgärder som myndigheterna har vidtagit efter att ombuden påtalat brister"));
            }
            else
            {
                // Until the template asks for them separately: the Åtgärd eller resultat the verksamheter wrote beside their central-level brister.
                var actions = result.CentralDeficiencies
                    .Where(d => !string.IsNullOrWhiteSpace(d.Action) && (inputs.County is null || d.CountyCode == inputs.County.Code))
                    .Select(d => new ReportedText(d.CountyName, d.DisplayName, $"{d.Description.Trim().TrimEnd('.')}: {d.Action!.Trim()}"))
                    .ToList();
                text.AddRange(Answers(actions, "åtgärder eller resultat för brister på central nivå", "exempel på åtgärder som myndigheterna har vidtagit efter att ombuden påtalat brister"));
            }

            return new ReportChapter("Åtgärder som vidtagits för att komma tillrätta med brister", text, [], ReportChapterKind.Measures, 2);
        }

        private ReportChapter CountyBoards()
        {
            var text = new List<string>
            {
                "Länsstyrelserna ansvarar för att fördela statsbidrag till kommunerna och bistå Socialstyrelsen i uppgiften att följa upp, stödja och utveckla verksamheten med personligt ombud.",
            };
            if (inputs.Grants is { } grants && !IsCounty)
            {
                var sentence = grants.GrantsSek is { } anslag
                    ? $"Under {Year} var anslaget för ombudstjänster {Kronor(anslag)}" + (grants.DistributedSek is { } distributed ? $", varav {Kronor(distributed)} fördelades." : ".")
                    : string.Empty;
                var applied = $"Enligt länsstyrelsernas bidragsregister ({Count(grants.CountiesWithRegister, neuter: true)} län) söktes {ReportCell.FormatNumber(grants.AppliedFullTimeEquivalents)} heltidstjänster"
                    + (grants.AmountPerFullTimeEquivalentSek is { } amount ? $" och beloppet per årsanställning fastställdes till {Kronor(amount)}." : ".");
                text.Add((sentence + " " + applied).Trim());
            }
            else if (!IsCounty)
            {
                text.Add(Placeholder("anslaget, hur mycket som fördelades, antalet sökta heltidstjänster och beloppet per årsanställning (bidragsregistren saknas för året)"));
            }

            var tables = new List<ReportTable>();
            if (CountyBoardForms() is { } forms)
            {
                text.AddRange(forms.Submitted.Count == 0 ? NoCountyBoardForms(forms.Missing) : CountyBoardFigures(forms.Submitted, forms.Missing, tables));
            }

            text.AddRange(CountyBoardAnswers(_narrative.CountyBoardWork, "länsstyrelsernas arbete under året (nätverksträffar, stöd till ledningsgrupper, information till kommuner)"));
            text.AddRange(CountyBoardAnswers(_narrative.CountyBoardAssessments, "sin bedömning av verksamheten i länet"));
            text.AddRange(CountyBoardAnswers(_narrative.CountyBoardProposals, "länsstyrelsernas förslag på förbättringsområden"));
            return new ReportChapter(IsCounty ? "Länsstyrelsens arbete" : "Länsstyrelsernas arbete", text, tables, ReportChapterKind.CountyBoards);
        }

        /// <summary>
        /// The county boards' own reports in scope (one county for its draft), with the name of each, and the counties
        /// that owe one but have not sent it: those with a verksamhet in the year's totals. Null when the forms were not read.
        /// </summary>
        private (IReadOnlyList<(string County, CountyBoardReport Report)> Submitted, IReadOnlyList<string> Missing)? CountyBoardForms()
        {
            if (inputs.CountyBoardReports is not { } reports)
            {
                return null;
            }

            string NameOf(string code) =>
                _totals.Counties.FirstOrDefault(c => c.Code == code)?.Name ?? MunicipalityRegistry.Default.FindCountyByCode(code)?.Name ?? code;
            var submitted = reports
                .Where(r => r.Year == Year && (inputs.County is null || r.CountyCode == inputs.County.Code))
                .Select(r => (County: NameOf(r.CountyCode), Report: r))
                .OrderBy(r => r.County, SwedishOrder)
                .ToList();
            var missing = Counties
                .Where(c => c.Operations > 0 && submitted.All(s => s.Report.CountyCode != c.Code))
                .Select(c => c.Name)
                .Order(SwedishOrder)
                .ToList();
            return (submitted, missing);
        }

        private IEnumerable<string> NoCountyBoardForms(IReadOnlyList<string> missing)
        {
            yield return IsCounty
                ? $"Länsstyrelsen har inte lämnat sin redovisning av arbetet under {Year}."
                : $"Ingen länsstyrelse har lämnat sin redovisning av arbetet under {Year}"
                    + (missing.Count > 0 ? $" (redovisning väntas från {Of(missing.Count, "län", "län", neuter: true)} med verksamhet)." : ".");
        }

        /// <summary>The counts the county boards reported, summarised as the 2021 report does ("16 av 20"), and Bilaga's table per county.</summary>
        private IEnumerable<string> CountyBoardFigures(
            IReadOnlyList<(string County, CountyBoardReport Report)> submitted, IReadOnlyList<string> missing, List<ReportTable> tables)
        {
            var rows = submitted
                .Select(s => new ReportRow(
                    s.County,
                    ReportCell.Units(s.Report.NetworkMeetings),
                    ReportCell.Units(s.Report.Trainings),
                    ReportCell.Units(s.Report.TrainingParticipants),
                    ReportCell.Units(s.Report.Visits),
                    ReportCell.Units(s.Report.ManagementGroupMeetings),
                    ReportCell.Label(s.Report.ActionPlanSubmitted ? WorkbookLabels.Yes : WorkbookLabels.No)))
                .ToList();
            int Sum(Func<CountyBoardReport, int> count) => submitted.Sum(s => count(s.Report));
            if (!IsCounty)
            {
                rows.Add(new ReportRow(
                    [
                        ReportCell.Label(WorkbookLabels.Total),
                        ReportCell.Units(Sum(r => r.NetworkMeetings)),
                        ReportCell.Units(Sum(r => r.Trainings)),
                        ReportCell.Units(Sum(r => r.TrainingParticipants)),
                        ReportCell.Units(Sum(r => r.Visits)),
                        ReportCell.Units(Sum(r => r.ManagementGroupMeetings)),
                        ReportCell.Label($"{submitted.Count(s => s.Report.ActionPlanSubmitted)} av {submitted.Count}"),
                    ],
                    Bold: true));
            }

            foreach (var county in missing)
            {
                rows.Add(new ReportRow([ReportCell.Label(county), .. Enumerable.Repeat(ReportCell.Label(CountyBoardFormMissing), CountyBoardHeader.Count - 1)]));
            }

            var table = Table(
                ReportTableKind.Appendix,
                $"Länsstyrelsernas arbete {Year} per län",
                "Länsstyrelser",
                [new(CountyBoardHeader, rows)],
                [24, 14, 16, 12, 16, 16, 14],
                [$"Ur länsstyrelsernas egna redovisningar till Socialstyrelsen. {CountyBoardFormMissing}: länet har verksamhet men har inte lämnat någon redovisning."]);
            tables.Add(table);

            var n = submitted.Count;
            var whole = n + missing.Count;
            var networks = submitted.Count(s => s.Report.NetworkMeetings > 0);
            var plans = submitted.Count(s => s.Report.ActionPlanSubmitted);
            if (IsCounty)
            {
                var r = submitted[0].Report;
                yield return $"Länsstyrelsen har under {Year} anordnat {Of(r.NetworkMeetings, "nätverksträff", "nätverksträffar")} för ombuden och {Of(r.Trainings, "utbildningstillfälle", "utbildningstillfällen", neuter: true)} "
                    + $"med sammanlagt {Of(r.TrainingParticipants, "deltagare", "deltagare")}, gjort {Of(r.Visits, "besök", "besök", neuter: true)} i verksamheterna och deltagit i {Of(r.ManagementGroupMeetings, "ledningsgruppsmöte", "ledningsgruppsmöten", neuter: true)} (bilaga {table.Number}). "
                    + (r.ActionPlanSubmitted ? $"Länsstyrelsen har lämnat in en handlingsplan för arbetet under {Year}." : $"Länsstyrelsen har inte lämnat in någon handlingsplan för arbetet under {Year}.");
                yield break;
            }

            yield return $"{CountAtStart(n)} av {Count(whole)} länsstyrelser i län med verksamhet har lämnat sin redovisning av arbetet under {Year} (bilaga {table.Number})."
                + (missing.Count > 0 ? $" Redovisning saknas från {List(missing)}." : string.Empty);
            yield return $"{CountAtStart(networks)} av {Count(n)} länsstyrelser har tillsammans med de personliga ombuden arrangerat regionala nätverksträffar under året, sammanlagt {Count(Sum(r => r.NetworkMeetings))}. "
                + $"Länsstyrelserna har anordnat {Of(Sum(r => r.Trainings), "utbildningstillfälle", "utbildningstillfällen", neuter: true)} med sammanlagt {Of(Sum(r => r.TrainingParticipants), "deltagare", "deltagare")}, "
                + $"gjort {Of(Sum(r => r.Visits), "besök", "besök", neuter: true)} i verksamheterna och deltagit i {Of(Sum(r => r.ManagementGroupMeetings), "ledningsgruppsmöte", "ledningsgruppsmöten", neuter: true)}.";
            yield return plans == n
                ? $"Samtliga länsstyrelser som har redovisat har också lämnat in en handlingsplan för arbetet under {Year}."
                : $"{CountAtStart(plans)} av {Count(n)} länsstyrelser har lämnat in en handlingsplan för arbetet under {Year}.";
        }

        private IEnumerable<string> CountyBoardAnswers(IReadOnlyList<CountyBoardText>? answers, string what)
        {
            var mine = answers?.Where(a => inputs.County is null || a.CountyName == inputs.County.Name).ToList();
            if (mine is null)
            {
                yield return Placeholder(what);
                yield break;
            }

            if (mine.Count == 0)
            {
                yield return $"Ingen länsstyrelse har redovisat {what}.";
                yield break;
            }

            yield return $"{Capitalise(Of(mine.Select(a => a.CountyName).Distinct(StringComparer.Ordinal).Count(), "länsstyrelse", "länsstyrelser"))} har redovisat {what}. Några av svaren:";
            foreach (var answer in mine.Take(inputs.MaxQuotes))
            {
                yield return Quote(answer.Text, $"Länsstyrelsen i {answer.CountyName}", inputs.MaxQuoteLength);
            }

            yield return Placeholder($"sammanfatta {what}");
        }

        /// <summary>
        /// The free-text answers to one question, summarised by who answered (how many verksamheter in how many län, the
        /// counties with most answers) and quoted as written, never rewritten; the analyst's summary stays a placeholder.
        /// Null answers (the question is not in the year's template): a placeholder only.
        /// </summary>
        private IEnumerable<string> Answers(IReadOnlyList<ReportedText>? answers, string what, string placeholder)
        {
            var mine = answers?.Where(a => !string.IsNullOrWhiteSpace(a.Text) && (inputs.County is null || a.CountyName == inputs.County.Name)).ToList();
            if (mine is null)
            {
                yield return Placeholder(placeholder);
                yield break;
            }

            if (mine.Count == 0)
            {
                yield return $"Ingen verksamhet har redovisat {what}.";
                yield return Placeholder(placeholder);
                yield break;
            }

            var operations = mine.Select(a => (a.CountyName, a.OperationName)).Distinct().Count();
            var byCounty = mine.GroupBy(a => a.CountyName, StringComparer.Ordinal).Select(g => (County: g.Key, Count: g.Select(a => a.OperationName).Distinct(StringComparer.Ordinal).Count())).ToList();
            var sentence = $"{Answered(operations, byCounty.Count)} har redovisat {what}.";
            if (!IsCounty && byCounty.Count > 1)
            {
                var most = byCounty.OrderByDescending(c => c.Count).ThenBy(c => c.County, SwedishOrder).Take(3).ToList();
                sentence += $" Flest svar kom från {List([.. most.Select(c => $"{c.County} ({Count(c.Count)})")])}.";
            }

            yield return sentence + (mine.Count > inputs.MaxQuotes ? $" Några av svaren ({Count(inputs.MaxQuotes)} av {Count(mine.Count)}):" : " Svaren:");
            foreach (var answer in mine.OrderBy(a => a.CountyName, SwedishOrder).ThenBy(a => a.OperationName, SwedishOrder).Take(inputs.MaxQuotes))
            {
                yield return Quote(answer.Text, IsCounty ? answer.OperationName : $"{answer.OperationName}, {answer.CountyName}", inputs.MaxQuoteLength);
            }

            yield return Placeholder($"sammanfatta {placeholder}");
        }

        /// <summary>The shown total of a one-row gender table, when it is shown exactly.</summary>
        private static decimal? ShownTotal((FigureTable Table, int[][] Layout) grid) => grid.Table.Show()[grid.Layout[0][^1]].Exact;

        private static string Kronor(decimal sek) => $"{ReportCell.FormatNumber(sek, CellFormat.Money)} kronor";

        private ReportChapter Economy()
        {
            if (_totals.BudgetAndOutcome is { } budget)
            {
                return BudgetAndOutcome(budget);
            }

            var economy = _totals.Economy;
            var ombud = _totals.Ombud;

            // The ombud as Tabell "Ombud" shows them: an exact total here would give away a hidden kön's count.
            var ombudShown = ByGender("Ombud", [ombud.ByGender]);
            var rows = new List<ReportRow>
            {
                new(WorkbookLabels.Economy.Granted, ReportCell.Money(economy.GrantedSek)),
                new(WorkbookLabels.Economy.Spent, ReportCell.Money(economy.SpentSek)),
                new(WorkbookLabels.Ombud.Count, ReportCell.Shown(ombudShown.Table.Show()[ombudShown.Layout[0][^1]], FigureKind.Persons)),
                new(WorkbookLabels.Ombud.FullTimeEquivalents, ReportCell.Measure(ombud.FullTimeEquivalents, CellFormat.OneDecimal)),
            };
            if (ombud.FullTimeEquivalents > 0)
            {
                rows.Add(new("Beviljat statsbidrag per årsarbetare (kr)", ReportCell.Money(Math.Round(economy.GrantedSek / ombud.FullTimeEquivalents, 0))));
            }

            var table = Table(ReportTableKind.Table, $"Ekonomi och personal {Year}", "Ekonomi", [new([string.Empty, "Belopp / antal"], rows)], [44, 20]);
            var text = new List<string>
            {
                $"Kommunerna redovisar att de beviljats {ReportCell.FormatNumber(economy.GrantedSek, CellFormat.Money)} kronor i statsbidrag för {Year} "
                + $"och att {ReportCell.FormatNumber(economy.SpentSek, CellFormat.Money)} kronor av dem har förbrukats (tabell {table.Number}).",
            };
            if (economy.GrantedSek > economy.SpentSek)
            {
                text.Add($"Det lämnar {ReportCell.FormatNumber(economy.GrantedSek - economy.SpentSek, CellFormat.Money)} kronor som inte har förbrukats under året.");
            }

            return new ReportChapter("Ekonomisk redovisning", text, [table]);
        }

        /// <summary>Tabell 5 as the 2017 and 2021 reports print it: Socialstyrelsen's budget and utfall, its source Socialstyrelsen's.</summary>
        private ReportChapter BudgetAndOutcome(BudgetAndOutcomeTotals budget)
        {
            // The utfall of the statsbidrag is what the county boards paid (their registers); the municipalities' own
            // Beviljat statsbidrag stands beside it as a check, on that line only.
            var none = ReportCell.Label(string.Empty);
            var grants = budget.Lines[^1];
            var rows = budget.Lines
                .Select(l => new ReportRow(l.Label, Sek(l.BudgetSek), Sek(l.OutcomeSek), ReferenceEquals(l, grants) ? Sek(budget.ReportedGrantedSek) : none))
                .Append(new ReportRow([ReportCell.Label("Summa"), Sek(budget.TotalBudgetSek), Sek(budget.TotalOutcomeSek), none], Bold: true))
                .Append(new ReportRow("Återbetalning", none, Sek(0 - budget.RepaidSek), none))
                .Append(new ReportRow("Netto efter återbetalning", none, Sek(budget.NetOutcomeSek), none))
                .Append(new ReportRow("Oförbrukade medel", none, Sek(budget.UnusedSek), none))
                .ToList();
            var table = Table(
                ReportTableKind.Table,
                $"Budget och utfall för verksamhet med personligt ombud {Year}",
                "Ekonomi",
                [new(["Kostnader", "Budget (kr)", "Utfall (kr)", "Kontroll: enligt kommunernas årsrapporter (kr)"], rows)],
                [40, 18, 18, 22],
                source: $"Källa: Socialstyrelsen {Year + 1}");
            var fromRegisters = budget.GrantsOutcomeSource == BudgetAndOutcomeTotals.FromGrantRegisters;
            var text = new List<string>
            {
                fromRegisters
                    ? $"För {Year} var budgeten för ombudstjänster {Money(grants.BudgetSek)} kronor, varav länsstyrelserna har betalat ut {Money(grants.OutcomeSek)} kronor i statsbidrag till kommunerna (tabell {table.Number}). "
                      + $"Enligt kommunernas årsrapporter har de beviljats {Money(budget.ReportedGrantedSek)} kronor."
                    : $"För {Year} var budgeten för ombudstjänster {Money(grants.BudgetSek)} kronor, varav kommunerna enligt sina årsrapporter har beviljats {Money(grants.OutcomeSek)} kronor i statsbidrag (tabell {table.Number}).",
            };
            if (budget.UnusedSek is { } unused)
            {
                text.Add($"Efter återbetalning återstår {Money(unused)} kronor i oförbrukade medel.");
            }

            return new ReportChapter("Ekonomisk redovisning", text, [table]);

            static string Money(decimal? value) => value is { } v ? ReportCell.FormatNumber(v, CellFormat.Money) : ReportCell.Missing;
        }

        /// <summary>A shown count in a sentence: words below 13, "&lt;4" and "Ca N" as the table shows them.</summary>
        private static string InText(ReportCell cell) =>
            cell.Number is { } n
                ? Count((int)n)
                : cell.Text!
                    .Replace(Suppression.UnderTen, "färre än tio", StringComparison.Ordinal)
                    .Replace(Suppression.Hidden, "färre än fyra", StringComparison.Ordinal)
                    .Replace(Suppression.Approximately, "cirka", StringComparison.Ordinal);
    }
}
