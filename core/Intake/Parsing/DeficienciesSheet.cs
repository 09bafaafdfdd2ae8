using L = PoIntake.Core.Intake.WorkbookLabels.Deficiencies;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>Sheet "Systembrister": one row per deficiency, until the first row empty in all five columns.</summary>
internal static class DeficienciesSheet
{
    public const string Title = "Systembrister";

    public static IReadOnlyList<SystemDeficiency>? Read(SheetReader sheet)
    {
        var errorsBefore = sheet.Sink.ErrorCount;
        string[] headers = [L.Level, L.Area, L.Description, L.Consequence, L.Action];
        var table = sheet.Table(Title, headers, []);
        if (table is null)
        {
            return null;
        }

        var columns = headers.Select(h => table.Columns[h]).ToArray();
        var deficiencies = new List<SystemDeficiency>();
        for (var row = table.HeaderRow + 1; columns.Any(c => !sheet.Grid[row, c].IsEmpty); row++)
        {
            var levelColumn = table.Columns[L.Level];
            var level = sheet.Choice(row, levelColumn, L.Level, WorkbookLabels.DeficiencyLevels, required: true);
            var area = sheet.Choice(row, table.Columns[L.Area], L.Area, WorkbookLabels.DeficiencyAreas, required: true);
            var description = sheet.TextAt(row, table.Columns[L.Description], L.Description, required: true, L.MaxTextLength);
            var consequence = sheet.TextAt(row, table.Columns[L.Consequence], L.Consequence, required: false, L.MaxTextLength);
            var action = sheet.TextAt(row, table.Columns[L.Action], L.Action, required: false, L.MaxTextLength);
            if (level is { } l && area is { } a && description is not null)
            {
                var key = FactKeys.Deficiencies(l, a);
                if (!sheet.Sink.Locations.ContainsKey(key))
                {
                    sheet.Sink.Locate(key, sheet.Sheet, A1.Address(row, levelColumn), L.Level);
                }

                deficiencies.Add(new SystemDeficiency(l, a, description, consequence, action));
            }
        }

        return sheet.Sink.ErrorCount > errorsBefore ? null : deficiencies;
    }
}
