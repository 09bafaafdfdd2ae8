using L = PoIntake.Core.Intake.WorkbookLabels.Clients;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>Sheet "Klienter": clients by gender and age, new and ended clients, clients with children at home.</summary>
internal static class ClientsSheet
{
    public static ClientFigures? Read(SheetReader sheet)
    {
        var genders = WorkbookLabels.Genders.Select(g => g.Label).ToArray();
        var ages = WorkbookLabels.AgeGroups.Select(a => a.Label).ToArray();

        var ageTable = sheet.Table(L.ByGenderAndAgeTitle, ages, genders);
        var byAge = ageTable is null
            ? null
            : sheet.CountTable(ageTable, (row, column) => FactKeys.Clients(OmbudSheet.GenderOf(row), AgeOf(column)));

        var newCell = sheet.Scalar(L.New);
        var newClients = newCell is null ? null : sheet.CountAt(newCell.Row, newCell.Column, L.New, emptyIsZero: false, FactKeys.Scalar(Measures.ClientsNew));
        var endedCell = sheet.Scalar(L.Ended);
        var ended = endedCell is null ? null : sheet.CountAt(endedCell.Row, endedCell.Column, L.Ended, emptyIsZero: false, FactKeys.Scalar(Measures.ClientsEnded));

        var childTable = sheet.Table(L.WithChildrenTitle, genders, [L.WithChildrenRow]);
        var children = childTable is null
            ? null
            : sheet.CountTable(childTable, (_, column) => FactKeys.ByGender(Measures.ClientsWithChildrenAtHome, OmbudSheet.GenderOf(column)));

        if (byAge is null || newClients is null || ended is null || children is null || childTable is null)
        {
            return null;
        }

        var byGenderAndAge = byAge.ToDictionary(kv => (OmbudSheet.GenderOf(kv.Key.Row), AgeOf(kv.Key.Column)), kv => kv.Value);
        var withChildren = OmbudSheet.Counts(children, L.WithChildrenRow);
        var figures = new ClientFigures(byGenderAndAge, newClients.Value, ended.Value, withChildren);
        var ok = true;
        var total = figures.Total;
        if (newClients > total)
        {
            ok = false;
            ExceedsTotal(sheet, FindingCodes.NewClientsExceedTotal, newCell!, L.New, newClients.Value, total);
        }

        if (ended > total)
        {
            ok = false;
            ExceedsTotal(sheet, FindingCodes.EndedClientsExceedTotal, endedCell!, L.Ended, ended.Value, total);
        }

        foreach (var (gender, label) in WorkbookLabels.Genders)
        {
            var clients = figures.ForGender(gender);
            if (withChildren[gender] > clients)
            {
                ok = false;
                var address = A1.Address(childTable.Rows[L.WithChildrenRow], childTable.Columns[label]);
                sheet.Error(
                    FindingCodes.ChildrenExceedClients,
                    address,
                    SheetReader.TableField(L.WithChildrenRow, label),
                    $"{withChildren[gender]} klienter med hemmavarande barn men bara {clients} klienter ({label})",
                    $"högst {clients} (antalet klienter, {label}, i tabellen \"{L.ByGenderAndAgeTitle}\")",
                    $"Rätta antalet i cell {address} eller antalet klienter per ålder för {label}.");
            }
        }

        return ok ? figures : null;
    }

    public static AgeGroup AgeOf(string label) => WorkbookLabels.AgeGroups.First(a => a.Label == label).Value;

    private static void ExceedsTotal(SheetReader sheet, string code, ScalarCell cell, string field, int value, int total) =>
        sheet.Error(
            code,
            cell.Address,
            field,
            $"{value} är fler än det totala antalet klienter, {total}",
            $"högst {total} (summan av tabellen \"{L.ByGenderAndAgeTitle}\")",
            $"Rätta antalet i cell {cell.Address} eller antalen i tabellen \"{L.ByGenderAndAgeTitle}\".");
}
