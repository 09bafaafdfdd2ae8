using System.Globalization;
using System.Reflection;
using System.Text;

namespace PoIntake.Core.Reference;

/// <summary>The 290 municipalities and 21 counties from the embedded kommuner.csv.</summary>
public sealed class MunicipalityRegistry
{
    private readonly Dictionary<string, Municipality> _byCode;
    private readonly Dictionary<string, Municipality> _byName;
    private readonly Dictionary<string, County> _countiesByCode;
    private readonly Dictionary<string, County> _countiesByName;

    public static MunicipalityRegistry Default { get; } = LoadEmbedded();

    public MunicipalityRegistry(IEnumerable<Municipality> municipalities, IEnumerable<County> counties)
    {
        Municipalities = municipalities.OrderBy(m => m.Code, StringComparer.Ordinal).ToArray();
        Counties = counties.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();
        _byCode = Municipalities.ToDictionary(m => m.Code, StringComparer.Ordinal);
        _byName = Municipalities.ToDictionary(m => Fold(m.Name), StringComparer.Ordinal);
        _countiesByCode = Counties.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _countiesByName = Counties.ToDictionary(c => Fold(c.Name), StringComparer.Ordinal);
    }

    public IReadOnlyList<Municipality> Municipalities { get; }

    public IReadOnlyList<County> Counties { get; }

    public IEnumerable<Municipality> InCounty(string countyCode) =>
        Municipalities.Where(m => m.CountyCode == countyCode);

    public County? FindCountyByCode(string code) => _countiesByCode.GetValueOrDefault(code);

    /// <summary>Finds a county by two-digit code or by name, with or without "län"/"s län" ("Stockholms län", "Gotland").</summary>
    public County? FindCounty(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is 1 or 2 && trimmed.All(char.IsAsciiDigit))
        {
            return _countiesByCode.GetValueOrDefault(trimmed.PadLeft(2, '0'));
        }

        var folded = Fold(trimmed);
        if (_countiesByName.TryGetValue(folded, out var county))
        {
            return county;
        }

        foreach (var suffix in new[] { "s län", " län" })
        {
            if (folded.EndsWith(suffix, StringComparison.Ordinal) &&
                _countiesByName.TryGetValue(folded[..^suffix.Length], out county))
            {
                return county;
            }
        }

        return null;
    }

    /// <summary>
    /// The parts of a list of municipalities as a workbook gives it ("Kiruna, 2580; 184"): names or codes separated by
    /// comma, semicolon or line break, each with the municipality it names (null when none); a code typed as a number
    /// with fewer than four digits (184 for 0184) is padded. The report's Kommuner som omfattas and the grant register's Kommuner.
    /// </summary>
    public IEnumerable<(string Part, Municipality? Municipality)> FindListed(string text) =>
        text.Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => (part, FindMunicipality(part.Length is > 0 and < 4 && part.All(char.IsAsciiDigit) ? part.PadLeft(4, '0') : part)));

    /// <summary>Finds a municipality by four-digit code or by name ("Göteborg", "göteborgs kommun" is not accepted: names as in kommuner.csv).</summary>
    public Municipality? FindMunicipality(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 4 && trimmed.All(char.IsAsciiDigit))
        {
            return _byCode.GetValueOrDefault(trimmed);
        }

        var folded = Fold(trimmed);
        if (_byName.TryGetValue(folded, out var municipality))
        {
            return municipality;
        }

        foreach (var suffix in new[] { "s kommun", " kommun", " stad" })
        {
            if (folded.EndsWith(suffix, StringComparison.Ordinal) &&
                _byName.TryGetValue(folded[..^suffix.Length], out municipality))
            {
                return municipality;
            }
        }

        return null;
    }

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var ch in text.Trim())
        {
            if (char.IsWhiteSpace(ch) || ch is '\u00A0' or '\u202F')
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            builder.Append(ch is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' ? '-' : char.ToLower(ch, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static MunicipalityRegistry LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PoIntake.Core.Reference.kommuner.csv")
            ?? throw new InvalidOperationException("kommuner.csv is not embedded in PoIntake.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var municipalities = new List<Municipality>();
        var counties = new Dictionary<string, County>(StringComparer.Ordinal);
        reader.ReadLine(); // header: kommunkod,kommun,lanskod,lan
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split(',');
            municipalities.Add(new Municipality(parts[0], parts[1], parts[2]));
            counties.TryAdd(parts[2], new County(parts[2], parts[3]));
        }

        return new MunicipalityRegistry(municipalities, counties.Values);
    }
}
