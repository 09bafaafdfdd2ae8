using L = PoIntake.Core.Intake.WorkbookLabels.Management;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>Sheet "Ledningsgrupp": who is represented, meetings, and the routine for reporting deficiencies.</summary>
internal static class ManagementSheet
{
    public const string Title = "Ledningsgrupp";

    public static ManagementGroup? Read(SheetReader sheet)
    {
        var errorsBefore = sheet.Sink.ErrorCount;
        var members = WorkbookLabels.ManagementMembers.Select(m => m.Label).ToArray();
        var table = sheet.Table(Title, [L.RepresentedHeader], members);
        var represented = new Dictionary<ManagementMember, bool>();
        if (table is not null)
        {
            var column = table.Columns[L.RepresentedHeader];
            foreach (var (member, label) in WorkbookLabels.ManagementMembers)
            {
                if (table.Rows.TryGetValue(label, out var row) &&
                    sheet.YesNoAt(row, column, SheetReader.TableField(label, L.RepresentedHeader), whenEmpty: null, FactKeys.Member(member)) is { } yes)
                {
                    represented[member] = yes;
                }
            }
        }

        var meetings = sheet.Count(L.Meetings, required: true, FactKeys.Scalar(Measures.ManagementGroupMeetings));
        var routine = sheet.YesNo(L.DeficiencyRoutine, whenEmpty: null, FactKeys.Scalar(Measures.HasDeficiencyRoutine));
        if (sheet.Sink.ErrorCount > errorsBefore || table is null || meetings is null || routine is null)
        {
            return null;
        }

        return new ManagementGroup(represented, meetings.Value, routine.Value);
    }
}
