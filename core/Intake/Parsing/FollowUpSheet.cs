using L = PoIntake.Core.Intake.WorkbookLabels.FollowUp;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>
/// Sheet "Uppföljning" (asked from <see cref="WorkbookLabels.ContractYears.FollowUp"/>): how new clients came, how the
/// ombud got supervision and training, user influence, the management group's form and the year's theme. Free texts are
/// optional and bounded; counts of a table's empty cell are 0 as in every table; Ja/Nej and the form are required.
/// </summary>
internal static class FollowUpSheet
{
    public static FollowUpAnswers? Read(SheetReader sheet, OmbudFigures? ombud, ClientFigures? clients)
    {
        var errorsBefore = sheet.Sink.ErrorCount;
        var changes = sheet.Text(L.ClientGroupChanges, required: false, L.MaxTextLength);

        var sources = ReadColumn(sheet, L.NewClientsTitle, L.NewClientsHeader, WorkbookLabels.NewClientSources, FactKeys.Source, out var sourcesTable);

        string[] ombudRows = [.. WorkbookLabels.SupervisionForms.Select(s => s.Label), L.FurtherTraining, L.IntroductoryCourse, L.NewlyHired];
        var ombudTable = sheet.Table(L.OmbudTitle, [L.OmbudHeader], ombudRows);
        var ombudCounts = ombudTable is null ? null : sheet.CountTable(ombudTable, (row, _) => OmbudFactKey(row));

        var influence = sheet.Text(L.UserInfluence, required: false, L.MaxTextLength);
        var survey = sheet.YesNo(L.UserSurvey, whenEmpty: null, FactKeys.Scalar(Measures.HasUserSurvey));
        var form = sheet.Scalar(L.ManagementGroupForm) is { } formCell
            ? sheet.Choice(formCell.Row, formCell.Column, L.ManagementGroupForm, WorkbookLabels.ManagementGroupForms, required: true)
            : null;
        if (form is not null && sheet.Grid.FindLabel(L.ManagementGroupForm) is not null && sheet.Scalar(L.ManagementGroupForm) is { } at)
        {
            // One fact per form (1 for the chosen one, 0 for the others), all read from this one cell.
            foreach (var (value, _) in WorkbookLabels.ManagementGroupForms)
            {
                sheet.Sink.Locate(FactKeys.ManagementGroupForm(value), sheet.Sheet, at.Address, L.ManagementGroupForm);
            }
        }

        var seat = sheet.YesNo(L.UserOrganisationsOffered, whenEmpty: null, FactKeys.Scalar(Measures.UserOrganisationsOfferedSeat));
        var theme = ReadTheme(sheet);

        if (sheet.Sink.ErrorCount > errorsBefore || sources is null || sourcesTable is null || ombudTable is null || ombudCounts is null ||
            survey is null || form is null || seat is null)
        {
            return null;
        }

        var byOmbudRow = ombudCounts.ToDictionary(kv => kv.Key.Row, kv => kv.Value, StringComparer.Ordinal);
        var supervision = WorkbookLabels.SupervisionForms.ToDictionary(s => s.Value, s => byOmbudRow[s.Label]);
        var ok = CheckSources(sheet, sources, sourcesTable, clients);
        ok &= CheckOmbud(sheet, ombudTable, byOmbudRow, ombud);
        if (!ok)
        {
            return null;
        }

        return new FollowUpAnswers(
            changes,
            sources,
            supervision,
            byOmbudRow[L.FurtherTraining],
            byOmbudRow[L.IntroductoryCourse],
            byOmbudRow[L.NewlyHired],
            influence,
            survey.Value,
            form.Value,
            seat.Value,
            theme);
    }

    private static string OmbudFactKey(string row) => row switch
    {
        L.FurtherTraining => FactKeys.Scalar(Measures.OmbudInFurtherTraining),
        L.IntroductoryCourse => FactKeys.Scalar(Measures.OmbudInIntroductoryCourse),
        L.NewlyHired => FactKeys.Scalar(Measures.OmbudNewlyHired),
        _ => FactKeys.Supervision(WorkbookLabels.SupervisionForms.First(s => s.Label == row).Value),
    };

