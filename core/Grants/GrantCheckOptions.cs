using System.ComponentModel.DataAnnotations;

namespace PoIntake.Core.Grants;

/// <summary>
/// Configuration section <c>GrantChecks</c>: the limits of the intake's cross-checks with the grant register
/// (docs/obligations.md), e.g. <c>GrantChecks__FullTimeEquivalentFactor=1.5</c>.
/// </summary>
public sealed class GrantCheckOptions
{
    public const string SectionName = "GrantChecks";

    /// <summary>
    /// FTE_ABOVE_GRANTED when the reported Antal årsarbetare exceed the granted årsarbetare by more than this factor
    /// (municipalities may add their own money, so some excess is normal).
    /// </summary>
    [Range(typeof(decimal), "1", "100")]
    public decimal FullTimeEquivalentFactor { get; set; } = 1.5m;

    /// <summary>GRANT_AMOUNT_DIFFERS when Beviljat statsbidrag and the register's granted amount differ by more than this (kronor).</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal AmountToleranceSek { get; set; }
}
