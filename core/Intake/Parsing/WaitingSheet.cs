using L = PoIntake.Core.Intake.WorkbookLabels.Waiting;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>Sheet "Väntetid": waiting time and the priority order of groups.</summary>
internal static class WaitingSheet
{
    public const int LongWaitDays = 365;

    public static WaitingFigures? Read(SheetReader sheet)
    {
        var errorsBefore = sheet.Sink.ErrorCount;
        var hasWaiting = sheet.YesNo(L.HasWaitingTime, whenEmpty: null, FactKeys.Scalar(Measures.HasWaitingTime));
        var daysCell = sheet.Scalar(L.EstimatedDays);
        var days = daysCell is null
            ? null
            : sheet.CountAt(daysCell.Row, daysCell.Column, L.EstimatedDays, emptyIsZero: false, FactKeys.Scalar(Measures.EstimatedWaitingDays), emptyIsNull: true);
        var hasOrder = sheet.YesNo(L.HasPriorityOrder, whenEmpty: null, FactKeys.Scalar(Measures.HasPriorityOrder));

        if (daysCell is not null && hasWaiting is { } waiting && sheet.Sink.ErrorCount == errorsBefore)
        {
            if (waiting && days is null)
            {
                sheet.Error(FindingCodes.WaitingDaysMissing, daysCell.Address, L.EstimatedDays,
                    "cellen är tom fast det finns väntetid",
                    "ett antal dagar (0 eller fler) när \"" + L.HasWaitingTime + "\" är Ja",
                    $"Skriv den uppskattade väntetiden i dagar i cell {daysCell.Address}, eller svara Nej på frågan om väntetid.");
            }
            else if (waiting && days == 0)
            {
                // The lägesrapport counts such a verksamhet as one with waiting time and prints its estimate as 0 (2021 Tabell 4).
                sheet.Warning(FindingCodes.WaitingZeroDays, daysCell.Address, L.EstimatedDays,
                    $"en uppskattad väntetid på 0 dagar fast \"{L.HasWaitingTime}\" är Ja",
                    "oftast ett antal dagar större än 0 när det finns väntetid; rapporten godtas och verksamheten räknas som en verksamhet med väntetid, med 0 dagar",
                    $"Kontrollera cell {daysCell.Address}: skriv den uppskattade väntetiden i dagar om den är känd, eller svara Nej på frågan om väntetid om det inte fanns någon.");
            }
            else if (!waiting && days > 0)
            {
                sheet.Error(FindingCodes.WaitingDaysWithoutWaiting, daysCell.Address, L.EstimatedDays,
                    $"{days} dagar fast \"{L.HasWaitingTime}\" är Nej",
                    "0 eller tom cell när det inte finns väntetid",
                    $"Töm cell {daysCell.Address}, eller svara Ja på frågan om väntetid.");
            }
            else if (days > LongWaitDays)
            {
                sheet.Warning(FindingCodes.WaitingDaysOver365, daysCell.Address, L.EstimatedDays,
                    $"en uppskattad väntetid på {days} dagar, mer än ett år",
                    $"oftast högst {LongWaitDays} dagar",
                    $"Kontrollera att väntetiden i cell {daysCell.Address} är angiven i dagar (inte t.ex. timmar).");
            }
        }

        var priorities = ReadPriorities(sheet, hasOrder);
        if (sheet.Sink.ErrorCount > errorsBefore || hasWaiting is null || hasOrder is null || priorities is null)
        {
            return null;
        }

        return new WaitingFigures(hasWaiting.Value, days ?? 0, hasOrder.Value, priorities);
    }

    private static Dictionary<PriorityGroup, int>? ReadPriorities(SheetReader sheet, bool? hasOrder)
    {
        var groups = WorkbookLabels.PriorityGroups.Select(g => g.Label).ToArray();
        var table = TableLocator.Locate(sheet.Grid, [L.PriorityHeader], groups);
        if (table is null && hasOrder == false)
        {
            return [];
        }

        table = sheet.Table(L.PriorityTableTitle, [L.PriorityHeader], groups);
        if (table is null)
        {
            return null;
        }

        var column = table.Columns[L.PriorityHeader];
        var priorities = new Dictionary<PriorityGroup, int>();
        var ok = table.MissingRows.Count == 0;
        foreach (var (group, label) in WorkbookLabels.PriorityGroups)
        {
            if (!table.Rows.TryGetValue(label, out var row) || sheet.Grid[row, column].IsEmpty)
            {
                continue;
            }

            var field = SheetReader.TableField(label, L.PriorityHeader);
            var address = A1.Address(row, column);
            var value = sheet.Grid[row, column];
            if (value.IsUnusable)
            {
                sheet.CountAt(row, column, field, emptyIsZero: false);
                ok = false;
                continue;
            }

            if (!CellReader.TryCount(value, out var rank) || rank is < 1 or > 3)
            {
                ok = false;
                sheet.Error(FindingCodes.PriorityInvalid, address, field, $"cellen innehåller {value.Display}",
                    "1, 2, 3 eller en tom cell", $"Skriv prioriteten 1, 2 eller 3 i cell {address}, eller töm cellen.");
                continue;
            }

            if (hasOrder == false)
            {
                ok = false;
                sheet.Error(FindingCodes.PriorityWithoutOrder, address, field,
                    $"prioriteten {rank} fast \"{L.HasPriorityOrder}\" är Nej",
                    $"tom cell när det inte finns någon prioriteringsordning",
                    $"Töm cell {address}, eller svara Ja på \"{L.HasPriorityOrder}\".");
                continue;
            }

            priorities[group] = rank;
            sheet.Sink.Locate(FactKeys.Priority(group), sheet.Sheet, address, field);
        }

        return ok ? priorities : null;
    }
}
