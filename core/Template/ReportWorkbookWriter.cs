using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using L = PoIntake.Core.Intake.WorkbookLabels;
using Layout = PoIntake.Core.Template.TemplateLayout;

namespace PoIntake.Core.Template;

/// <summary>Writes a report into the template, as a verksamhet would have filled it in (samples, round-trip tests).</summary>
public static class ReportWorkbookWriter
{
    public static byte[] Write(AnnualReport report)
    {
        using var workbook = Fill(report);
        return ReportTemplate.ToBytes(workbook);
    }

    /// <summary>The filled workbook, for callers that still want to change it (invalid samples).</summary>
    public static XLWorkbook Fill(AnnualReport report)
    {
        var workbook = ReportTemplate.Create(report.Operation.Year, report.FollowUp?.Theme?.Question);
        WriteOperation(workbook.Worksheet(L.Sheets.Operation), report.Operation);
        if (report.IsNilReturn)
        {
            return workbook;
        }

        if (report.Ombud is { } ombud)
        {
            WriteOmbud(workbook.Worksheet(L.Sheets.Ombud), ombud);
        }

        if (report.Clients is { } clients)
        {
            WriteClients(workbook.Worksheet(L.Sheets.Clients), clients);
        }

        if (report.ContactReasons is { } reasons)
        {
            var sheet = workbook.Worksheet(L.Sheets.ContactReasons);
            foreach (var ((reason, gender), count) in reasons)
            {
                sheet.Cell(Layout.ReasonRow(reason), Layout.GenderColumn(gender)).Value = count;
            }
        }

        if (report.Waiting is { } waiting)
        {
            WriteWaiting(workbook.Worksheet(L.Sheets.Waiting), waiting);
        }

        if (report.ManagementGroup is { } management)
        {
            WriteManagement(workbook.Worksheet(L.Sheets.Management), management);
        }

        if (report.SystemDeficiencies is { } deficiencies)
        {
            WriteDeficiencies(workbook.Worksheet(L.Sheets.Deficiencies), deficiencies);
        }

        if (report.Economy is { } economy)
        {
            var sheet = workbook.Worksheet(L.Sheets.Economy);
            sheet.Cell(Layout.Economy.GrantedRow, Layout.ValueColumn).Value = economy.GrantedSek;
            sheet.Cell(Layout.Economy.SpentRow, Layout.ValueColumn).Value = economy.SpentSek;
        }

        if (workbook.Worksheets.TryGetWorksheet(L.Sheets.FollowUp, out var followUpSheet))
        {
            if (report.FollowUp is { } followUp)
            {
                WriteFollowUp(followUpSheet, followUp);
            }
            else
            {
                // Not answered: the workbook is one made from a template without the sheet, which reads back as not asked.
                followUpSheet.Delete();
            }
        }

        return workbook;
    }

    private static void WriteOperation(IXLWorksheet sheet, OperationInfo operation)
    {
        IXLCell Value(string label) => sheet.Cell(Layout.Operation.Row(label), Layout.ValueColumn);

        var registry = MunicipalityRegistry.Default;
        Value(L.Operation.Year).Value = operation.Year;
        Text(Value(L.Operation.County), Layout.CountyName(operation.CountyCode));
        Text(Value(L.Operation.Name), operation.Name);
        Text(
            Value(L.Operation.Municipalities),
            string.Join(", ", operation.MunicipalityCodes.Select(code => registry.FindMunicipality(code)?.Name ?? code)));
        Text(Value(L.Operation.OperatingForm), Label(L.OperatingForms, operation.OperatingForm));
        Text(Value(L.Operation.ProviderName), operation.ProviderName);
        Text(Value(L.Operation.OrganisationForm), operation.OrganisationForm is { } form ? Label(L.OrganisationForms, form) : null);
        Text(Value(L.Operation.ContactPerson), operation.ContactPerson);
        Text(Value(L.Operation.Email), operation.ContactEmail);
        Text(Value(L.Operation.Phone), operation.ContactPhone);
        Text(Value(L.Operation.Active), YesNo(operation.Active));
        if (L.ContractYears.Asks(L.ContractYears.District, operation.Year))
        {
            Text(Value(L.Operation.District), operation.District);
        }
    }

