using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Reference;
using L = PoIntake.Core.Intake.WorkbookLabels.Operation;

namespace PoIntake.Core.Intake;

/// <summary>
/// Overlapping coverage (docs/findings.md COVERAGE_OVERLAP): a warning per other current report of the year that lists a
/// municipality this report lists too. The municipality offers PO once and is counted once in the totals; the report
/// accepted first learns of the overlap from the county's status (<c>overlaps</c>). Only two reports that each claim the
/// whole municipality overlap: a report for a stadsdel or part of a municipality (<see cref="OperationInfo.District"/>)
/// shares it by design, as Stockholm's district verksamheter do.
/// </summary>
public static class CoverageOverlapCheck
{
    public static IReadOnlyList<Finding> Check(ParseResult parsed, IReadOnlyList<CoverageClaim> current, MunicipalityRegistry registry)
    {
        if (parsed.Report is not { IsNilReturn: false } report || report.Operation.CoversPartOfMunicipality)
        {
            return [];
        }

        var operation = report.Operation;
        var key = OperationKey.From(operation.Name);
        var location = parsed.FactLocations.GetValueOrDefault(FactKeys.MunicipalitiesLocation);
        var county = registry.FindCountyByCode(operation.CountyCode)?.Name ?? operation.CountyCode;
        var sink = new FindingSink();
        foreach (var claim in current.Where(c => c.OperationKey != key && c.District is null).OrderBy(c => c.OperationKey, StringComparer.Ordinal))
        {
            var shared = operation.MunicipalityCodes.Where(claim.MunicipalityCodes.Contains).Distinct(StringComparer.Ordinal).ToArray();
            if (shared.Length == 0)
            {
                continue;
            }

            var names = shared.Select(code => registry.FindMunicipality(code) is { } m ? $"{m.Name} ({m.Code})" : code).ToArray();
            var listed = names.Length == 1 ? "kommunen " + names[0] : "kommunerna " + string.Join(", ", names[..^1]) + " och " + names[^1];
            var cell = location?.Cell is { } c ? $"i cell {c}" : $"i fältet \"{L.Municipalities}\"";
            sink.Warning(
                FindingCodes.CoverageOverlap,
                location?.Sheet ?? WorkbookLabels.Sheets.Operation,
                location?.Cell,
                L.Municipalities,
                $"{listed} finns också i den godkända redovisningen för {operation.Year} från verksamheten \"{claim.OperationName ?? claim.OperationKey}\" ({county})",
                "att varje kommun redovisas av en verksamhet, eller att verksamheterna delar kommunen (samverkan, köpt verksamhet, delad verksamhet)",
                $"Kontrollera kommunerna {cell}. Delar verksamheterna kommunen behöver du inte göra något: kommunen räknas en gång i statistiken. "
                + "Hör kommunen bara till den ena verksamheten tar du bort den ur den andra redovisningen och lämnar in den filen igen.");
        }

        return sink.Findings;
    }
}
