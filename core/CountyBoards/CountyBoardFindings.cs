using PoIntake.Core.Intake;

namespace PoIntake.Core.CountyBoards;

/// <summary>
/// The findings of the county board's report that are its own (the codes in <see cref="FindingCodes"/>, docs/findings.md,
/// "County board's report"): the path's here, the cells' where the parser checks them, most of them the shared value findings of every workbook.
/// </summary>
internal static class CountyBoardFindings
{
    public static Finding PathInvalid(string name) => Finding.ForFile(
        FindingCodes.CountyBoardPathInvalid,
        $"Filen \"{name}\" ligger inte som {CountyBoardReportPath.Container}/år/länskod.xlsx (t.ex. {CountyBoardReportPath.Container}/2021/14.xlsx) med ett år från {ContractLimits.FirstYear} och en länskod som finns.",
        $"Lämna in länsstyrelsens redovisning som {CountyBoardReportPath.Container}/{{år}}/{{länskod}}.xlsx, eller ladda upp den på sidan Uppladdning.");
}