    private static void WriteFollowUp(IXLWorksheet sheet, FollowUpAnswers followUp)
    {
        IXLCell Value(int row) => sheet.Cell(row, Layout.ValueColumn);

        Text(Value(Layout.FollowUp.ClientGroupChangesRow), followUp.ClientGroupChanges);
        foreach (var (source, count) in followUp.NewClientSources)
        {
            Value(Layout.SourceRow(source)).Value = count;
        }

        foreach (var (form, count) in followUp.OmbudBySupervision)
        {
            Value(Layout.SupervisionRow(form)).Value = count;
        }

        Value(Layout.FollowUp.FurtherTrainingRow).Value = followUp.OmbudInFurtherTraining;
        Value(Layout.FollowUp.IntroductoryCourseRow).Value = followUp.OmbudInIntroductoryCourse;
        Value(Layout.FollowUp.NewlyHiredRow).Value = followUp.OmbudNewlyHired;
        Text(Value(Layout.FollowUp.UserInfluenceRow), followUp.UserInfluence);
        Text(Value(Layout.FollowUp.UserSurveyRow), YesNo(followUp.UserSurvey));
        Text(Value(Layout.FollowUp.ManagementGroupFormRow), Label(L.ManagementGroupForms, followUp.ManagementGroupForm));
        Text(Value(Layout.FollowUp.UserOrganisationsRow), YesNo(followUp.UserOrganisationsOfferedSeat));
        if (followUp.Theme?.Question is not null)
        {
            Text(Value(Layout.FollowUp.ThemeAnswerRow), followUp.Theme.Answer);
        }
    }

    private static void WriteOmbud(IXLWorksheet sheet, OmbudFigures ombud)
    {
        foreach (var (gender, _) in L.Genders)
        {
            sheet.Cell(Layout.Ombud.CountRow, Layout.GenderColumn(gender)).Value = ombud.Ombud[gender];
            sheet.Cell(Layout.Ombud.SupervisionRow, Layout.GenderColumn(gender)).Value = ombud.WithSupervision[gender];
        }

        sheet.Cell(Layout.Ombud.FullTimeEquivalentsRow, Layout.ValueColumn).Value = ombud.FullTimeEquivalents;
    }

    private static void WriteClients(IXLWorksheet sheet, ClientFigures clients)
    {
        foreach (var (gender, _) in L.Genders)
        {
            foreach (var (ageGroup, _) in L.AgeGroups)
            {
                sheet.Cell(Layout.GenderRow(gender), Layout.AgeColumn(ageGroup)).Value =
                    clients.ByGenderAndAge.GetValueOrDefault((gender, ageGroup));
            }

            sheet.Cell(Layout.Clients.ChildrenRow, Layout.GenderColumn(gender)).Value = clients.WithChildrenAtHome[gender];
        }

        sheet.Cell(Layout.Clients.NewRow, Layout.ValueColumn).Value = clients.New;
        sheet.Cell(Layout.Clients.EndedRow, Layout.ValueColumn).Value = clients.Ended;
    }

    private static void WriteWaiting(IXLWorksheet sheet, WaitingFigures waiting)
    {
        Text(sheet.Cell(Layout.Waiting.HasWaitingTimeRow, Layout.ValueColumn), YesNo(waiting.HasWaitingTime));
        if (waiting.HasWaitingTime || waiting.EstimatedWaitingDays != 0)
        {
            sheet.Cell(Layout.Waiting.EstimatedDaysRow, Layout.ValueColumn).Value = waiting.EstimatedWaitingDays;
        }

        Text(sheet.Cell(Layout.Waiting.HasPriorityOrderRow, Layout.ValueColumn), YesNo(waiting.HasPriorityOrder));
        foreach (var (group, rank) in waiting.Priorities)
        {
            sheet.Cell(Layout.PriorityRow(group), Layout.ValueColumn).Value = rank;
        }
    }

    private static void WriteManagement(IXLWorksheet sheet, ManagementGroup management)
    {
        foreach (var (member, _) in L.ManagementMembers)
        {
            Text(sheet.Cell(Layout.MemberRow(member), Layout.ValueColumn), YesNo(management.Represented.GetValueOrDefault(member)));
        }

        sheet.Cell(Layout.Management.MeetingsRow, Layout.ValueColumn).Value = management.Meetings;
        Text(sheet.Cell(Layout.Management.RoutineRow, Layout.ValueColumn), YesNo(management.HasDeficiencyRoutine));
    }

    private static void WriteDeficiencies(IXLWorksheet sheet, IReadOnlyList<SystemDeficiency> deficiencies)
    {
        var row = Layout.Deficiencies.FirstDataRow;
        foreach (var deficiency in deficiencies)
        {
            Text(sheet.Cell(row, 1), Label(L.DeficiencyLevels, deficiency.Level));
            Text(sheet.Cell(row, 2), Label(L.DeficiencyAreas, deficiency.Area));
            Text(sheet.Cell(row, 3), deficiency.Description);
            Text(sheet.Cell(row, 4), deficiency.Consequence);
            Text(sheet.Cell(row, 5), deficiency.Action);
            row++;
        }
    }

    /// <summary>Writes text as text: ClosedXML would otherwise turn "2021" or "1 007" into numbers.</summary>
    internal static void Text(IXLCell cell, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    private static string YesNo(bool value) => value ? L.Yes : L.No;

    private static string Label<T>(IReadOnlyList<(T Value, string Label)> labels, T value)
        where T : struct, Enum =>
        labels.First(l => EqualityComparer<T>.Default.Equals(l.Value, value)).Label;
}
