using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using PoIntake.Core.Intake;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Intake;

/// <summary>A formula cell; <paramref name="Cached"/> is the value Excel would have stored with it (null: none, as ClosedXML writes).</summary>
internal sealed record Formula(string Expression, object? Cached = null);

/// <summary>A cell holding an Excel error value (t="e"), as Excel writes #REF! after a deleted reference.</summary>
internal sealed record ErrorValue(string Code);

/// <summary>How the builder lays the sheets out; the default is the plain template-like layout.</summary>
public sealed record WorkbookLayout(
    int RowOffset = 0,
    int ColumnOffset = 0,
    bool ReverseColumns = false,
    bool ReverseRows = false,
    bool TablesFirst = false,
    bool BlankRowsAndColumns = false,
    bool Notes = false,
    bool Totals = false,
    string TotalLabel = "Totalt");

/// <summary>
/// Writes a valid report workbook (ClosedXML, labels from <see cref="WorkbookLabels"/>) for 2025, Norrbotten (25),
/// with ways to override, clear, relabel or move things. <see cref="ExpectedReport"/> is the report it holds by default.
/// </summary>
internal sealed class TestWorkbook
{
    /// <summary>Row or column key of a Totalt cell in <see cref="AddressOf(string, string, string)"/>.</summary>
    public const string Total = "(total)";

