using PoIntake.Core.Intake;

namespace PoIntake.Core.CountyBoards;

/// <summary>How a field of the county board's form is read: a count, Ja/Nej, a free text or a short text.</summary>
public enum CountyBoardFieldKind
{
    Year,
    County,
    Count,
    YesNo,
    LongText,
    ShortText,
    Email,
}

/// <summary>One field of the form: its label in column A, how its value in column B is read, whether it must be filled in, and the first year the form asks it.</summary>
public sealed record CountyBoardField(string Label, CountyBoardFieldKind Kind, bool Required, int FirstYear, int Row);

/// <summary>
/// The county board's own report to Socialstyrelsen (docs/workbook-contract.md, "The county board's report"): one sheet,
/// <see cref="SheetName"/>, a label in column A and its value in column B. The fields are what the lägesrapporter's chapter
/// "Länsstyrelsernas arbete" (2017, 2020, 2021) says the county boards did — regional network meetings with the ombud,
/// training and seminars, visits to the verksamheter, taking part in the management groups' meetings, the year's action
/// plan (handlingsplan) — and what they wrote by e-mail: their assessment and proposals for improvement. The template
/// (<see cref="CountyBoardReportTemplate"/>) and the parser (<see cref="CountyBoardReportParser"/>) both read this catalogue.
/// </summary>
public static class CountyBoardReportLayout
{
    public const string SheetName = "Länsstyrelsens arbete";

    /// <summary>The first reporting year the form is asked (the 2020 and 2021 lägesrapporter were still written from e-mails).</summary>
    public const int FirstYear = 2021;

    public const int TitleRow = 1;
    public const int HintRow = 2;
    public const int LabelColumn = 1;
    public const int ValueColumn = 2;

    public const string Year = WorkbookLabels.Operation.Year;
    public const string County = WorkbookLabels.Operation.County;
    public const string NetworkMeetings = "Regionala nätverksträffar för ombuden";
    public const string Trainings = "Utbildningar och seminarier som länsstyrelsen anordnat";
    public const string TrainingParticipants = "Deltagare i utbildningarna och seminarierna";
    public const string Visits = "Besök i verksamheterna (uppföljning och tillsyn)";
    public const string ManagementGroupMeetings = "Ledningsgruppsmöten där länsstyrelsen deltog";
    public const string ActionPlan = "Handlingsplan för året lämnad till Socialstyrelsen";
    public const string Work = "Länsstyrelsens arbete under året";
    public const string Assessment = "Länsstyrelsens bedömning av verksamheten i länet";
    public const string Proposals = "Förslag på förbättringsområden";
    public const string ContactPerson = WorkbookLabels.Operation.ContactPerson;
    public const string Email = WorkbookLabels.Operation.Email;
    public const string Phone = WorkbookLabels.Operation.Phone;

    /// <summary>Each free text, as a report's (<see cref="ContractLimits.MaxLongText"/>); quoted in the lägesrapport, never counted.</summary>
    public const int MaxTextLength = ContractLimits.MaxLongText;

    /// <summary>Names, the address and the phone number, as a report's.</summary>
    public const int MaxShortText = ContractLimits.MaxShortText;

    /// <summary>The fields in the template's order, each on its own row from row 4.</summary>
    public static IReadOnlyList<CountyBoardField> Fields { get; } =
    [
        new(Year, CountyBoardFieldKind.Year, true, FirstYear, 4),
        new(County, CountyBoardFieldKind.County, true, FirstYear, 5),
        new(NetworkMeetings, CountyBoardFieldKind.Count, true, FirstYear, 7),
        new(Trainings, CountyBoardFieldKind.Count, true, FirstYear, 8),
        new(TrainingParticipants, CountyBoardFieldKind.Count, true, FirstYear, 9),
        new(Visits, CountyBoardFieldKind.Count, true, FirstYear, 10),
        new(ManagementGroupMeetings, CountyBoardFieldKind.Count, true, FirstYear, 11),
        new(ActionPlan, CountyBoardFieldKind.YesNo, true, FirstYear, 12),
        new(Work, CountyBoardFieldKind.LongText, false, FirstYear, 14),
        new(Assessment, CountyBoardFieldKind.LongText, false, FirstYear, 15),
        new(Proposals, CountyBoardFieldKind.LongText, false, FirstYear, 16),
        new(ContactPerson, CountyBoardFieldKind.ShortText, true, FirstYear, 18),
        new(Email, CountyBoardFieldKind.Email, true, FirstYear, 19),
        new(Phone, CountyBoardFieldKind.ShortText, false, FirstYear, 20),
    ];

    /// <summary>The template's row of a field.</summary>
    public static int Row(string label) => Fields.First(f => f.Label == label).Row;

    /// <summary>The template's value cell of a field, e.g. B7.</summary>
    public static string Cell(string label) => "B" + Row(label).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
