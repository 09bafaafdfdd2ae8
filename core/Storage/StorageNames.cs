namespace PoIntake.Core.Storage;

/// <summary>Blob containers (docs/storage.md).</summary>
public static class ContainerNames
{
    public const string Reports = "reports";
    public const string IntakeResults = "intake-results";
    public const string Contacts = "contacts";

    /// <summary>The county boards' grant registers, <c>grants/{year}/{countyCode}.xlsx</c> (docs/grants.md).</summary>
    public const string Grants = "grants";
}

/// <summary>Tables (docs/storage.md).</summary>
public static class TableNames
{
    public const string IntakeLog = "IntakeLog";
    public const string ReportVersions = "ReportVersions";
    public const string CurrentReports = "CurrentReports";
    public const string Facts = "Facts";
    public const string SystemDeficiencies = "SystemDeficiencies";
    public const string Coverage = "Coverage";
    public const string YearRevisions = "YearRevisions";
    public const string ReminderLedger = "ReminderLedger";
    public const string Contacts = "Contacts";

    // The grant register (docs/grants.md): every accepted register version, its applications, and which version counts.
    public const string GrantVersions = "GrantVersions";
    public const string GrantApplications = "GrantApplications";
    public const string CurrentGrantRegisters = "CurrentGrantRegisters";

    public static IReadOnlyList<string> All { get; } =
        [IntakeLog, ReportVersions, CurrentReports, Facts, SystemDeficiencies, Coverage, YearRevisions, ReminderLedger, Contacts,
         GrantVersions, GrantApplications, CurrentGrantRegisters];
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
