using System.Globalization;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Totals;
using PoIntake.DevHost.Samples;

namespace PoIntake.Tests.Totals;

public sealed class SuppressionTests
{
    public static TheoryData<int> SampleYears => [.. SampleSet.Years];

    /// <summary>Generated edge cases: rows of person counts, each table with row totals, column totals and the table total.</summary>
    public static TheoryData<string, decimal[][]> EdgeCases => new()
    {
        { "one hidden cell in a row", [[10, 2, 5], [7, 8, 9]] },
        { "two hidden cells in one row", [[2, 3, 10], [5, 6, 7]] },
        { "hidden cell alone in its column", [[1, 40], [0, 12]] },
        { "hidden cell alone in its row and column", [[0, 2], [0, 0]] },
        { "all cells hidden", [[1, 2, 3], [3, 2, 1]] },
        { "all hidden, all ones", [[1, 1], [1, 1]] },
        { "all hidden, all threes", [[3, 3], [3, 3]] },
        { "zeros only", [[0, 0], [0, 0]] },
        { "zeros beside one hidden", [[0, 0, 3], [0, 0, 0]] },
        { "rounding boundary below", [[3, 2], [10, 10]] },
        { "rounding boundary above", [[6, 1], [4, 4]] },
        { "hidden 2x2 rectangle", [[1, 3, 20], [2, 1, 20], [20, 20, 20]] },
        { "single row", [[1, 4, 0, 2]] },
        { "single column", [[1], [5], [3]] },
    };

    [Fact]
    public void Show_PersonCountsOneToThree_HiddenOthersExact()
    {
        Assert.Equal(
            ["0", "<4", "<4", "<4", "4", "137"],
            new decimal[] { 0, 1, 2, 3, 4, 137 }.Select(v => Text(Suppression.Show(FigureKind.Persons, v))));
    }

    [Fact]
    public void Show_UnitCountsAndMoney_NeverHidden()
    {
        foreach (var kind in new[] { FigureKind.Units, FigureKind.Money })
        {
            var table = new FigureTable("units");
            var layout = table.Grid(kind, [[1, 2, 3], [0, 1, 5]], rowTotals: true, columnTotals: true);
            var shown = table.Show();

            Assert.All(shown, f => Assert.Null(f.Text));
            Assert.Equal(
                [1m, 2, 3, 6, 0, 1, 5, 6, 1, 3, 8, 12],
                layout.SelectMany(r => r).Select(i => shown[i].Exact!.Value));
        }
    }

    [Fact]
    public void Show_2017OtherGenderRow_ReadsLikeThePublishedTable()
    {
        // 2017 Tabell 3, "annan könstillhörighet": 10, <4, 0, 0, "ca 15"; here rounded to tens.
        var table = new FigureTable("2017");
        var layout = table.Grid(FigureKind.Persons, [[10, 2, 0, 0]], rowTotals: true, columnTotals: false);

        Assert.Equal(["10", "<4", "0", "0", "Ca 10"], layout[0].Select(i => Text(table.Show()[i])));
    }

