using System.Globalization;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Replay;

/// <summary>
/// The names of one replay of a year (docs/replay.md). A replay writes a fresh set of the tables under its own prefix
/// (<see cref="StorageTables"/>) and its validation reports to that set's results container; a switch keeps the live
/// rows it replaces under a backup prefix until an explicit clean-up.
/// </summary>
public sealed record ReplaySet(int Year, string Id)
{
    private const string Format = "yyyyMMddHHmmss";

    /// <summary>A new replay of <paramref name="year"/> started at <paramref name="at"/> (UTC): <c>Replay2025T20261202031500</c>.</summary>
    public static ReplaySet New(int year, DateTimeOffset at) =>
        new(year, string.Create(CultureInfo.InvariantCulture, $"Replay{year:0000}T{at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}"));

    /// <summary>The id when <paramref name="id"/> names a replay of <paramref name="year"/>; otherwise null (ids come from URLs and command lines).</summary>
    public static ReplaySet? Parse(int year, string? id)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"Replay{year:0000}T");
        return id is { Length: > 0 } && id.StartsWith(prefix, StringComparison.Ordinal)
            && DateTime.TryParseExact(id[prefix.Length..], Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? new ReplaySet(year, id)
            : null;
    }

    /// <summary>The prefix of the replay's tables (the id itself).</summary>
    public string TablePrefix => Id;

    /// <summary>The prefix under which a switch keeps the live rows it replaced: <c>Backup2025T20261202031500</c>.</summary>
    public string BackupPrefix => "Backup" + Id["Replay".Length..];
}

/// <summary>What a replay run did (docs/replay.md); <see cref="DifferenceCount"/> 0 means the replay matches the live tables.</summary>
public sealed record ReplayRun(
    int Year,
    string ReplayId,
    string StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int Originals,
    int DifferenceCount);

/// <summary>
/// What a switch did: the replay now live for the year, the backup kept, the year's new revision.
/// <paramref name="UploadsDuringSwitch"/>: uploads of the year the intake processed while the switch ran (in neither the
/// backup nor the replay); their rows were kept, and a new replay of the year picks them up (docs/replay.md).
/// </summary>
public sealed record ReplaySwitch(
    int Year,
    string ReplayId,
    string BackupPrefix,
    string SwitchedBy,
    DateTimeOffset SwitchedAt,
    string Revision,
    int RowsReplaced,
    int UploadsDuringSwitch = 0);

/// <summary>The report formats of a replay (JSON for machines, xlsx for people; both Swedish where read by people).</summary>
public enum ReplayReportFormat
{
    Json,
    Xlsx,
}

/// <summary>Runs a replay of a year into a fresh table set and reports what differs from the live tables.</summary>
public interface IYearReplay
{
    /// <summary>
    /// Reads every kept original of the year (reports, grant registers, contacts registers) in upload order, runs today's
    /// intake on each into a new <see cref="ReplaySet"/>, compares with the live tables and stores the report.
    /// Never writes the live tables.
    /// </summary>
    Task<ReplayRun> RunAsync(int year, string actor, CancellationToken cancellationToken);

    /// <summary>The stored report of a replay, or null when there is none.</summary>
    Task<BinaryData?> OpenReportAsync(ReplaySet replay, ReplayReportFormat format, CancellationToken cancellationToken);
}

/// <summary>The explicit steps after a replay: make it live for its year, and clean up what a replay and a switch leave.</summary>
public interface IReplaySwitch
{
    /// <summary>
    /// Makes the replay's rows of its year live: keeps the live rows of the year under <see cref="ReplaySet.BackupPrefix"/>,
    /// replaces them by the replay's, bumps the year's revision and logs who did it.
    /// </summary>
    Task<ReplaySwitch> SwitchAsync(ReplaySet replay, string actor, CancellationToken cancellationToken);

    /// <summary>Deletes the replay's tables and results container, and the backup of its switch if any; logs who did it.</summary>
    Task CleanUpAsync(ReplaySet replay, string actor, CancellationToken cancellationToken);
}