    public static readonly ExpectedOrigin Origin = new(2025, "25");
    public static readonly DateTimeOffset Now = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] GenderLabels = WorkbookLabels.Genders.Select(g => g.Label).ToArray();

    private readonly WorkbookLayout _layout;
    private readonly List<SheetSpec> _sheets;
    private readonly Dictionary<(string Sheet, string Address), object?> _raw = [];
    private readonly Dictionary<string, string> _sheetNames = new(StringComparer.Ordinal);

    private TestWorkbook(WorkbookLayout layout)
    {
        _layout = layout;
        _sheets = DefaultSheets();
    }

    public static TestWorkbook Valid(WorkbookLayout? layout = null) => new(layout ?? new WorkbookLayout());

    public static AnnualReport ExpectedReport => new(
        new OperationInfo(2025, "25", "PO Norrbotten Nord", ["2584", "2523"], OperatingForm.Municipal, null, null,
            "Anna Andersson", "anna.andersson@kiruna.se", "0980-123 45", true),
        new OmbudFigures(new GenderCounts(5, 3, 0), new GenderCounts(4, 2, 0), 6.5m),
        new ClientFigures(
            new Dictionary<(Gender, AgeGroup), int>
            {
                [(Gender.Women, AgeGroup.Age18To29)] = 20, [(Gender.Women, AgeGroup.Age30To49)] = 40,
                [(Gender.Women, AgeGroup.Age50To64)] = 30, [(Gender.Women, AgeGroup.Age65Plus)] = 10,
                [(Gender.Men, AgeGroup.Age18To29)] = 15, [(Gender.Men, AgeGroup.Age30To49)] = 35,
                [(Gender.Men, AgeGroup.Age50To64)] = 25, [(Gender.Men, AgeGroup.Age65Plus)] = 5,
                [(Gender.OtherGender, AgeGroup.Age18To29)] = 1, [(Gender.OtherGender, AgeGroup.Age30To49)] = 0,
                [(Gender.OtherGender, AgeGroup.Age50To64)] = 0, [(Gender.OtherGender, AgeGroup.Age65Plus)] = 0,
            },
            50,
            40,
            new GenderCounts(12, 8, 0)),
        new Dictionary<(ContactReason, Gender), int>
        {
            [(ContactReason.Economy, Gender.Women)] = 10, [(ContactReason.Economy, Gender.Men)] = 8, [(ContactReason.Economy, Gender.OtherGender)] = 0,
            [(ContactReason.Housing, Gender.Women)] = 12, [(ContactReason.Housing, Gender.Men)] = 6, [(ContactReason.Housing, Gender.OtherGender)] = 1,
            [(ContactReason.Occupation, Gender.Women)] = 5, [(ContactReason.Occupation, Gender.Men)] = 4, [(ContactReason.Occupation, Gender.OtherGender)] = 0,
            [(ContactReason.DailyStructure, Gender.Women)] = 7, [(ContactReason.DailyStructure, Gender.Men)] = 3, [(ContactReason.DailyStructure, Gender.OtherGender)] = 0,
            [(ContactReason.Authorities, Gender.Women)] = 15, [(ContactReason.Authorities, Gender.Men)] = 10, [(ContactReason.Authorities, Gender.OtherGender)] = 1,
            [(ContactReason.Healthcare, Gender.Women)] = 9, [(ContactReason.Healthcare, Gender.Men)] = 5, [(ContactReason.Healthcare, Gender.OtherGender)] = 0,
            [(ContactReason.Other, Gender.Women)] = 2, [(ContactReason.Other, Gender.Men)] = 1, [(ContactReason.Other, Gender.OtherGender)] = 0,
        },
        new WaitingFigures(true, 30, true, new Dictionary<PriorityGroup, int>
        {
            [PriorityGroup.ChildrenAtHome] = 1,
            [PriorityGroup.EvictionOrHomelessness] = 2,
            [PriorityGroup.YoungAdults] = 3,
        }),
        new ManagementGroup(
            new Dictionary<ManagementMember, bool>
            {
                [ManagementMember.Municipality] = true, [ManagementMember.PrimaryCare] = true, [ManagementMember.Psychiatry] = true,
                [ManagementMember.EmploymentService] = false, [ManagementMember.SocialInsuranceAgency] = true,
                [ManagementMember.UserOrganisations] = false,
            },
            4,
            true),
        [
            new SystemDeficiency(DeficiencyLevel.Caseworker, DeficiencyArea.SocialInsuranceAgency, "Långa handläggningstider för sjukpenning",
                "Klienten saknade inkomst i tre månader", "Påtalat vid samverkansmöte"),
            new SystemDeficiency(DeficiencyLevel.Local, DeficiencyArea.SocialServices, "Svårt att få kontakt med handläggare", null, null),
        ],
        new Economy(1_250_000m, 1_198_500.5m))
    {
        FollowUp = ExpectedFollowUp,
    };

    /// <summary>Sheet Uppföljning as <see cref="Valid"/> writes it (no theme rows: 2025 has no theme configured).</summary>
    public static FollowUpAnswers ExpectedFollowUp => new(
        "Fler unga vuxna med neuropsykiatriska diagnoser söker stöd.",
        new Dictionary<NewClientSource, int>
        {
            [NewClientSource.OtherAuthority] = 20, [NewClientSource.Relatives] = 10, [NewClientSource.Self] = 15, [NewClientSource.Other] = 5,
        },
        new Dictionary<SupervisionForm, int> { [SupervisionForm.External] = 5, [SupervisionForm.Collegial] = 2, [SupervisionForm.None] = 1 },
        7,
        2,
        1,
        "Brukarråd två gånger per år; klienternas synpunkter tas upp i ledningsgruppen.",
        true,
        ManagementGroupForm.SharedWithMunicipalities,
        true,
        null);

    /// <summary>Sets the value right of a scalar label (null clears it).</summary>
    public TestWorkbook Set(string sheet, string label, object? value)
    {
        Scalar(sheet, label).Value = value;
        return this;
    }

    /// <summary>Sets a table cell found by its row and column labels (null clears it).</summary>
    public TestWorkbook SetCell(string sheet, string row, string column, object? value)
    {
        var table = Spec(sheet).Blocks.OfType<TableBlock>().Single(t => t.Rows.Contains(row) && t.Columns.Contains(column));
        table.Values[(row, column)] = value;
        return this;
    }

    /// <summary>Removes a scalar (label and value).</summary>
    public TestWorkbook RemoveScalar(string sheet, string label)
    {
        Spec(sheet).Blocks.Remove(Scalar(sheet, label));
        return this;
    }

    /// <summary>Removes a table row.</summary>
    public TestWorkbook RemoveRow(string sheet, string row)
    {
        Spec(sheet).Blocks.OfType<TableBlock>().Single(t => t.Rows.Contains(row)).Rows.Remove(row);
        return this;
    }

    /// <summary>Writes a scalar, table row or table column label as <paramref name="text"/> instead of the contract's spelling.</summary>
    public TestWorkbook Relabel(string sheet, string label, string text)
    {
        Spec(sheet).Labels[label] = text;
        return this;
    }

    public TestWorkbook RemoveSheet(string sheet)
    {
        _sheets.Remove(Spec(sheet));
        return this;
    }

    public TestWorkbook RenameSheet(string sheet, string name)
    {
        _sheetNames[sheet] = name;
        return this;
    }

    /// <summary>Replaces the Systembrister rows (each: Nivå, Område, Brist, Konsekvens, Åtgärd).</summary>
    public TestWorkbook Deficiencies(params object?[][] rows)
    {
        var block = Spec(Sheets.Deficiencies).Blocks.OfType<ListBlock>().Single();
        block.Rows.Clear();
        block.Rows.AddRange(rows);
        return this;
    }

    /// <summary>Writes any cell after the layout (notes, stray values).</summary>
    public TestWorkbook Raw(string sheet, string address, object? value)
    {
        _raw[(sheet, address)] = value;
        return this;
    }

    /// <summary>The address of a scalar's value cell.</summary>
    public string AddressOf(string sheet, string label) => Place().Addresses[$"S|{sheet}|{label}"];

    /// <summary>The address of a table cell.</summary>
    public string AddressOf(string sheet, string row, string column) => Place().Addresses[$"T|{sheet}|{row}|{column}"];

    /// <summary>The address of a Systembrister cell, row index from 0.</summary>
    public string DeficiencyAddress(int index, string column) => Place().Addresses[$"D|{index}|{column}"];

    public byte[] Build()
    {
        var placement = Place();
        using var stream = new MemoryStream();
        var patches = new List<(int SheetIndex, string Address, string Xml)>();
        using (var workbook = new XLWorkbook())
        {
            var index = 0;
            foreach (var spec in _sheets)
            {
                index++;
                var worksheet = workbook.AddWorksheet(_sheetNames.GetValueOrDefault(spec.Name, spec.Name));
                worksheet.Column(1).Width = 40;
                var cells = placement.Cells.Where(c => c.Sheet == spec.Name)
                    .Concat(_raw.Where(r => r.Key.Sheet == spec.Name).Select(r => new PlacedCell(spec.Name, 0, 0, r.Value, r.Key.Address)));
                foreach (var cell in cells)
                {
                    var target = cell.Address is null ? worksheet.Cell(cell.Row, cell.Column) : worksheet.Cell(cell.Address);
                    var address = target.Address.ToString()!;
                    switch (cell.Value)
                    {
                        case null:
                            target.Clear();
                            break;
                        case string text:
                            target.SetValue(text);
                            break;
                        case Formula { Cached: null } formula:
                            target.FormulaA1 = formula.Expression;
                            break;
                        case Formula formula:
                            target.FormulaA1 = formula.Expression;
                            patches.Add((index, address, CachedFormulaXml(address, formula)));
                            break;
                        case ErrorValue error:
                            target.SetValue("placeholder");
                            patches.Add((index, address, $"<x:c r=\"{address}\" t=\"e\"><x:v>{Escape(error.Code)}</x:v></x:c>"));
                            break;
                        case int or long or double or decimal:
                            target.SetValue(Convert.ToDouble(cell.Value, System.Globalization.CultureInfo.InvariantCulture));
                            break;
                        case bool flag:
                            target.SetValue(flag);
                            break;
                        default:
                            throw new ArgumentException($"Unsupported test value {cell.Value.GetType().Name}");
                    }
                }
            }

            workbook.SaveAs(stream);
        }

        return patches.Count == 0 ? stream.ToArray() : Patch(stream.ToArray(), patches);
    }

    private static string CachedFormulaXml(string address, Formula formula) => formula.Cached switch
    {
        ErrorValue error => $"<x:c r=\"{address}\" t=\"e\"><x:f>{Escape(formula.Expression.TrimStart('='))}</x:f><x:v>{Escape(error.Code)}</x:v></x:c>",
        string text => $"<x:c r=\"{address}\" t=\"str\"><x:f>{Escape(formula.Expression.TrimStart('='))}</x:f><x:v>{Escape(text)}</x:v></x:c>",
        _ => $"<x:c r=\"{address}\"><x:f>{Escape(formula.Expression.TrimStart('='))}</x:f><x:v>{Convert.ToString(formula.Cached, System.Globalization.CultureInfo.InvariantCulture)}</x:v></x:c>",
    };

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);

    /// <summary>Replaces cells in the saved sheet XML: ClosedXML cannot write error values or cached formula results.</summary>
    private static byte[] Patch(byte[] package, List<(int SheetIndex, string Address, string Xml)> patches)
    {
        using var output = new MemoryStream();
        output.Write(package);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var group in patches.GroupBy(p => p.SheetIndex))
            {
                var entry = zip.GetEntry($"xl/worksheets/sheet{group.Key}.xml") ?? throw new InvalidOperationException("sheet part not found");
                string xml;
                using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
                {
                    xml = reader.ReadToEnd();
                }

                foreach (var (_, address, replacement) in group)
                {
                    var pattern = new Regex($"<x:c r=\"{address}\"(?:[^>]*/>|[^>]*>.*?</x:c>)", RegexOptions.Singleline);
                    if (!pattern.IsMatch(xml))
                    {
                        throw new InvalidOperationException($"cell {address} not found in sheet XML");
                    }

                    xml = pattern.Replace(xml, replacement, 1);
                }

                entry.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
        }

        return output.ToArray();
    }

    private SheetSpec Spec(string sheet) => _sheets.Single(s => s.Name == sheet);

    private ScalarBlock Scalar(string sheet, string label) => Spec(sheet).Blocks.OfType<ScalarBlock>().Single(s => s.Label == label);

    private Placement Place()
    {
        var placement = new Placement();
        var step = _layout.BlankRowsAndColumns ? 2 : 1;
        foreach (var spec in _sheets)
        {
            var baseColumn = 1 + _layout.ColumnOffset;
            var row = 1 + _layout.RowOffset;
            string Label(string label) => spec.Labels.GetValueOrDefault(label, label);
            void Put(int r, int c, object? value) => placement.Cells.Add(new PlacedCell(spec.Name, r, c, value, null));

            Put(row, baseColumn, $"Årsrapport personligt ombud – {spec.Name}");
            row += 2;
            if (_layout.Notes)
            {
                Put(row, baseColumn, "Obs: fyll i de gula cellerna. Frågor besvaras av länsstyrelsen.");
                row += 2;
            }

            var blocks = _layout.TablesFirst ? spec.Blocks.OrderBy(b => b is ScalarBlock ? 1 : 0).ToList() : spec.Blocks;
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case ScalarBlock scalar:
                        Put(row, baseColumn, Label(scalar.Label));
                        var valueColumn = baseColumn + step;
                        Put(row, valueColumn, scalar.Value);
                        placement.Addresses[$"S|{spec.Name}|{scalar.Label}"] = Address(row, valueColumn);
                        if (_layout.Notes && scalar.Value is not null)
                        {
                            Put(row, valueColumn + 2, "(se instruktionerna)");
                        }

                        row += step;
                        break;

                    case TableBlock table:
                        row++;
                        if (table.Title is not null)
                        {
                            Put(row, baseColumn, table.Title);
                            row++;
                        }

                        var columns = _layout.ReverseColumns ? table.Columns.AsEnumerable().Reverse().ToList() : table.Columns;
                        var rows = _layout.ReverseRows ? table.Rows.AsEnumerable().Reverse().ToList() : table.Rows;
                        var columnAt = columns.Select((c, i) => (c, baseColumn + step + (i * step))).ToDictionary(x => x.c, x => x.Item2);
                        foreach (var (column, at) in columnAt)
                        {
                            Put(row, at, Label(column));
                        }

                        var totals = _layout.Totals && table.Countable;
                        var totalColumn = baseColumn + step + (columns.Count * step);
                        if (totals && columns.Count > 1)
                        {
                            Put(row, totalColumn, _layout.TotalLabel);
                        }

                        row += step;
                        foreach (var rowLabel in rows)
                        {
                            Put(row, baseColumn, Label(rowLabel));
                            foreach (var (column, at) in columnAt)
                            {
                                Put(row, at, table.Values.GetValueOrDefault((rowLabel, column)));
                                placement.Addresses[$"T|{spec.Name}|{rowLabel}|{column}"] = Address(row, at);
                            }

                            if (totals && columns.Count > 1)
                            {
                                Put(row, totalColumn, columns.Sum(c => AsInt(table.Values.GetValueOrDefault((rowLabel, c)))));
                                placement.Addresses[$"T|{spec.Name}|{rowLabel}|{Total}"] = Address(row, totalColumn);
                            }

                            row += step;
                        }

                        if (totals && rows.Count > 1)
                        {
                            Put(row, baseColumn, _layout.TotalLabel);
                            foreach (var (column, at) in columnAt)
                            {
                                Put(row, at, rows.Sum(r => AsInt(table.Values.GetValueOrDefault((r, column)))));
                                placement.Addresses[$"T|{spec.Name}|{Total}|{column}"] = Address(row, at);
                            }

                            if (columns.Count > 1)
                            {
                                Put(row, totalColumn, table.Values.Values.Sum(AsInt));
                            }

                            row += step;
                        }

                        row++;
                        break;

                    case ListBlock list:
                        row++;
                        var listColumns = _layout.ReverseColumns ? list.Columns.AsEnumerable().Reverse().ToList() : list.Columns;
                        var listAt = listColumns.Select((c, i) => (c, baseColumn + (i * step))).ToDictionary(x => x.c, x => x.Item2);
                        foreach (var (column, at) in listAt)
                        {
                            Put(row, at, Label(column));
                        }

                        row++;
                        for (var i = 0; i < list.Rows.Count; i++)
                        {
                            for (var j = 0; j < list.Columns.Count; j++)
                            {
                                var at = listAt[list.Columns[j]];
                                Put(row, at, j < list.Rows[i].Length ? list.Rows[i][j] : null);
                                placement.Addresses[$"D|{i}|{list.Columns[j]}"] = Address(row, at);
                            }

                            row++;
                        }

                        for (var j = 0; j < list.Columns.Count; j++)
                        {
                            placement.Addresses[$"D|{list.Rows.Count}|{list.Columns[j]}"] = Address(row, listAt[list.Columns[j]]);
                        }

                        row += 2;
                        if (_layout.Notes)
                        {
                            Put(row, baseColumn, "Rader under en helt tom rad räknas inte.");
                        }

                        break;
                }
            }
        }

        return placement;
    }

    private static int AsInt(object? value) => value switch
    {
        int i => i,
        double d => (int)d,
        _ => 0,
    };

    private static string Address(int row, int column) => XLHelper.GetColumnLetterFromNumber(column) + row;

    private static List<SheetSpec> DefaultSheets()
    {
        var operation = new SheetSpec(Sheets.Operation,
        [
            new ScalarBlock(WorkbookLabels.Operation.Year, 2025),
            new ScalarBlock(WorkbookLabels.Operation.County, "Norrbottens län"),
            new ScalarBlock(WorkbookLabels.Operation.Name, "PO Norrbotten Nord"),
            new ScalarBlock(WorkbookLabels.Operation.Municipalities, "Kiruna, Gällivare"),
            new ScalarBlock(WorkbookLabels.Operation.OperatingForm, "Kommunal regi"),
            new ScalarBlock(WorkbookLabels.Operation.ProviderName, null),
            new ScalarBlock(WorkbookLabels.Operation.OrganisationForm, null),
            new ScalarBlock(WorkbookLabels.Operation.ContactPerson, "Anna Andersson"),
            new ScalarBlock(WorkbookLabels.Operation.Email, "anna.andersson@kiruna.se"),
            new ScalarBlock(WorkbookLabels.Operation.Phone, "0980-123 45"),
            new ScalarBlock(WorkbookLabels.Operation.Active, "Ja"),
        ]);

        var ombud = new SheetSpec(Sheets.Ombud,
        [
            Table(null, GenderLabels, [WorkbookLabels.Ombud.Count, WorkbookLabels.Ombud.WithSupervision], [[5, 3, 0], [4, 2, 0]]),
            new ScalarBlock(WorkbookLabels.Ombud.FullTimeEquivalents, 6.5),
        ]);

        var clients = new SheetSpec(Sheets.Clients,
        [
            Table(WorkbookLabels.Clients.ByGenderAndAgeTitle, WorkbookLabels.AgeGroups.Select(a => a.Label).ToList(), GenderLabels,
                [[20, 40, 30, 10], [15, 35, 25, 5], [1, 0, 0, 0]]),
            new ScalarBlock(WorkbookLabels.Clients.New, 50),
            new ScalarBlock(WorkbookLabels.Clients.Ended, 40),
            Table(WorkbookLabels.Clients.WithChildrenTitle, GenderLabels, [WorkbookLabels.Clients.WithChildrenRow], [[12, 8, 0]]),
        ]);

        var reasons = new SheetSpec(Sheets.ContactReasons,
        [
            Table("Kontaktorsaker för nya klienter", GenderLabels, WorkbookLabels.ContactReasons.Select(r => r.Label).ToList(),
                [[10, 8, 0], [12, 6, 1], [5, 4, 0], [7, 3, 0], [15, 10, 1], [9, 5, 0], [2, 1, 0]]),
        ]);

        var waiting = new SheetSpec(Sheets.Waiting,
        [
            new ScalarBlock(WorkbookLabels.Waiting.HasWaitingTime, "Ja"),
            new ScalarBlock(WorkbookLabels.Waiting.EstimatedDays, 30),
            new ScalarBlock(WorkbookLabels.Waiting.HasPriorityOrder, "Ja"),
            Table(WorkbookLabels.Waiting.PriorityTableTitle, [WorkbookLabels.Waiting.PriorityHeader],
                WorkbookLabels.PriorityGroups.Select(g => g.Label).ToList(), [[1], [2], [3], [null], [null]], countable: false),
        ]);

        var management = new SheetSpec(Sheets.Management,
        [
            Table("Ledningsgruppens sammansättning", [WorkbookLabels.Management.RepresentedHeader],
                WorkbookLabels.ManagementMembers.Select(m => m.Label).ToList(), [["Ja"], ["Ja"], ["Ja"], ["Nej"], ["Ja"], ["Nej"]], countable: false),
            new ScalarBlock(WorkbookLabels.Management.Meetings, 4),
            new ScalarBlock(WorkbookLabels.Management.DeficiencyRoutine, "Ja"),
        ]);

        var deficiencies = new SheetSpec(Sheets.Deficiencies,
        [
            new ListBlock(
                [
                    WorkbookLabels.Deficiencies.Level, WorkbookLabels.Deficiencies.Area, WorkbookLabels.Deficiencies.Description,
                    WorkbookLabels.Deficiencies.Consequence, WorkbookLabels.Deficiencies.Action,
                ],
                [
                    ["Handläggarnivå", "Försäkringskassan", "Långa handläggningstider för sjukpenning", "Klienten saknade inkomst i tre månader", "Påtalat vid samverkansmöte"],
                    ["Lokal nivå", "Socialtjänst", "Svårt att få kontakt med handläggare", null, null],
                ]),
        ]);

        var economy = new SheetSpec(Sheets.Economy,
        [
            new ScalarBlock(WorkbookLabels.Economy.Granted, 1_250_000),
            new ScalarBlock(WorkbookLabels.Economy.Spent, 1_198_500.5),
        ]);

        var followUp = new SheetSpec(Sheets.FollowUp,
        [
            new ScalarBlock(WorkbookLabels.FollowUp.ClientGroupChanges, "Fler unga vuxna med neuropsykiatriska diagnoser söker stöd."),
            Table(WorkbookLabels.FollowUp.NewClientsTitle, [WorkbookLabels.FollowUp.NewClientsHeader],
                WorkbookLabels.NewClientSources.Select(s => s.Label).ToList(), [[20], [10], [15], [5]]),
            Table(WorkbookLabels.FollowUp.OmbudTitle, [WorkbookLabels.FollowUp.OmbudHeader],
                [.. WorkbookLabels.SupervisionForms.Select(s => s.Label), WorkbookLabels.FollowUp.FurtherTraining,
                    WorkbookLabels.FollowUp.IntroductoryCourse, WorkbookLabels.FollowUp.NewlyHired],
                [[5], [2], [1], [7], [2], [1]]),
            new ScalarBlock(WorkbookLabels.FollowUp.UserInfluence, "Brukarråd två gånger per år; klienternas synpunkter tas upp i ledningsgruppen."),
            new ScalarBlock(WorkbookLabels.FollowUp.UserSurvey, "Ja"),
            new ScalarBlock(WorkbookLabels.FollowUp.ManagementGroupForm, "Gemensam med andra kommuner"),
            new ScalarBlock(WorkbookLabels.FollowUp.UserOrganisationsOffered, "Ja"),
        ]);

        return [operation, ombud, clients, reasons, waiting, management, deficiencies, economy, followUp];
    }

    private static TableBlock Table(string? title, IReadOnlyList<string> columns, IReadOnlyList<string> rows, object?[][] values, bool countable = true)
    {
        var table = new TableBlock(title, columns.ToList(), rows.ToList(), countable);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                table.Values[(rows[r], columns[c])] = values[r][c];
            }
        }

        return table;
    }

    private sealed record SheetSpec(string Name, List<Block> Blocks)
    {
        public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
    }

    private abstract record Block;

    private sealed record ScalarBlock(string Label, object? Value) : Block
    {
        public object? Value { get; set; } = Value;
    }

    private sealed record TableBlock(string? Title, List<string> Columns, List<string> Rows, bool Countable) : Block
    {
        public Dictionary<(string Row, string Column), object?> Values { get; } = [];
    }

    private sealed record ListBlock(List<string> Columns, List<object?[]> Rows) : Block;

    private sealed record PlacedCell(string Sheet, int Row, int Column, object? Value, string? Address);

    private sealed class Placement
    {
        public List<PlacedCell> Cells { get; } = [];

        public Dictionary<string, string> Addresses { get; } = new(StringComparer.Ordinal);
    }
}
