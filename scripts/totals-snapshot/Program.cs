using System.Globalization;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

// Writes the totals JSON, csv and xlsx cells of every year in samples/valid, computed the way TotalsService does
// (current reports → TotalsCalculator → TotalsJson / exporters), with a fixed generatedAt so two trees compare.
// Uses only the API that the totals refactoring keeps: run by scripts/totals-diff.sh. It compiles against a core from
// before the typed stores too (records in PoIntake.Core.Totals, deficiency level and area as ids), so a base
// commit from either side can be compared.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: TotalsSnapshot <samples folder> <output folder>");
    return 2;
}

var (samples, output) = (args[0], args[1]);
Directory.CreateDirectory(output);
var registry = MunicipalityRegistry.Default;
var parser = new ReportParser(TimeProvider.System, registry);
var byYear = new SortedDictionary<int, List<ReportContent>>();
var valid = Path.Combine(samples, "valid");
foreach (var file in Directory.GetFiles(valid, "*.xlsx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
{
    var parts = Path.GetRelativePath(valid, file).Split(Path.DirectorySeparatorChar);
    var (year, county) = (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
    var parsed = parser.Parse(File.ReadAllBytes(file), new ExpectedOrigin(year, county));
    var report = parsed.Report ?? throw new InvalidDataException($"{file} did not parse");
    var current = new CurrentReport(
        year, county, OperationKey.From(report.Operation.Name), Path.GetFileName(file), report.IsNilReturn,
        report.Operation.MunicipalityCodes, DateTimeOffset.UnixEpoch, file);
    var deficiencies = (report.SystemDeficiencies ?? [])
        .Select(d => new StoredDeficiency(new Code<DeficiencyLevel>(d.Level), new Code<DeficiencyArea>(d.Area), d.Description, d.Consequence, d.Action))
        .ToArray();
    (byYear.TryGetValue(year, out var list) ? list : byYear[year] = []).Add(new ReportContent(current, ReportFacts.From(report), deficiencies));
}

var calculator = new TotalsCalculator(registry);
foreach (var (year, reports) in byYear)
{
    var previous = byYear.TryGetValue(year - 1, out var before) ? before.Select(r => r.Report).ToArray() : [];
    var result = calculator.Calculate(year, reports, previous, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    File.WriteAllBytes(Path.Combine(output, $"totals-{year}.json"), JsonSerializer.SerializeToUtf8Bytes(result.Totals, TotalsJson.Options));
    File.WriteAllBytes(Path.Combine(output, $"totals-{year}.csv"), new TotalsCsvExporter().Export(result.Totals));
    File.WriteAllText(Path.Combine(output, $"totals-{year}.xlsx.txt"), Cells(new TotalsXlsxExporter().Export(result)));
    Console.WriteLine($"{year}: {reports.Count} reports");
}

return 0;

static string Cells(byte[] xlsx)
{
    using var workbook = new XLWorkbook(new MemoryStream(xlsx));
    var text = new StringBuilder();
    foreach (var sheet in workbook.Worksheets)
    {
        text.Append("# ").Append(sheet.Name).Append('\n');
        foreach (var cell in sheet.CellsUsed())
        {
            var value = Convert.ToString(cell.Value, CultureInfo.InvariantCulture);
            text.Append(cell.Address.ToStringRelative()).Append('\t').Append(cell.DataType).Append('\t').Append(value)
                .Append('\t').Append(cell.Style.NumberFormat.Format).Append('\t').Append(cell.Style.Font.Bold ? "bold" : string.Empty).Append('\n');
        }

        foreach (var column in sheet.ColumnsUsed())
        {
            text.Append("width ").Append(column.ColumnLetter()).Append('\t').Append(column.Width.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    return text.ToString();
}

/// <summary>A deficiency's level or area as <see cref="StoredDeficiency"/> takes it: the catalogue's enum, or its id in a core from before the one code catalogue.</summary>
internal readonly record struct Code<T>(T Value)
    where T : struct, Enum
{
    public static implicit operator T(Code<T> code) => code.Value;

    public static implicit operator string(Code<T> code) => Dimensions.Of<T>().Id(code.Value);
}
