using System.ComponentModel.DataAnnotations;

namespace PoIntake.Core.Grants;

/// <summary>
/// Limits of the grant register (section <c>GrantRegister</c>, docs/grants.md). The file itself is read by the bounded
/// read of every workbook (<c>Screening</c>); these bound what a register may say.
/// </summary>
public sealed class GrantRegisterOptions
{
    public const string SectionName = "GrantRegister";

    /// <summary>Most application rows under the header (default 1 000); something filled in further down refuses the file.</summary>
    [Range(1, 20_000)]
    public int MaxRows { get; set; } = 1000;

    /// <summary>
    /// Most ombudstjänster one application may apply for (default 100 årsarbetare; a county's whole PO, as in the samples, is about 70);
    /// more is taken for a typing mistake (320 for 3,20) and refused, since it would move the national amount per årsanställning.
    /// </summary>
    [Range(1, 10_000)]
    public decimal MaxAppliedFullTimeEquivalents { get; set; } = 100;

    /// <summary>
    /// Kronor by which a granted amount may differ from the year's fixed amount per årsanställning × the granted årsarbetare
    /// before the register gets the warning GRANTS_AMOUNT_RATE_DIFFERS (default 5 000: beviljade årsarbetare are written with
    /// two decimals, and one hundredth of an årsarbetare is about 4 000 kr).
    /// </summary>
    [Range(0, 10_000_000)]
    public decimal AmountPerFullTimeEquivalentToleranceSek { get; set; } = 5000;
}
