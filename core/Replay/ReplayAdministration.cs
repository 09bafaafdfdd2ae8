using System.Globalization;
using System.Text.Json;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Replay;

/// <summary>
/// Why the administration of a replay refused (docs/replay.md): <see cref="Refusal"/> is the problem's machine-readable
/// <c>refusal</c> (camelCase), <see cref="Title"/> and <see cref="Detail"/> are Swedish; <see cref="Kind"/> says which HTTP
/// status the answer gets.
/// </summary>
public sealed record ReplayRefusal(ReplayRefusalKind Kind, string Title, string Detail, string? Refusal);

public enum ReplayRefusalKind
{
    /// <summary>The replay id is not one (400).</summary>
    BadId,

    /// <summary>No such replay or report (404).</summary>
    NotFound,

    /// <summary>The replay's or the year's state does not allow it now (409).</summary>
    Conflict,
}

/// <summary>A replay administration answer: the value, or why not.</summary>
public sealed record ReplayAnswer<T>(T? Value, ReplayRefusal? Refusal)
    where T : class
{
    public static implicit operator ReplayAnswer<T>(T value) => new(value, null);

    public static implicit operator ReplayAnswer<T>(ReplayRefusal refusal) => new(null, refusal);
}

/// <summary>Where a replay's report, switch and clean-up are, under the app's <c>/api</c>.</summary>
public sealed record ReplayLinks(string Report, string ReportXlsx, string Switch, string CleanUp);

/// <summary>A replay as the administration lists it.</summary>
public sealed record ReplayListing(
    string ReplayId,
    string Status,
    string StartedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Originals,
    int DifferenceCount,
    string? SwitchedBy,
    DateTimeOffset? SwitchedAt,
    string? CleanedUpBy,
    DateTimeOffset? CleanedUpAt,
    ReplayLinks Links);

/// <summary>A replay just run, with its links.</summary>
public sealed record ReplayRunAnswer(int Year, string ReplayId, string StartedBy, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Originals, int DifferenceCount, ReplayLinks Links);

/// <summary>A replay just cleaned up.</summary>
public sealed record ReplayCleanUpAnswer(int Year, string ReplayId, string? Status, string CleanedUpBy, DateTimeOffset? CleanedUpAt);

/// <summary>A stored report of differences.</summary>
public sealed record ReplayReportFile(ReplaySet Replay, ReplayReportFormat Format, BinaryData Content);

/// <summary>
/// The administration of a year's replays (run, list, report, switch, clean up) behind the <c>manage/replay</c> routes and
/// devhost's replay commands: the route function only maps the answer to HTTP. The refusals of the replay engine, the
/// switch and the year's lock are mapped to Swedish <see cref="ReplayRefusal"/>s here, in one place (<see cref="RefusalOf"/>);
/// any other exception is a fault and is not caught.
/// </summary>
public sealed class ReplayAdministration(IYearReplay replays, IReplaySwitch switches, ReplayLogStore log)
{
    /// <summary>
    /// The route of a year's replays, under the app's <c>/api</c> prefix. The prefix is <c>manage/</c>, not <c>admin/</c>:
    /// the Functions host refuses every route starting with "admin" (its own management API).
    /// </summary>
    public const string YearRoute = "manage/replay/{year}";

    /// <summary>The route of one replay.</summary>
    public const string ReplayRoute = YearRoute + "/{replayId}";

    public const string RunRefusedTitle = "Omkörningen kunde inte startas";
    public const string SwitchRefusedTitle = "Omkörningen kan inte bli gällande";
    public const string CleanUpRefusedTitle = "Omkörningen kan inte städas bort";

