namespace PoIntake.Core.Intake.Parsing;

/// <summary>Collects findings (with their Swedish messages) and the cell each fact came from during one parse.</summary>
internal sealed class FindingSink
{
    private readonly List<Finding> _findings = [];
    private readonly Dictionary<string, CellLocation> _locations = new(StringComparer.Ordinal);

    public IReadOnlyList<Finding> Findings => _findings;

    public IReadOnlyDictionary<string, CellLocation> Locations => _locations;

    public bool HasErrors => _findings.Any(f => f.Severity == Severity.Error);

    public int ErrorCount => _findings.Count(f => f.Severity == Severity.Error);

    /// <summary>Adds a finding; the message reads "Bladet "S", cell C5, fältet "F": {found}. Förväntat: {expected}."</summary>
    public void Add(Severity severity, string code, string? sheet, string? cell, string? field, string found, string expected, string fix) =>
        _findings.Add(new Finding(code, severity, sheet, cell, field, Message(sheet, cell, field, found, expected), fix));

    public void Error(string code, string? sheet, string? cell, string? field, string found, string expected, string fix) =>
        Add(Severity.Error, code, sheet, cell, field, found, expected, fix);

    public void Warning(string code, string? sheet, string? cell, string? field, string found, string expected, string fix) =>
        Add(Severity.Warning, code, sheet, cell, field, found, expected, fix);

    public void Locate(string factKey, string sheet, string cell, string field) =>
        _locations[factKey] = new CellLocation(sheet, cell, field);

    public static string Message(string? sheet, string? cell, string? field, string found, string expected)
    {
        var where = sheet is null ? "Arbetsboken" : $"Bladet \"{sheet}\"";
        if (cell is not null)
        {
            where += $", cell {cell}";
        }

        if (field is not null)
        {
            where += $", fältet \"{field}\"";
        }

        return $"{where}: {found}. Förväntat: {expected}.";
    }
}
