using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Replay;

/// <summary>What a difference is about (docs/replay.md, "The report of differences").</summary>
public enum ReplayArea
{
    /// <summary>One upload (blob name + SHA-256) of IntakeLog: outcome, disposition, finding codes, version.</summary>
    Upload,

    /// <summary>The current version of a (county, operationKey) in CurrentReports.</summary>
    CurrentReport,

    /// <summary>One field of the year's national totals, by its JSON path.</summary>
    Totals,

    /// <summary>The current grant register of a county.</summary>
    GrantRegister,

    /// <summary>One accepted version of a county's grant register.</summary>
    GrantVersion,

    /// <summary>A county's (or Socialstyrelsen's) contacts register.</summary>
    Contacts,
}

/// <summary>How the live tables and the replay differ on one subject.</summary>
public enum ReplayChange
{
    Changed,
    OnlyLive,
    OnlyReplay,
}

/// <summary>
/// One difference between the live tables (<see cref="Before"/>) and the replay (<see cref="After"/>): machine-readable
/// values and a Swedish <see cref="Description"/> for people.
/// </summary>
public sealed record ReplayDifference(
    ReplayArea Area,
    ReplayChange Change,
    string Subject,
    string? CountyCode,
    JsonNode? Before,
    JsonNode? After,
    string Description)
{
    /// <summary>The live state in Swedish, for the xlsx (the JSON has <see cref="Before"/>).</summary>
    [JsonIgnore]
    public string BeforeText { get; init; } = "";

    /// <summary>The replayed state in Swedish, for the xlsx (the JSON has <see cref="After"/>).</summary>
    [JsonIgnore]
    public string AfterText { get; init; } = "";
}

/// <summary>How many originals of each kind the replay read, and how many of them threw.</summary>
public sealed record ReplayOriginals(int Reports, int GrantRegisters, int ContactRegisters, int Failed)
{
    public int Total => Reports + GrantRegisters + ContactRegisters;
}

/// <summary>An original whose intake threw in the replay: the blob (with its container) and the exception type only.</summary>
public sealed record ReplayFailure(string Original, string Reason);

/// <summary>The report of a replay: every difference between the live tables of the year and the replay (docs/replay.md).</summary>
public sealed record ReplayReport(
    int Year,
    string ReplayId,
    string StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset GeneratedAt,
    ReplayOriginals Originals,
    IReadOnlyList<ReplayDifference> Differences,
    IReadOnlyList<ReplayFailure> Failures)
{
    public int DifferenceCount => Differences.Count;

    /// <summary>The JSON of <c>replays/{year}/{replayId}.json</c>: camelCase, enums as camelCase names, Swedish letters unescaped.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(TotalsJson.Options)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
