using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using L = PoIntake.Core.Intake.WorkbookLabels;

namespace PoIntake.Core.Template;

/// <summary>
/// Where the template puts things. The parser never relies on these positions (it finds labels),
/// but the template, the writer and their tests share them.
/// </summary>
internal static class TemplateLayout
{
    public const int TitleRow = 1;
    public const int HintRow = 2;
    public const int LabelColumn = 1;
    public const int ValueColumn = 2;

    /// <summary>Rows with a blank line between the title and the first label.</summary>
    public const int FirstRow = 4;

    public static class Operation
    {
        public static readonly IReadOnlyList<string> Labels =
        [
            L.Operation.Year,
            L.Operation.County,
            L.Operation.Name,
            L.Operation.Municipalities,
            L.Operation.OperatingForm,
            L.Operation.ProviderName,
            L.Operation.OrganisationForm,
            L.Operation.ContactPerson,
            L.Operation.Email,
            L.Operation.Phone,
            L.Operation.Active,
            L.Operation.District,
        ];

        public static int Row(string label) => FirstRow + IndexOf(Labels, label);
    }

    public static class Ombud
    {
        public const int HeaderRow = FirstRow;
        public const int CountRow = HeaderRow + 1;
        public const int SupervisionRow = HeaderRow + 2;
        public const int FullTimeEquivalentsRow = HeaderRow + 4;
        public const int TotalColumn = 2 + 3;
    }

    public static class Clients
    {
        public const int AgeHeaderRow = FirstRow;
        public const int FirstGenderRow = AgeHeaderRow + 1;
        public const int AgeTotalRow = FirstGenderRow + 3;
        public const int AgeTotalColumn = 2 + 4;
        public const int NewRow = AgeTotalRow + 2;
        public const int EndedRow = NewRow + 1;
        public const int ChildrenHeaderRow = EndedRow + 2;
        public const int ChildrenRow = ChildrenHeaderRow + 1;
        public const int ChildrenTotalColumn = 2 + 3;
    }

    public static class ContactReasons
    {
        public const int HeaderRow = FirstRow;
        public const int FirstReasonRow = HeaderRow + 1;
        public const int TotalColumn = 2 + 3;
    }

    public static class Waiting
    {
        public const int HasWaitingTimeRow = FirstRow;
        public const int EstimatedDaysRow = FirstRow + 1;
        public const int HasPriorityOrderRow = FirstRow + 2;
        public const int PriorityHeaderRow = FirstRow + 4;
        public const int FirstPriorityRow = PriorityHeaderRow + 1;
    }

    public static class Management
    {
        public const int HeaderRow = FirstRow;
        public const int FirstMemberRow = HeaderRow + 1;
        public const int MeetingsRow = FirstMemberRow + 7;
        public const int RoutineRow = MeetingsRow + 1;
    }

    public static class Deficiencies
    {
        public const int HeaderRow = FirstRow;
        public const int FirstDataRow = HeaderRow + 1;

        /// <summary>Rows marked for input in the blank template; the writer may fill more.</summary>
        public const int MarkedRows = 50;

        public static readonly IReadOnlyList<string> Headers =
        [
            L.Deficiencies.Level,
            L.Deficiencies.Area,
            L.Deficiencies.Description,
            L.Deficiencies.Consequence,
            L.Deficiencies.Action,
        ];
    }

    /// <summary>Sheet Uppföljning: free texts, two one-column count tables, Ja/Nej and the year's theme.</summary>
    public static class FollowUp
    {
        public const int ClientGroupChangesRow = FirstRow;
        public const int SourcesHeaderRow = ClientGroupChangesRow + 2;
        public const int FirstSourceRow = SourcesHeaderRow + 1;
        public const int OmbudHeaderRow = FirstSourceRow + 5;
        public const int FirstSupervisionRow = OmbudHeaderRow + 1;
        public const int FurtherTrainingRow = FirstSupervisionRow + 3;
        public const int IntroductoryCourseRow = FurtherTrainingRow + 1;
        public const int NewlyHiredRow = IntroductoryCourseRow + 1;
        public const int UserInfluenceRow = NewlyHiredRow + 2;
        public const int UserSurveyRow = UserInfluenceRow + 1;
        public const int ManagementGroupFormRow = UserSurveyRow + 1;
        public const int UserOrganisationsRow = ManagementGroupFormRow + 1;
        public const int ThemeQuestionRow = UserOrganisationsRow + 2;
        public const int ThemeAnswerRow = ThemeQuestionRow + 1;
    }

    public static class Economy
    {
        public const int GrantedRow = FirstRow;
        public const int SpentRow = FirstRow + 1;
    }

    /// <summary>Columns of the hidden "Listor" sheet; values start on row 2 under a header.</summary>
    public static class Lists
    {
        public const int YesNo = 1;
        public const int County = 2;
        public const int OperatingForm = 3;
        public const int OrganisationForm = 4;
        public const int DeficiencyLevel = 5;
        public const int DeficiencyArea = 6;
        public const int ManagementGroupForm = 7;
    }

    /// <summary>Official county names in code order, as offered in the Län drop-down.</summary>
    public static IReadOnlyList<(string Code, string Name)> Counties => CountyExtensions.OfficialNames;

    public static string CountyName(string code) => CountyExtensions.OfficialName(code);

    public static int GenderColumn(Gender gender) => 2 + IndexOf(L.Genders.Select(g => g.Value).ToList(), gender);

    public static int AgeColumn(AgeGroup ageGroup) => 2 + IndexOf(L.AgeGroups.Select(a => a.Value).ToList(), ageGroup);

    public static int GenderRow(Gender gender) =>
        Clients.FirstGenderRow + IndexOf(L.Genders.Select(g => g.Value).ToList(), gender);

    public static int ReasonRow(ContactReason reason) =>
        ContactReasons.FirstReasonRow + IndexOf(L.ContactReasons.Select(r => r.Value).ToList(), reason);

    public static int PriorityRow(PriorityGroup group) =>
        Waiting.FirstPriorityRow + IndexOf(L.PriorityGroups.Select(p => p.Value).ToList(), group);

    public static int SourceRow(NewClientSource source) =>
        FollowUp.FirstSourceRow + IndexOf(L.NewClientSources.Select(s => s.Value).ToList(), source);

    public static int SupervisionRow(SupervisionForm form) =>
        FollowUp.FirstSupervisionRow + IndexOf(L.SupervisionForms.Select(s => s.Value).ToList(), form);

    public static int MemberRow(ManagementMember member) =>
        Management.FirstMemberRow + IndexOf(L.ManagementMembers.Select(m => m.Value).ToList(), member);

    private static int IndexOf<T>(IReadOnlyList<T> items, T item)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(items[i], item))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(item), item, "Not part of the template layout.");
    }
}
