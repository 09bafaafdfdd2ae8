using L = PoIntake.Core.Intake.WorkbookLabels.Economy;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>Sheet "Ekonomi": the state grant received and spent.</summary>
internal static class EconomySheet
{
    public static Economy? Read(SheetReader sheet)
    {
        var granted = sheet.Decimal(L.Granted, required: true, FactKeys.Scalar(Measures.GrantedSek));
        var spent = sheet.Decimal(L.Spent, required: true, FactKeys.Scalar(Measures.SpentSek));
        return granted is { } g && spent is { } s ? new Economy(g, s) : null;
    }
}
