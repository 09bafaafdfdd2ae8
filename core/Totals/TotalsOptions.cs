using System.ComponentModel.DataAnnotations;

namespace PoIntake.Core.Totals;

/// <summary>Settings of the totals cache (section <c>Totals</c>).</summary>
public sealed class TotalsOptions
{
    public const string SectionName = "Totals";

    /// <summary>
    /// How long one look at <c>YearRevisions</c> is trusted before the next request looks again. Zero looks on every
    /// request; the function app uses one second, so an intake shows in the totals at most that long after it lands,
    /// and a burst of requests costs one storage read per second instead of one each.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RevisionCheckInterval { get; set; } = TimeSpan.Zero;
}
