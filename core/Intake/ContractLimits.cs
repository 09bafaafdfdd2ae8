namespace PoIntake.Core.Intake;

/// <summary>The bounds the workbook contract sets (docs/workbook-contract.md); the parser, the template and the hosts read them here.</summary>
public static class ContractLimits
{
    /// <summary>The first reporting year: förordningen (2013:522) applies from 2013.</summary>
    public const int FirstYear = 2013;

    /// <summary>The last year the template accepts (its year cell's validation) and the HTTP routes take.</summary>
    public const int LastYear = 2100;

    /// <summary>Names, contact person, phone: the name becomes the operation key in table keys and query filters.</summary>
    public const int MaxShortText = 200;

    /// <summary>Each free text of sheet Systembrister (Brist, Konsekvens, Åtgärd).</summary>
    public const int MaxLongText = 4000;
}
