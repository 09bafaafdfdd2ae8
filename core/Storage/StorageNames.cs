using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

/// <summary>Blob containers (docs/storage.md).</summary>
public static class ContainerNames
{
    public const string Reports = "reports";
    public const string IntakeResults = "intake-results";
    public const string Contacts = "contacts";

    /// <summary>The county boards' grant registers, <c>grants/{year}/{countyCode}.xlsx</c> (docs/grants.md).</summary>
    public const string Grants = "grants";

    /// <summary>The county boards' own reports, <c>countyboard/{year}/{countyCode}.xlsx</c> (docs/workbook-contract.md).</summary>
    public const string CountyBoard = CountyBoards.CountyBoardReportPath.Container;

    /// <summary>The reports of year replays, <c>{year}/{replayId}.json</c> and <c>.xlsx</c> (docs/replay.md).</summary>
    public const string Replays = "replays";
}

/// <summary>The tables of docs/storage.md by their base name; <see cref="StorageTables"/> puts a set's prefix in front.</summary>
public static class TableNames
{
    public const string IntakeLog = "IntakeLog";
    public const string ReportVersions = "ReportVersions";
    public const string CurrentReports = "CurrentReports";
    public const string Facts = "Facts";
    public const string SystemDeficiencies = "SystemDeficiencies";

    /// <summary>The free texts of sheet Uppföljning, one row per text (docs/storage.md).</summary>
    public const string ReportTexts = "ReportTexts";
    public const string Coverage = "Coverage";
    public const string YearRevisions = "YearRevisions";
    public const string ReminderLedger = "ReminderLedger";
    public const string Contacts = "Contacts";

    // The grant register (docs/grants.md): every accepted register version, its applications, and which version counts.
    public const string GrantVersions = "GrantVersions";
    public const string GrantApplications = "GrantApplications";
    public const string CurrentGrantRegisters = "CurrentGrantRegisters";

    // The county boards' own reports: every accepted version with its fields, and which version counts.
    public const string CountyBoardReports = "CountyBoardReports";
    public const string CurrentCountyBoardReports = "CurrentCountyBoardReports";

    /// <summary>The audit of year replays: who ran, switched and cleaned up which replay (docs/replay.md).</summary>
    public const string ReplayLog = "ReplayLog";

    /// <summary>Who closed and reopened which reporting year, when and why (docs/replay.md, "Closing a year").</summary>
    public const string YearClosures = "YearClosures";

    /// <summary>Socialstyrelsen's figures per year, every entry a version of its own (docs/grants.md, "Socialstyrelsen's figures").</summary>
    public const string NationalFigures = "NationalFigures";

    public static IReadOnlyList<string> All { get; } =
        [IntakeLog, ReportVersions, CurrentReports, Facts, SystemDeficiencies, ReportTexts, Coverage, YearRevisions, ReminderLedger, Contacts,
         GrantVersions, GrantApplications, CurrentGrantRegisters, CountyBoardReports, CurrentCountyBoardReports, ReplayLog, YearClosures, NationalFigures];
}

/// <summary>
/// One set of the tables of docs/storage.md: every store gets its tables here, so a set under a prefix
/// (<c>Replay2025IntakeLog</c> …, for replaying a year's intake beside the real tables) is another instance, not other code.
/// The registered set has no prefix.
/// </summary>
public sealed class StorageTables
{
    /// <summary>Table names are 3–63 letters and digits, starting with a letter; the longest base name leaves this much for a prefix.</summary>
    public static int MaxPrefixLength { get; } = 63 - TableNames.All.Max(name => name.Length);

    private readonly TableServiceClient _service;

    public StorageTables(TableServiceClient service, string prefix = "")
    {
        if (prefix.Length > MaxPrefixLength || (prefix.Length > 0 && !(char.IsAsciiLetter(prefix[0]) && prefix.All(char.IsAsciiLetterOrDigit))))
        {
            throw new ArgumentException(
                $"A table prefix is at most {MaxPrefixLength} ASCII letters and digits and starts with a letter: '{prefix}'.", nameof(prefix));
        }

        _service = service;
        Prefix = prefix;
    }

    public string Prefix { get; }

    /// <summary>The set's name of a table of <see cref="TableNames"/>.</summary>
    public string NameOf(string table) => Prefix + table;

    /// <summary>Every table of the set, by its full name.</summary>
    public IReadOnlyList<string> All => [.. TableNames.All.Select(NameOf)];

    public TableClient Get(string table) => _service.GetTableClient(NameOf(table));

    /// <summary>
    /// The container of the set's validation reports: <c>intake-results</c> for the registered set, and
    /// <c>{prefix, lower case}-intake-results</c> for a prefixed one, so a replay never writes the live reports.
    /// </summary>
    public string ResultsContainer => Prefix.Length == 0 ? ContainerNames.IntakeResults : Prefix.ToLowerInvariant() + "-" + ContainerNames.IntakeResults;

    public TableServiceClient Service => _service;

    /// <summary>A service client alone means the unprefixed tables (tests and tools that build one store by hand).</summary>
    public static implicit operator StorageTables(TableServiceClient service) => new(service);
}

/// <summary>
/// The name of the storage connection in configuration: a connection string under this name
/// (Azurite: "UseDevelopmentStorage=true" or a full connection string), or identity-based settings
/// PoIntakeStorage__blobServiceUri / __queueServiceUri / __tableServiceUri / __credential / __clientId.
/// </summary>
public static class ConnectionNames
{
    public const string Storage = "PoIntakeStorage";
}
