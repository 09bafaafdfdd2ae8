using System.Globalization;

namespace PoIntake.Tests.Samples;

/// <summary>The published reference CSVs as copied next to the tests (Reference/published), read without devhost code.</summary>
internal static class PublishedCsv
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reference", "published");

    public static IReadOnlyList<Dictionary<string, string>> Read(string fileName)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, fileName));
        var header = lines[0].Split(',');
        return lines.Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => header.Zip(l.Split(',', header.Length)).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }

    public static IEnumerable<Dictionary<string, string>> ForYear(string fileName, int year) =>
        Read(fileName).Where(r => r["year"] == year.ToString(CultureInfo.InvariantCulture));

    public static decimal National(int year, string measure) =>
        decimal.Parse(ForYear("national.csv", year).Single(r => r["measure"] == measure)["value"], CultureInfo.InvariantCulture);

    public static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
