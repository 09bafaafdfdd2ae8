namespace PoIntake.Core.Grants;

/// <summary>
/// The one rounding rule for money in the grant figures (docs/grants.md "Money"): kronor, computed exactly in decimal and
/// rounded once, at the end, to whole kronor.
/// </summary>
public static class GrantMoney
{
    /// <summary>An amount to the krona, half away from zero: 404 530 × 320,36 = 129 595 230,80 → 129 595 231.</summary>
    public static decimal ToKrona(decimal amount) => Math.Round(amount, 0, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The highest whole amount per årsanställning the anslag allows: anslag ÷ applied ombudstjänster rounded down, so
    /// that the amount × the applied ombudstjänster never exceeds the anslag (130 000 000 ÷ 320,36 → 405 793).
    /// </summary>
    public static decimal HighestAmountWithin(decimal appropriation, decimal appliedFullTimeEquivalents) =>
        Math.Floor(appropriation / appliedFullTimeEquivalents);
}
