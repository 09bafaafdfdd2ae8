using PoIntake.Core.Intake;

namespace PoIntake.Core.CountyBoards;

/// <summary>
/// One county board's report of its own work in a year (<see cref="CountyBoardReportLayout"/>): counts of what it did,
/// whether it sent the year's action plan, three bounded free texts the lägesrapport quotes (never counted), and who to ask.
/// </summary>
public sealed record CountyBoardReport(
    int Year,
    string CountyCode,
    int NetworkMeetings,
    int Trainings,
    int TrainingParticipants,
    int Visits,
    int ManagementGroupMeetings,
    bool ActionPlanSubmitted,
    string? Work,
    string? Assessment,
    string? Proposals,
    string ContactPerson,
    string ContactEmail,
    string? ContactPhone);

/// <summary>The form when it has no error, and every finding (Swedish, naming sheet and cell).</summary>
public sealed record CountyBoardParseResult(CountyBoardReport? Report, IReadOnlyList<Finding> Findings)
{
    public IntakeOutcome Outcome => Report is not null && !Findings.Any(f => f.Severity == Severity.Error) ? IntakeOutcome.Accepted : IntakeOutcome.Rejected;

    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);
}
