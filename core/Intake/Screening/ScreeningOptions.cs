using System.ComponentModel.DataAnnotations;

namespace PoIntake.Core.Intake.Screening;

/// <summary>
/// Limits of the one bounded read of a workbook (<see cref="WorkbookScreener"/>, <c>Reading/WorkbookReader</c>), bound
/// from the configuration section <c>Screening</c>. Each limit that trips is a finding (docs/findings.md, Screening).
/// </summary>
public sealed class ScreeningOptions
{
    public const string SectionName = "Screening";

    /// <summary>Largest accepted upload (default 10 MB; the contract's size limit).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest total of all decompressed parts, declared or actual (default 100 MB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxUncompressedBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Most parts a workbook may hold; a real report has a few dozen.</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntries { get; set; } = 2_000;

    /// <summary>Highest decompressed/compressed ratio of one part, checked for parts over <see cref="RatioCheckMinBytes"/>.</summary>
    [Range(1.0, double.MaxValue)]
    public double MaxCompressionRatio { get; set; } = 200;

    /// <summary>Small parts (styles, empty sheets) legitimately compress very well, so the ratio is only checked above this size.</summary>
    [Range(0, long.MaxValue)]
    public long RatioCheckMinBytes { get; set; } = 1024 * 1024;

    /// <summary>Most worksheets a workbook may have; the template has eight.</summary>
    [Range(1, int.MaxValue)]
    public int MaxSheets { get; set; } = 50;

    /// <summary>Highest row of any cell element, empty styled ones included: rows past it are never looked at.</summary>
    [Range(1, 1_048_576)]
    public int MaxRows { get; set; } = 20_000;

    /// <summary>Highest column of a cell with content (default 50, column AX); also the most cell elements one row may hold.</summary>
    [Range(1, 16_384)]
    public int MaxColumns { get; set; } = 50;

    /// <summary>Most cells with a value or formula in one sheet (styled empty cells are not counted).</summary>
    [Range(1, int.MaxValue)]
    public int MaxUsedCellsPerSheet { get; set; } = 20_000;

    /// <summary>Most entries in the shared-string table.</summary>
    [Range(1, int.MaxValue)]
    public int MaxSharedStrings { get; set; } = 50_000;

    /// <summary>Most characters of text in the workbook: shared and inline strings, values and formulas together.</summary>
    [Range(1, int.MaxValue)]
    public int MaxTextChars { get; set; } = 5_000_000;

    /// <summary>A formula without a saved value is evaluated only if the ranges it refers to cover at most this many cells.</summary>
    [Range(0, int.MaxValue)]
    public int MaxFormulaCells { get; set; } = 10_000;

    /// <summary>Cells all evaluated formulas of one workbook may cover together; past it, formulas are not evaluated.</summary>
    [Range(0, int.MaxValue)]
    public int MaxEvaluatedCells { get; set; } = 10_000;

    /// <summary>Most rows (after the header) a contacts register may have.</summary>
    [Range(1, int.MaxValue)]
    public int MaxContactRows { get; set; } = 1_000;
}
