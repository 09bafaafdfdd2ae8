using System.ComponentModel.DataAnnotations;

namespace PoIntake.Core.Intake;

/// <summary>Settings of the blob intake (section "Intake", e.g. Intake__MaxFileBytes).</summary>
public sealed class ReportIntakeOptions
{
    public const string Section = "Intake";

    /// <summary>
    /// The intake reads at most this many bytes plus one, so the screener sees that a larger file is too large without
    /// the intake buffering all of it. Keep equal to the screener's limit (workbook contract: 10 MB by default).
    /// </summary>
    [Range(1, int.MaxValue - 1)]
    public int MaxFileBytes { get; set; } = 10 * 1024 * 1024;
}