    /// <summary>The URL path of a year's replays: <c>/api/manage/replay/2025</c>.</summary>
    public static string PathOf(int year) => "/api/" + YearRoute.Replace("{year}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static ReplayLinks LinksOf(int year, string replayId)
    {
        var replay = PathOf(year) + "/" + replayId;
        return new ReplayLinks(replay, replay + "?format=xlsx", replay + "/switch", replay);
    }

    /// <summary>Runs a replay of the year (see <see cref="IYearReplay.RunAsync"/>).</summary>
    public async Task<ReplayAnswer<ReplayRunAnswer>> RunAsync(int year, string actor, CancellationToken cancellationToken)
    {
        ReplayRun run;
        try
        {
            run = await replays.RunAsync(year, actor, cancellationToken);
        }
        catch (Exception e) when (RefusalOf(e, RunRefusedTitle) is { } refusal)
        {
            return refusal;
        }

        return new ReplayRunAnswer(run.Year, run.ReplayId, run.StartedBy, run.StartedAt, run.FinishedAt, run.Originals, run.DifferenceCount, LinksOf(run.Year, run.ReplayId));
    }

    /// <summary>The replays of the year, oldest first.</summary>
    public async Task<IReadOnlyList<ReplayListing>> ListAsync(int year, CancellationToken cancellationToken) =>
        [.. (await log.ListAsync(year, cancellationToken)).Select(e => new ReplayListing(
            e.RowKey, e.Status, e.StartedBy, e.StartedAt, e.FinishedAt, e.Originals, e.DifferenceCount,
            e.SwitchedBy, e.SwitchedAt, e.CleanedUpBy, e.CleanedUpAt, LinksOf(year, e.RowKey)))];

    /// <summary>The stored report of differences of one replay.</summary>
    public async Task<ReplayAnswer<ReplayReportFile>> ReportAsync(int year, string replayId, ReplayReportFormat format, CancellationToken cancellationToken)
    {
        if (ReplaySet.Parse(year, replayId) is not { } replay)
        {
            return BadId(year);
        }

        return await replays.OpenReportAsync(replay, format, cancellationToken) is { } report
            ? new ReplayReportFile(replay, format, report)
            : NotFound(replay, "Det finns ingen rapport om skillnader för omkörningen");
    }

    /// <summary>Makes the replay live for its year.</summary>
    public async Task<ReplayAnswer<ReplaySwitch>> SwitchAsync(int year, string replayId, string actor, CancellationToken cancellationToken)
    {
        if (await LoggedAsync(year, replayId, cancellationToken) is { Refusal: { } refused })
        {
            return refused;
        }

        try
        {
            return await switches.SwitchAsync(ReplaySet.Parse(year, replayId)!, actor, cancellationToken);
        }
        catch (Exception e) when (RefusalOf(e, SwitchRefusedTitle) is { } refusal)
        {
            return refusal;
        }
    }

    /// <summary>Deletes the replay's tables and results container, and the backup of its switch if any.</summary>
    public async Task<ReplayAnswer<ReplayCleanUpAnswer>> CleanUpAsync(int year, string replayId, string actor, CancellationToken cancellationToken)
    {
        if (await LoggedAsync(year, replayId, cancellationToken) is { Refusal: { } refused })
        {
            return refused;
        }

        var replay = ReplaySet.Parse(year, replayId)!;
        try
        {
            await switches.CleanUpAsync(replay, actor, cancellationToken);
        }
        catch (Exception e) when (RefusalOf(e, CleanUpRefusedTitle) is { } refusal)
        {
            return refusal;
        }

        var entry = await log.FindAsync(replay, cancellationToken);
        return new ReplayCleanUpAnswer(replay.Year, replay.Id, entry?.Status, entry?.CleanedUpBy ?? actor, entry?.CleanedUpAt);
    }

    /// <summary>
    /// The one mapping of a refusal to a <see cref="ReplayRefusal"/>: the switch's and clean-up's refusals (by reason), the
    /// year's lock, a replay of the same second, a table or container that must exist. Null for anything else (a fault).
    /// </summary>
    public static ReplayRefusal? RefusalOf(Exception exception, string title) => exception switch
    {
        ReplaySwitchRefusedException refused => new(
            refused.IsNotFound ? ReplayRefusalKind.NotFound : ReplayRefusalKind.Conflict, title, refused.Message, JsonNamingPolicy.CamelCase.ConvertName(refused.Reason.ToString())),
        YearLockedException locked => new(ReplayRefusalKind.Conflict, title, locked.Message, "yearLocked"),
        ReplayExistsException exists => new(ReplayRefusalKind.Conflict, title, exists.Message, "replayExists"),
        StorageSetMissingException missing => new(ReplayRefusalKind.Conflict, title, missing.Message, "storageSetMissing"),
        _ => null,
    };

    /// <summary>Null when the replay id is one and <c>ReplayLog</c> has it (something to switch or clean up).</summary>
    private async Task<ReplayAnswer<ReplaySet>> LoggedAsync(int year, string replayId, CancellationToken cancellationToken)
    {
        if (ReplaySet.Parse(year, replayId) is not { } replay)
        {
            return BadId(year);
        }

        return await log.FindAsync(replay, cancellationToken) is null ? NotFound(replay, "Det finns ingen omkörning") : replay;
    }

    /// <summary>The refusal of a replay id that is not one of the year's form.</summary>
    public static ReplayRefusal BadId(int year) => new(
        ReplayRefusalKind.BadId,
        "Ogiltig omkörning",
        string.Create(CultureInfo.InvariantCulture, $"En omkörning av {year} heter Replay{year}T följt av startögonblicket (ååååMMddHHmmss, UTC), till exempel Replay{year}T20261202031500. Omkörningarna av året listas under GET {PathOf(year)}."),
        null);

    private static ReplayRefusal NotFound(ReplaySet replay, string what) => new(
        ReplayRefusalKind.NotFound,
        "Omkörningen finns inte",
        string.Create(CultureInfo.InvariantCulture, $"{what} {replay.Id} av {replay.Year}. Omkörningarna av året listas under GET {PathOf(replay.Year)}."),
        null);
}

/// <summary>A replay of the year with the same id (started in the same second) is already logged (HTTP 409, Swedish message).</summary>
public sealed class ReplayExistsException(string message) : InvalidOperationException(message);