    [Fact]
    public void Show_LargeTotalWithHiddenPart_RoundedWithSwedishThousands()
    {
        var table = new FigureTable("large");
        var layout = table.Grid(FigureKind.Persons, [[3805, 5306, 2]], rowTotals: true, columnTotals: false);

        Assert.Equal("Ca 9 110", Text(table.Show()[layout[0][3]]));
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Attacker_EdgeCase_RecoversNoHiddenCell(string name, decimal[][] rows)
    {
        var table = Table(name, rows);

        AssertNotRecoverable(table);
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Show_EdgeCase_SameWhateverTheHiddenValues(string name, decimal[][] rows)
    {
        // What is shown may depend on which cells are hidden, never on their values: every 1–3 filling looks the same.
        var hidden = rows.SelectMany((r, i) => r.Select((v, j) => (i, j, v))).Where(c => c.v is >= 1 and <= 3).ToArray();
        var expected = Texts(Table(name, rows));
        foreach (var filling in Fillings(hidden.Length))
        {
            var copy = rows.Select(r => r.ToArray()).ToArray();
            for (var k = 0; k < hidden.Length; k++)
            {
                copy[hidden[k].i][hidden[k].j] = filling[k];
            }

            Assert.Equal(expected, Texts(Table(name, copy)));
        }
    }

    [Fact]
    public void Attacker_RandomTables_RecoversNoHiddenCell()
    {
        var random = new Random(2017);
        decimal[] values = [0, 0, 1, 2, 3, 3, 4, 5, 7, 9, 10, 11, 95, 96, 1004];
        for (var n = 0; n < 300; n++)
        {
            var (height, width) = (random.Next(1, 5), random.Next(1, 5));
            var rows = Enumerable.Range(0, height)
                .Select(_ => Enumerable.Range(0, width).Select(_ => values[random.Next(values.Length)]).ToArray())
                .ToArray();

            AssertNotRecoverable(Table($"random {n}", rows));
        }
    }

    [Fact]
    public void Attacker_ExactTotalsAsBefore_RecoversTheHiddenCell()
    {
        // The attacker is not toothless: with the totals exact (the export before this rule) it finds the hidden cell.
        var table = Table("exact totals", [[10, 2, 5], [7, 8, 9]]);
        var shown = table.Show().Select((f, i) => table.Parts(i).Count > 0 ? new ShownFigure(table.Value(i), null) : f).ToArray();

        var hidden = Enumerable.Range(0, table.Count).Single(i => shown[i].IsHidden);
        Assert.Equal([2m], Attacker.Candidates(table, shown, hidden));
    }

    [Theory]
    [MemberData(nameof(SampleYears))]
    public void Attacker_SampleYearTables_RecoversNoHiddenCell(int year)
    {
        var contents = SampleSet.Valid(year)
            .Select((s, i) => PublishedReportSets.Content(PublishedReportSets.Current(s.Report, i), s.Report))
            .ToArray();
        var totals = new TotalsCalculator(MunicipalityRegistry.Default).Calculate(year, contents, [], DateTimeOffset.UnixEpoch).Totals;

        var tables = TotalsXlsxExporter.PersonTables(totals);

        // Clients by gender and age, clients with children, contact reasons, ombud and ombud with supervision.
        Assert.Equal(4, tables.Count);
        Assert.All(tables, AssertNotRecoverable);
    }

    [Theory]
    [InlineData(2020, 1)]
    [InlineData(2021, 2)]
    [InlineData(2021, 3)]
    public void Attacker_PublishedReportSetTables_RecoversNoHiddenCell(int year, int seed)
    {
        var contents = PublishedReportSets.Build(year, seed).Select(r => PublishedReportSets.Content(r.Current, r.Report)).ToArray();
        var totals = new TotalsCalculator(MunicipalityRegistry.Default).Calculate(year, contents, [], DateTimeOffset.UnixEpoch).Totals;

        Assert.All(TotalsXlsxExporter.PersonTables(totals), AssertNotRecoverable);
    }

    private static FigureTable Table(string name, decimal[][] rows)
    {
        var table = new FigureTable(name);
        table.Grid(FigureKind.Persons, rows, rowTotals: true, columnTotals: true);
        return table;
    }

    private static void AssertNotRecoverable(FigureTable table)
    {
        var shown = table.Show();
        for (var i = 0; i < table.Count; i++)
        {
            if (!shown[i].IsHidden)
            {
                continue;
            }

            var candidates = Attacker.Candidates(table, shown, i);
            Assert.Contains(table.Value(i), candidates);
            Assert.True(candidates.Count > 1, $"{table.Name}: hidden figure {i} ({table.Value(i)}) recovered from the shown figures");
        }
    }

    private static string Text(ShownFigure figure) => figure.Text ?? figure.Exact!.Value.ToString(CultureInfo.InvariantCulture);

    private static string[] Texts(FigureTable table) => [.. table.Show().Select(Text)];

    private static IEnumerable<decimal[]> Fillings(int count) =>
        count == 0
            ? [[]]
            : Fillings(count - 1).SelectMany(rest => new decimal[] { 1, 2, 3 }.Select(v => (decimal[])[v, .. rest]));

    /// <summary>
    /// Knows the table's layout (which figures add up to which total) and everything shown: exact figures as they are,
    /// "&lt;4" as 1–3, "Ca N" as N ± (5 + its hidden parts), "&lt;10" as 0–9. Finds every value of one hidden figure
    /// that some filling of all hidden figures agrees with (all row, column and table sums at once).
    /// </summary>
    private static class Attacker
    {
        public static IReadOnlyList<decimal> Candidates(FigureTable table, IReadOnlyList<ShownFigure> shown, int target)
        {
            var hidden = Enumerable.Range(0, table.Count).Where(i => shown[i].IsHidden).ToArray();
            var constraints = Enumerable.Range(0, table.Count)
                .Where(i => table.Parts(i).Count > 0)
                .Select(i => Constraint(table.Parts(i), shown, shown[i]))
                .ToArray();
            var known = Enumerable.Range(0, table.Count)
                .Where(i => table.Parts(i).Count == 0 && !shown[i].IsHidden)
                .ToDictionary(i => i, i => shown[i].Exact!.Value);
            return [.. new decimal[] { 1, 2, 3 }.Where(v => Feasible(hidden, constraints, new Dictionary<int, decimal>(known) { [target] = v }))];
        }

        private static (IReadOnlyList<int> Parts, decimal Low, decimal High) Constraint(IReadOnlyList<int> parts, IReadOnlyList<ShownFigure> shown, ShownFigure total)
        {
            var hiddenParts = parts.Count(p => shown[p].IsHidden);
            var margin = (Suppression.RoundingStep / 2) + hiddenParts;
            return total switch
            {
                { Exact: { } exact } => (parts, exact, exact),
                { Text: Suppression.UnderTen } => (parts, 0, 9),
                { Text: { } text } when text.StartsWith(Suppression.Approximately + " ", StringComparison.Ordinal) =>
                    (parts, Approximate(text) - margin, Approximate(text) + margin),
                _ => throw new InvalidOperationException($"The attacker cannot read the total {total}"),
            };

            static decimal Approximate(string text) =>
                decimal.Parse(text[(Suppression.Approximately.Length + 1)..].Replace(" ", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }

        private static bool Feasible(int[] hidden, (IReadOnlyList<int> Parts, decimal Low, decimal High)[] constraints, Dictionary<int, decimal> assigned)
        {
            foreach (var (parts, low, high) in constraints)
            {
                decimal min = 0, max = 0;
                foreach (var p in parts)
                {
                    if (assigned.TryGetValue(p, out var value))
                    {
                        (min, max) = (min + value, max + value);
                    }
                    else
                    {
                        (min, max) = (min + 1, max + 3);
                    }
                }

                if (min > high || max < low)
                {
                    return false;
                }
            }

            var next = hidden.Where(h => !assigned.ContainsKey(h)).Cast<int?>().FirstOrDefault();
            if (next is not { } free)
            {
                return true;
            }

            foreach (var value in new decimal[] { 1, 2, 3 })
            {
                assigned[free] = value;
                if (Feasible(hidden, constraints, assigned))
                {
                    assigned.Remove(free);
                    return true;
                }
            }

            assigned.Remove(free);
            return false;
        }
    }
}
