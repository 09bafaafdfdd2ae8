using PoIntake.Core.Intake.Parsing;

namespace PoIntake.Core.Intake.Reading;

/// <summary>
/// What one bounded read of a workbook gave: the screening refusals (then nothing else), or whether the package's
/// workbook parts could not be read, or every worksheet's cells as saved (formulas without a saved value evaluated
/// when small).
/// </summary>
internal sealed class ReadWorkbook
{
    private readonly IReadOnlyList<(string Name, IReadOnlyList<(int Row, int Column, CellValue Value)> Cells)> _sheets;
    private readonly Dictionary<string, SheetGrid?> _grids = new(StringComparer.Ordinal);
    private readonly string[] _normalisedNames; // each sheet's name normalised once, not once per contract sheet asked for

    private ReadWorkbook(
        IReadOnlyList<Finding> refusals,
        bool unreadable,
        IReadOnlyList<(string Name, IReadOnlyList<(int Row, int Column, CellValue Value)> Cells)> sheets)
    {
        Refusals = refusals;
        Unreadable = unreadable;
        _sheets = sheets;
        _normalisedNames = sheets.Select(s => LabelText.Normalize(s.Name)).ToArray();
    }

    /// <summary>Error findings of the screening rules and limits; when any, the workbook must not be parsed.</summary>
    public IReadOnlyList<Finding> Refusals { get; }

    /// <summary>The package passed screening but its workbook, styles, strings or a sheet is not readable XML.</summary>
    public bool Unreadable { get; }

    /// <summary>The sheet names as written, in workbook order.</summary>
    public IEnumerable<string> SheetNames => _sheets.Select(s => s.Name);

    public static ReadWorkbook Refused(IReadOnlyList<Finding> refusals) => new(refusals, unreadable: false, []);

    public static ReadWorkbook NotReadable() => new([], unreadable: true, []);

    public static ReadWorkbook Read(IReadOnlyList<(string Name, IReadOnlyList<(int Row, int Column, CellValue Value)> Cells)> sheets) =>
        new([], unreadable: false, sheets);

    /// <summary>The first sheet whose name matches (trimmed, case-insensitive), named as the contract spells it; or null.</summary>
    public SheetGrid? Sheet(string contractName)
    {
        if (_grids.TryGetValue(contractName, out var cached))
        {
            return cached;
        }

        var index = Array.IndexOf(_normalisedNames, LabelText.Normalize(contractName));
        var grid = index < 0 ? null : new SheetGrid(contractName, _sheets[index].Cells);
        _grids[contractName] = grid;
        return grid;
    }

    /// <summary>The names, as written, of every sheet that matches the contract name (trimmed, case-insensitive).</summary>
    public IReadOnlyList<string> MatchingNames(string contractName)
    {
        var wanted = LabelText.Normalize(contractName);
        return _sheets.Where((_, i) => _normalisedNames[i] == wanted).Select(s => s.Name).ToList();
    }
}
