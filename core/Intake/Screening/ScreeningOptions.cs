using System.ComponentModel.DataAnnotations;

namespace PoIntake.Core.Intake.Screening;

/// <summary>Limits for <see cref="WorkbookScreener"/>, bound from the configuration section <c>Screening</c>.</summary>
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
}