    private static Dictionary<T, int>? ReadColumn<T>(
        SheetReader sheet, string title, string header, IReadOnlyList<(T Value, string Label)> rows, Func<T, string> factKey, out TableLayout? table)
        where T : struct, Enum
    {
        table = sheet.Table(title, [header], [.. rows.Select(r => r.Label)]);
        var values = table is null ? null : sheet.CountTable(table, (row, _) => factKey(rows.First(r => r.Label == row).Value));
        return values?.ToDictionary(kv => rows.First(r => r.Label == kv.Key.Row).Value, kv => kv.Value);
    }

    private static ThemeAnswer? ReadTheme(SheetReader sheet)
    {
        // A year without a theme has neither row (TemplateOptions); only the answer's label decides whether it was asked.
        if (sheet.Grid.FindLabel(L.ThemeAnswer) is null)
        {
            return null;
        }

        var question = sheet.Grid.FindLabel(L.ThemeQuestion) is null ? null : sheet.Text(L.ThemeQuestion, required: false, L.MaxTextLength);
        var answer = sheet.Text(L.ThemeAnswer, required: false, L.MaxTextLength);
        return new ThemeAnswer(question, answer);
    }

    private static bool CheckSources(SheetReader sheet, Dictionary<NewClientSource, int> sources, TableLayout table, ClientFigures? clients)
    {
        var sum = sources.Values.Sum();
        if (clients is null || sum <= clients.New)
        {
            return true;
        }

        var column = table.Columns[L.NewClientsHeader];
        var first = A1.Address(table.Rows.Values.Min(), column);
        var last = A1.Address(table.Rows.Values.Max(), column);
        sheet.Error(
            FindingCodes.ClientSourcesExceedNew,
            first,
            L.NewClientsTitle,
            $"{sum} nya klienter efter hur de kom, men {clients.New} nya klienter under året (bladet \"{WorkbookLabels.Sheets.Clients}\")",
            $"högst {clients.New} (Nya klienter under året)",
            $"Rätta antalen i cellerna {first}–{last} eller Nya klienter under året i bladet \"{WorkbookLabels.Sheets.Clients}\".");
        return false;
    }

    private static bool CheckOmbud(SheetReader sheet, TableLayout table, Dictionary<string, int> counts, OmbudFigures? ombud)
    {
        if (ombud is null)
        {
            return true;
        }

        var total = ombud.Ombud.Total;
        var column = table.Columns[L.OmbudHeader];
        var ok = true;
        var supervisionSum = WorkbookLabels.SupervisionForms.Sum(s => counts[s.Label]);
        if (supervisionSum > total)
        {
            ok = false;
            var first = A1.Address(table.Rows[WorkbookLabels.SupervisionForms[0].Label], column);
            sheet.Error(
                FindingCodes.FollowUpOmbudExceedsOmbud,
                first,
                L.OmbudTitle,
                $"{supervisionSum} ombud efter handledningsform, men {total} personliga ombud (bladet \"{WorkbookLabels.Sheets.Ombud}\")",
                $"högst {total}: varje ombud räknas under en handledningsform",
                $"Rätta antalen under {L.OmbudTitle} från cell {first}, eller antalet personliga ombud i bladet \"{WorkbookLabels.Sheets.Ombud}\".");
        }

        foreach (var label in new[] { L.FurtherTraining, L.IntroductoryCourse, L.NewlyHired })
        {
            if (counts[label] > total)
            {
                ok = false;
                var address = A1.Address(table.Rows[label], column);
                sheet.Error(
                    FindingCodes.FollowUpOmbudExceedsOmbud,
                    address,
                    label,
                    $"{counts[label]} ombud, men {total} personliga ombud (bladet \"{WorkbookLabels.Sheets.Ombud}\")",
                    $"högst {total} (antalet personliga ombud)",
                    $"Rätta antalet i cell {address}, eller antalet personliga ombud i bladet \"{WorkbookLabels.Sheets.Ombud}\".");
            }
        }

        return ok;
    }
}
