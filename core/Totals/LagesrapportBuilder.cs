using PoIntake.Core.Intake;
using static PoIntake.Core.Totals.SwedishNumberWords;

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
    public const string NoCentralDeficiencies = "Inga brister på central nivå redovisades.";
    public const string NoOtherProviders = "Alla verksamheter drevs av kommunerna.";
    public const string MeetingsHeader = "Ledningsgruppens möten under året";
    public const string MeetingsAnswered = "Verksamheter som redovisat antalet möten";

    /// <summary>Counties named in a sentence are listed alphabetically, as the reports list them.</summary>
    private static readonly StringComparer SwedishOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: false);

    public static Lagesrapport Build(TotalsResult result, NationalTotals? previous = null) => new Draft(result, previous).Build();

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
    private sealed class Draft(TotalsResult result, NationalTotals? previous)
    {
        private readonly Dictionary<ReportTableKind, int> _numbers = [];
        private readonly NationalTotals _totals = result.Totals;

        private int Year => _totals.Year;

        /// <summary>The previous year's totals when they are that year's; the sentences on change need them.</summary>
        private NationalTotals? Previous => previous?.Year == Year - 1 ? previous : null;

        /// <summary>"Källa: Länsstyrelserna 2022" for 2021: the reports reach Socialstyrelsen through the county boards the year after.</summary>
        private string Source => $"Källa: Länsstyrelserna {Year + 1}";

        public Lagesrapport Build() => new(
            Year,
            $"Lägesrapport om verksamhet med personliga ombud {Year}",
            [
                $"Utkast framtaget ur kommunernas redovisningar till länsstyrelserna för {Year} "
                + $"({Count(_totals.ReportsIncluded, neuter: false)} redovisningar). Antal personer 1–3 visas som <4 och summor som skulle avslöja dem avrundade (Ca).",
            ],
            [Scope(), Providers(), Ombud(), Clients(), ContactReasons(), Waiting(), Management(), Deficiencies(), Economy()]);

        /// <summary>A table with the next number of its kind; <paramref name="source"/> when not the county boards' (Socialstyrelsen's budget).</summary>
        public ReportTable Table(
            ReportTableKind kind,
            string title,
            string sheet,
            IReadOnlyList<ReportBlock> blocks,
            IReadOnlyList<double> widths,
            IReadOnlyList<string>? notes = null,
            string? source = null)
        {
            var number = _numbers[kind] = _numbers.GetValueOrDefault(kind) + 1;
            return new ReportTable(kind, number, title, source ?? Source, sheet, blocks, widths, notes);
        }

        private ReportChapter Scope()
        {
            var municipalities = _totals.Municipalities;
            var rows = _totals.Counties
                .Select(c => new ReportRow(c.Name, ReportCell.Units(c.Municipalities), ReportCell.Units(c.MunicipalitiesOfferingPo), ReportCell.Change(c.ChangeFromPreviousYear), ReportCell.Units(c.Operations)))
                .Append(new ReportRow(
                    [ReportCell.Label("Riket"), ReportCell.Units(municipalities.Total), ReportCell.Units(municipalities.OfferingPo), ReportCell.Change(municipalities.ChangeFromPreviousYear), ReportCell.Units(_totals.Operations)],
                    Bold: true))
                .ToList();
            var table = Table(
                ReportTableKind.Table,
                $"Kommuner och verksamheter med personligt ombud per län {Year}",
                "Tabell 1",
                [new(["Län", "Antal kommuner", "Kommuner som erbjuder PO", "Förändring från föregående år", "Antal verksamheter"], rows)],
                [22, 16, 26, 28, 20],
                [$"Antal inkomna redovisningar: {_totals.ReportsIncluded}"]);

            var text = new List<string>
            {
                $"I tabell {table.Number} framgår att {Count(municipalities.OfferingPo)} av landets {Count(municipalities.Total)} kommuner hade verksamhet med personligt ombud under {Year}.",
            };
            if (municipalities.ChangeFromPreviousYear is not { } change)
            {
                text.Add($"Uppgifter för {Year - 1} saknas, så förändringen från föregående år kan inte anges.");
            }
            else
            {
                text.Add(change switch
                {
                    0 => $"Antalet kommuner som erbjuder personligt ombud är detsamma som {Year - 1}.",
                    1 => $"En kommun fler erbjöd personligt ombud jämfört med {Year - 1}.",
                    -1 => $"En kommun färre erbjöd personligt ombud jämfört med {Year - 1}.",
                    > 0 => $"{CountAtStart(change)} fler kommuner erbjöd personligt ombud jämfört med {Year - 1}.",
                    _ => $"{CountAtStart(-change)} färre kommuner erbjöd personligt ombud jämfört med {Year - 1}.",
                });
                text.AddRange(CountyChanges());
            }

            if (Previous is { } before)
            {
                text.Add(_totals.Operations == before.Operations
                    ? $"Antalet verksamheter har varken minskat eller ökat jämfört med föregående år, utan är fortfarande {Count(_totals.Operations)}."
                    : $"Antalet verksamheter har {(_totals.Operations > before.Operations ? "ökat" : "minskat")} med {Count(Math.Abs(_totals.Operations - before.Operations))} till {Count(_totals.Operations)} jämfört med {Year - 1}.");
            }

            return new ReportChapter("Antalet kommuner som erbjuder verksamhet med personligt ombud", text, [table]);
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
            var text = new List<string>
            {
                $"Under {Year} bedrevs personligt ombud i {Count(_totals.Operations)} verksamheter, som tillsammans omfattade {Count(_totals.Municipalities.OfferingPo)} kommuner. "
                + "Om flera kommuner driver verksamheten tillsammans räknas den som en verksamhet.",
            };
            if (_totals.OtherProviders is not { } providers)
            {
                return new ReportChapter("Utförare av verksamhet med personligt ombud", text, []);
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
            var operations = providers.Sum(p => p.Operations);
            text.Add(operations switch
            {
                0 => $"Ingen verksamhet drivs av andra utförare än kommunen (tabell {table.Number}).",
                1 => $"En verksamhet, som omfattar {Count(providers.Sum(p => p.Municipalities))} kommuner, drivs av en annan utförare än kommunen (tabell {table.Number}).",
                _ => $"{CountAtStart(operations)} verksamheter, som omfattar {Count(providers.Sum(p => p.Municipalities))} kommuner, drivs av andra utförare än kommunen. "
                    + $"I tabell {table.Number} framgår vilken organisationsform det rör sig om och i vilka län de är verksamma.",
            });
            return new ReportChapter("Utförare av verksamhet med personligt ombud", text, [table]);
        }

        private ReportChapter Ombud()
        {
            var ombud = _totals.Ombud;
            var gender = ByGender("Ombud", [ombud.ByGender]);
            var shown = gender.Table.Show();
            var total = shown[gender.Layout[0][^1]];
            var tables = new List<ReportTable>();
            if (_totals.OmbudWithSupervision is { } supervised)
            {
                tables.Add(Table(
                    ReportTableKind.Table,
                    $"Personliga ombud och ombud med kontinuerlig handledning efter kön {Year}",
                    "Ombud",
                    [new(GenderHeader(string.Empty), Rows(OmbudByGender(ombud, supervised), [WorkbookLabels.Ombud.Count, WorkbookLabels.Ombud.WithSupervision]))],
                    [40, 12, 12, 24, 12]));
            }

            var text = new List<string>();
            if (total.Exact is null)
            {
                text.Add($"Under {Year} fanns det {InText(ReportCell.Shown(total, FigureKind.Persons))} personliga ombud i landet{TableReference(tables)}.");
                return new ReportChapter("Personliga ombud", text, tables);
            }

            var sentence = $"Under {Year} fanns det {Count(ombud.Total)} personliga ombud i landet ({ReportCell.FormatNumber(ombud.FullTimeEquivalents)} heltidstjänster)";
            if (Previous is { } before && Suppression.Show(FigureKind.Persons, before.Ombud.Total).Exact is not null)
            {
                sentence += Compared(ombud.Total - before.Ombud.Total, "personliga ombud", neuter: true);
            }

            text.Add(sentence + TableReference(tables) + ".");
            if (!shown.Any(f => f.IsHidden) && ombud.Total > 0)
            {
                text.Add($"{Percent(ombud.ByGender[Gender.Women], ombud.Total)} procent av ombuden är kvinnor.");
                if (Suppression.Show(FigureKind.Persons, ombud.WithSupervision).Exact is not null)
                {
                    text.Add($"{Percent(ombud.WithSupervision, ombud.Total)} procent av ombuden har fått kontinuerlig handledning.");
                }
            }

            return new ReportChapter("Personliga ombud", text, tables);

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

            var text = new List<string>();
            var total = table.Blocks[0].Rows[^1].Cells[^1];
            if (total.Number is { } exact)
            {
                var sentence = $"Sammanlagt arbetade de personliga ombuden med {Count((int)exact)} klienter";
                if (Previous is { } before && ClientsByGenderAndAge(before.Clients) is var earlier && earlier.Table.Show()[earlier.Layout[^1][^1]].Exact is { } last)
                {
                    sentence += Compared((int)(exact - last), "klienter");
                }

                text.Add(sentence + $" (tabell {table.Number}).");
            }
            else
            {
                text.Add($"Sammanlagt arbetade de personliga ombuden med {InText(total)} klienter (tabell {table.Number}).");
            }

            var (started, ended) = (table.Blocks[1].Rows[0].Cells[1], table.Blocks[1].Rows[1].Cells[1]);
            text.Add($"Under {Year} har {InText(started)} klienter tillkommit och {InText(ended)} klienter avslutats.");
            var withChildren = table.Blocks[2].Rows[0].Cells;
            if (withChildren[^1].Number is { } parents && parents > 0)
            {
                var women = withChildren[1 + Dimensions.Genders.ToList().FindIndex(g => g.Value == Gender.Women)];
                var men = withChildren[1 + Dimensions.Genders.ToList().FindIndex(g => g.Value == Gender.Men)];
                text.Add($"Ombuden stödjer {Count((int)parents)} klienter som helt eller delvis har hemmavarande barn. Av dessa var {InText(women)} kvinnor och {InText(men)} män.");
            }

            return new ReportChapter("Klienterna", text, [table]);
        }

        private ReportChapter ContactReasons()
        {
            var reasons = _totals.ContactReasons;
            var table = Table(
                ReportTableKind.Figure,
                $"Kontaktorsaker efter kön {Year}",
                "Kontaktorsaker",
                [new(GenderHeader("Kontaktorsak"), Rows(ByGender("Kontaktorsaker", [.. reasons.Values]), [.. reasons.Keys.Select(Dimensions.ContactReasons.Label)]))],
                [44, 14, 14, 22, 14]);
            var text = new List<string> { $"Figur {table.Number} visar vilka orsaker klienterna har angivit till varför de har tagit kontakt med personligt ombud." };
            var common = reasons.Where(r => r.Value.Total > 0).OrderByDescending(r => r.Value.Total).Take(2).Select(r => Dimensions.ContactReasons.Label(r.Key).ToLowerInvariant()).ToList();
            if (common.Count > 0)
            {
                text.Add(common.Count == 1
                    ? $"Den vanligaste orsaken var {common[0]}."
                    : $"De vanligaste orsakerna var {common[0]} och {common[1]}.");
            }

            return new ReportChapter("Kontaktorsaker", text, [table]);
        }

        private ReportChapter Waiting()
        {
            var waiting = _totals.WaitingTimes;
            var rows = _totals.Counties
                .Select(c => new ReportRow(
                    c.Name, ReportCell.Units(c.MunicipalitiesOfferingPo), ReportCell.Units(c.Operations), ReportCell.Units(c.OperationsWithWaitingTime),
                    ReportCell.Measure(c.MaxEstimatedWaitingDays), ReportCell.Measure(c.MedianEstimatedWaitingDays)))
                .Append(new ReportRow(
                    [
                        ReportCell.Label("Riket"), ReportCell.Units(_totals.Municipalities.OfferingPo), ReportCell.Units(_totals.Operations),
                        ReportCell.Units(waiting.OperationsWithWaitingTime), ReportCell.Measure(waiting.MaxEstimatedDays), ReportCell.Measure(waiting.MedianEstimatedDays),
                    ],
                    Bold: true))
                .ToList();
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

            var text = new List<string>();
            if (waiting.OperationsWithWaitingTime == 0)
            {
                text.Add($"Ingen av de {Count(_totals.Operations)} verksamheterna hade väntetid för nya klienter under {Year} (tabell {table.Number}).");
            }
            else
            {
                text.Add(
                    $"{CountAtStart(waiting.OperationsWithWaitingTime)} av {Count(_totals.Operations)} verksamheter hade väntetid för nya klienter under {Year} (tabell {table.Number}). "
                    + $"Den längsta uppskattade väntetiden var {Count(waiting.MaxEstimatedDays ?? 0)} dagar och medianen {ReportCell.FormatNumber(waiting.MedianEstimatedDays ?? 0)} dagar.");
            }

            if (Previous is { } before)
            {
                var change = waiting.OperationsWithWaitingTime - before.WaitingTimes.OperationsWithWaitingTime;
                text.Add(change switch
                {
                    0 => $"Det är lika många verksamheter med väntetid som {Year - 1}.",
                    > 0 => $"Det är {Count(change)} fler verksamheter med väntetid än {Year - 1}.",
                    _ => $"Det är {Count(-change)} färre verksamheter med väntetid än {Year - 1}.",
                });
            }

            text.Add($"{Capitalise(Of(priorities.OperationsWithPriorityOrder, "verksamhet", "verksamheter"))} har en prioriteringsordning för vilka som får stöd först.");
            return new ReportChapter("Väntetid", text, [table]);
        }

        private ReportChapter Management()
        {
            var management = _totals.ManagementGroups;
            var table = Table(
                ReportTableKind.Figure,
                $"Ledningsgrupper och aktörer som saknas i dem {Year}",
                "Ledningsgrupper",
                [
                    new(
                        [string.Empty, "Antal verksamheter"],
                        [new("Fulltaliga ledningsgrupper", ReportCell.Units(management.Complete)), new(WorkbookLabels.Management.DeficiencyRoutine, ReportCell.Units(management.WithDeficiencyRoutine))]),
                    new(
                        ["Saknade aktörer i ledningsgruppen", "Antal verksamheter"],
                        [.. management.Missing.Select(m => new ReportRow(Dimensions.ManagementMembers.Label(m.Key), ReportCell.Units(m.Value)))]),
                    .. Meetings(),
                ],
                [56, 20]);
            var text = new List<string>
            {
                $"{CountAtStart(management.Complete)} av {Count(_totals.Operations)} verksamheter hade en fulltalig ledningsgrupp under {Year} (figur {table.Number}).",
            };
            var missing = management.Missing.Where(m => m.Value > 0).OrderByDescending(m => m.Value).FirstOrDefault();
            if (missing.Value > 0)
            {
                text.Add($"Den aktör som oftast saknades i ledningsgruppen var {Dimensions.ManagementMembers.Label(missing.Key).ToLowerInvariant()}, i {Count(missing.Value)} verksamheter.");
            }

            text.Add($"{Capitalise(Of(management.WithDeficiencyRoutine, "verksamhet", "verksamheter"))} har en rutin för att rapportera brister till ledningsgruppen.");
            if (_totals.ManagementGroupMeetings is { Median: { } median, Min: { } min, Max: { } max } meetings)
            {
                text.Add(meetings.OperationsReporting == 1
                    ? $"Den enda verksamhet som har redovisat antalet möten hade {Count(max, neuter: true)} ledningsgruppsmöten under året."
                    : $"De {Count(meetings.OperationsReporting)} verksamheter som har redovisat antalet möten hade i median {(median == decimal.Truncate(median) ? Count((int)median, neuter: true) : ReportCell.FormatNumber(median))} ledningsgruppsmöten under året, "
                        + $"som minst {Count(min, neuter: true)} och som mest {Count(max, neuter: true)}.");
            }

            return new ReportChapter("Ledningsgrupper", text, [table]);
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
            var texts = result.CentralDeficiencies
                .Select(t => new ReportRow([
                    ReportCell.Label(t.CountyName), ReportCell.Label(t.OperationKey), ReportCell.Label(Dimensions.DeficiencyAreas.Label(t.Area)),
                    ReportCell.Label(t.Description, wrap: true), ReportCell.Label(t.Consequence ?? string.Empty, wrap: true), ReportCell.Label(t.Action ?? string.Empty, wrap: true)]))
                .ToList();
            if (texts.Count == 0)
            {
                texts.Add(new ReportRow([ReportCell.Label(NoCentralDeficiencies)]));
            }

            var appendix = Table(
                ReportTableKind.Appendix,
                $"Brister på central nivå per län {Year}",
                "Systembrister",
                [new(["Län", "Verksamhet", WorkbookLabels.Deficiencies.Area, WorkbookLabels.Deficiencies.Description, WorkbookLabels.Deficiencies.Consequence, WorkbookLabels.Deficiencies.Action], texts)],
                widths[..6]);
            var central = deficiencies.ByLevel[DeficiencyLevel.Central];
            var text = new List<string>
            {
                $"Verksamheterna rapporterade {Of(deficiencies.Total, "systembrist", "systembrister")} under {Year} (tabell {table.Number}), varav {Count(central)} på central nivå. "
                + $"Bristerna på central nivå redovisas per län i bilaga {appendix.Number}.",
            };
            return new ReportChapter("Systembrister", text, [table, appendix]);
        }

        private ReportChapter Economy()
        {
            if (_totals.BudgetAndOutcome is { } budget)
            {
                return BudgetAndOutcome(budget);
            }

            var economy = _totals.Economy;
            var ombud = _totals.Ombud;
            var rows = new List<ReportRow>
            {
                new(WorkbookLabels.Economy.Granted, ReportCell.Money(economy.GrantedSek)),
                new(WorkbookLabels.Economy.Spent, ReportCell.Money(economy.SpentSek)),
                new(WorkbookLabels.Ombud.Count, ReportCell.Persons(ombud.Total)),
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

        /// <summary>", vilket är en ökning med två personliga ombud jämfört med 2020".</summary>
        private string Compared(int change, string noun, bool neuter = false) => change switch
        {
            0 => $", lika många som {Year - 1}",
            > 0 => $", vilket är en ökning med {Count(change, neuter)} {noun} jämfört med {Year - 1}",
            _ => $", vilket är en minskning med {Count(-change, neuter)} {noun} jämfört med {Year - 1}",
        };

        private static string Percent(int part, int whole) => ReportCell.FormatNumber(Math.Round(100m * part / whole, 0));

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
