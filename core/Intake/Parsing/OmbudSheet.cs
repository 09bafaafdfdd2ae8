using L = PoIntake.Core.Intake.WorkbookLabels.Ombud;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>Sheet "Ombud": ombud and supervision per gender, and full-time equivalents.</summary>
internal static class OmbudSheet
{
    public static (OmbudFigures? Figures, ScalarCell? FteCell) Read(SheetReader sheet)
    {
        var genders = WorkbookLabels.Genders.Select(g => g.Label).ToArray();
        var table = sheet.Table(L.Count, genders, [L.Count, L.WithSupervision]);
        var values = table is null
            ? null
            : sheet.CountTable(table, (row, column) => FactKeys.ByGender(row == L.Count ? Measures.Ombud : Measures.OmbudWithSupervision, GenderOf(column)));

        var fteCell = sheet.Scalar(L.FullTimeEquivalents);
        var fte = fteCell is null ? null : sheet.DecimalAt(fteCell.Row, fteCell.Column, L.FullTimeEquivalents, required: true, FactKeys.Scalar(Measures.FullTimeEquivalents));
        if (table is null || values is null || fteCell is null || fte is null)
        {
            return (null, fteCell);
        }

        var ombud = Counts(values, L.Count);
        var supervision = Counts(values, L.WithSupervision);
        var ok = true;
        foreach (var (gender, label) in WorkbookLabels.Genders)
        {
            if (supervision[gender] > ombud[gender])
            {
                ok = false;
                var address = A1.Address(table.Rows[L.WithSupervision], table.Columns[label]);
                sheet.Error(
                    FindingCodes.SupervisionExceedsOmbud,
                    address,
                    SheetReader.TableField(L.WithSupervision, label),
                    $"{supervision[gender]} ombud med handledning men bara {ombud[gender]} personliga ombud ({label})",
                    $"högst {ombud[gender]} (antalet personliga ombud, {label})",
                    $"Rätta antalet i cell {address} eller antalet personliga ombud i cell {A1.Address(table.Rows[L.Count], table.Columns[label])}.");
            }
        }

        if (fte.Value > ombud.Total)
        {
            ok = false;
            sheet.Error(
                FindingCodes.FullTimeEquivalentsExceedOmbud,
                fteCell.Address,
                L.FullTimeEquivalents,
                $"{SheetReader.Format(fte.Value)} årsarbetare men {ombud.Total} personliga ombud",
                $"högst {ombud.Total} (antalet personliga ombud)",
                $"Rätta antalet årsarbetare i cell {fteCell.Address} eller antalet ombud.");
        }
        else if (fte.Value == 0 && ombud.Total > 0)
        {
            ok = false;
            sheet.Error(
                FindingCodes.FullTimeEquivalentsMissing,
                fteCell.Address,
                L.FullTimeEquivalents,
                $"0 årsarbetare men {ombud.Total} personliga ombud",
                "ett antal årsarbetare större än 0 när det finns ombud",
                $"Skriv hur många årsarbetare ombuden motsvarar i cell {fteCell.Address}, t.ex. 2,5.");
        }

        return (ok ? new OmbudFigures(ombud, supervision, fte.Value) : null, fteCell);
    }

    public static Gender GenderOf(string label) => WorkbookLabels.Genders.First(g => g.Label == label).Value;

    public static GenderCounts Counts(IReadOnlyDictionary<(string Row, string Column), int> values, string row) =>
        new(
            values[(row, WorkbookLabels.Genders[0].Label)],
            values[(row, WorkbookLabels.Genders[1].Label)],
            values[(row, WorkbookLabels.Genders[2].Label)]);
}
