using System.Globalization;
using PoIntake.Core.Intake.Parsing;

namespace PoIntake.Core.Intake;

/// <summary>Warns where a figure differs from the same verksamhet's previous year by more than 50 % and by at least 20.</summary>
public sealed class PreviousYearComparer : IPreviousYearComparer
{
    public const decimal RelativeThreshold = 0.5m;
    public const decimal AbsoluteThreshold = 20m;

    public IReadOnlyList<Finding> Compare(ParseResult current, IReadOnlyList<Fact> previousYearFacts)
    {
        if (current.Report is not { IsNilReturn: false } report)
        {
            return [];
        }

        var previous = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var fact in previousYearFacts)
        {
            previous[fact.Key] = fact.Value;
        }

        var sink = new FindingSink();
        foreach (var fact in ReportFacts.From(report))
        {
            if (!previous.TryGetValue(fact.Key, out var before))
            {
                continue;
            }

            var difference = Math.Abs(fact.Value - before);
            if (difference < AbsoluteThreshold || difference <= RelativeThreshold * Math.Abs(before))
            {
                continue;
            }

            var location = current.FactLocations.GetValueOrDefault(fact.Key);
            var change = before == 0
                ? string.Empty
                : " (" + (((fact.Value - before) / before) * 100).ToString("+0;-0", CultureInfo.InvariantCulture) + " %)";
            sink.Warning(
                FindingCodes.PreviousYearDeviation,
                location?.Sheet,
                location?.Cell,
                location?.Field ?? fact.Key,
                $"värdet {SheetReader.Format(fact.Value)} skiljer sig mycket från föregående års {SheetReader.Format(before)}{change}",
                "en förändring mot föregående år på högst 50 % eller mindre än 20",
                location is null
                    ? "Kontrollera att siffran stämmer; om den gör det behöver du inte göra något."
                    : $"Kontrollera att siffran i cell {location.Cell} stämmer; om den gör det behöver du inte göra något.");
        }

        return sink.Findings;
    }
}
