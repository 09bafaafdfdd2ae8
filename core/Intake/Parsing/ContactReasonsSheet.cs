namespace PoIntake.Core.Intake.Parsing;

/// <summary>Sheet "Kontaktorsaker": why new clients made contact, per gender (several reasons per client).</summary>
internal static class ContactReasonsSheet
{
    public const string Title = "Kontaktorsaker";

    public static IReadOnlyDictionary<(ContactReason Reason, Gender Gender), int>? Read(SheetReader sheet, ClientFigures? clients)
    {
        var genders = WorkbookLabels.Genders.Select(g => g.Label).ToArray();
        var reasons = WorkbookLabels.ContactReasons.Select(r => r.Label).ToArray();
        var table = sheet.Table(Title, genders, reasons);
        var values = table is null
            ? null
            : sheet.CountTable(table, (row, column) => FactKeys.ContactReason(ReasonOf(row), OmbudSheet.GenderOf(column)));
        if (table is null || values is null)
        {
            return null;
        }

        var ok = true;
        if (clients is not null)
        {
            foreach (var ((row, column), count) in values)
            {
                var gender = OmbudSheet.GenderOf(column);
                var limit = clients.ForGender(gender);
                if (count > limit)
                {
                    ok = false;
                    var address = A1.Address(table.Rows[row], table.Columns[column]);
                    sheet.Error(
                        FindingCodes.ContactReasonExceedsClients,
                        address,
                        SheetReader.TableField(row, column),
                        $"{count} klienter med kontaktorsaken men bara {limit} klienter ({column}) i bladet \"{WorkbookLabels.Sheets.Clients}\"",
                        $"högst {limit} (antalet klienter, {column})",
                        $"Rätta antalet i cell {address}; varje klient räknas högst en gång per orsak.");
                }
            }
        }

        return ok ? values.ToDictionary(kv => (ReasonOf(kv.Key.Row), OmbudSheet.GenderOf(kv.Key.Column)), kv => kv.Value) : null;
    }

    private static ContactReason ReasonOf(string label) => WorkbookLabels.ContactReasons.First(r => r.Label == label).Value;
}
