using System.Globalization;
using System.Text.Json.Nodes;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Replay;

/// <summary>
/// Every Swedish text of a replay's report of differences (docs/replay.md): the xlsx's sheet and column labels, the
/// names of areas and changes, and each difference's <c>description</c>. One place, so the JSON and the xlsx say the same.
/// </summary>
public static class ReplayTexts
{
    public const string SummarySheet = "Omkörning";
    public const string DifferencesSheet = "Skillnader";
    public const string FailuresSheet = "Misslyckade original";

    public static IReadOnlyList<string> DifferenceHeaders { get; } = ["Område", "Ändring", "Avser", "Län", "Före", "Efter", "Beskrivning"];

    public static IReadOnlyList<string> FailureHeaders { get; } = ["Original", "Orsak"];

    public const string NoDifferences = "Inga skillnader: omkörningen ger samma resultat som de levande tabellerna.";

    /// <summary>The summary sheet's rows: label and value.</summary>
    public static IReadOnlyList<(string Label, string Value)> Summary(ReplayReport report) =>
    [
        ("År", report.Year.ToString(CultureInfo.InvariantCulture)),
        ("Omkörning", report.ReplayId),
        ("Startad av", report.StartedBy),
        ("Startad (UTC)", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        ("Inlästa redovisningar", Number(report.Originals.Reports)),
        ("Inlästa bidragsregister", Number(report.Originals.GrantRegisters)),
        ("Inlästa kontaktregister", Number(report.Originals.ContactRegisters)),
        ("Original som misslyckades", Number(report.Originals.Failed)),
        ("Antal skillnader", Number(report.DifferenceCount)),
    ];

    public static string Area(ReplayArea area) => area switch
    {
        ReplayArea.Upload => "Uppladdning",
        ReplayArea.CurrentReport => "Gällande redovisning",
        ReplayArea.Totals => "Riksresultat",
        ReplayArea.GrantRegister => "Gällande bidragsregister",
        ReplayArea.GrantVersion => "Version av bidragsregister",
        ReplayArea.Contacts => "Kontaktregister",
        _ => area.ToString(),
    };

    public static string Change(ReplayChange change) => change switch
    {
        ReplayChange.Changed => "Ändrad",
        ReplayChange.OnlyLive => "Finns bara i levande tabeller",
        ReplayChange.OnlyReplay => "Finns bara i omkörningen",
        _ => change.ToString(),
    };

    public static string County(MunicipalityRegistry registry, string? code) =>
        code is null ? "" : registry.FindCountyByCode(code)?.Name ?? code;

    // ---- uploads ----

    /// <summary>An upload's state in one sentence part: "avvisad (WAITING_ZERO_DAYS)", "godtagen, gällande (inga koder)".</summary>
    public static string UploadState(IntakeLogEntity entry, IReadOnlyList<string> codes)
    {
        var outcome = entry.Outcome switch
        {
            nameof(IntakeOutcome.Accepted) => "godtagen",
            nameof(IntakeOutcome.Rejected) => "avvisad",
            nameof(IntakeOutcome.Failed) => "misslyckad",
            _ => entry.Outcome,
        };
        var disposition = entry.Disposition switch
        {
            Dispositions.Current => ", gällande",
            Dispositions.Superseded => ", ersatt av en senare",
            Dispositions.Duplicate => ", dubblett av en annan fil",
            Dispositions.OlderThanCurrent => ", äldre än den gällande",
            _ => "",
        };
        return outcome + disposition + " (" + (codes.Count == 0 ? "inga koder" : string.Join(", ", codes)) + ")";
    }

    /// <summary>The sentence of an upload's difference; a null state is an upload absent on that side.</summary>
    public static string Upload(string blobName, string? before, string? after) => (before, after) switch
    {
        (null, _) => $"Uppladdningen {blobName} saknas i de levande tabellerna och är i omkörningen {after}.",
        (_, null) => $"Uppladdningen {blobName} finns i de levande tabellerna ({before}) men kom inte med i omkörningen.",
        _ => $"Uppladdningen {blobName} var {before} och är nu {after}.",
    };

    // ---- current reports ----

    public static string CurrentState(CurrentReport report) =>
        $"{report.BlobName ?? report.VersionId}{(report.NilReturn ? " (nollrapport)" : "")}";

    public static string Current(string operation, string county, string? before, string? after) => (before, after) switch
    {
        (null, _) => $"{operation} i {county} saknar gällande redovisning i de levande tabellerna men har en i omkörningen ({after}).",
        (_, null) => $"{operation} i {county} har en gällande redovisning i de levande tabellerna ({before}) men ingen i omkörningen.",
        _ => $"Gällande redovisning för {operation} i {county} var {before} och är nu {after}.",
    };

    // ---- totals ----

    public static string Value(JsonNode? value) => value switch
    {
        null => "saknas",
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };

    public static string TotalsMoved(string path, string before, string after) =>
        $"Riksresultatets fält {path} var {before} och är nu {after}.";

    // ---- grant registers ----

    public static string GrantCurrent(string county, string? before, string? after) => (before, after) switch
    {
        (null, _) => $"{county} saknar gällande bidragsregister i de levande tabellerna men har ett i omkörningen (version {after}).",
        (_, null) => $"{county} har ett gällande bidragsregister i de levande tabellerna (version {before}) men inget i omkörningen.",
        _ => $"Gällande bidragsregister för {county} var version {before} och är nu version {after}.",
    };

    public static string GrantVersionState(bool isCurrent, string blobName, int applications) =>
        $"{(isCurrent ? "gällande" : "ersatt")}, {blobName}, {Number(applications)} ansökningar";

    public static string GrantVersion(string county, string versionId, string? before, string? after) => (before, after) switch
    {
        (null, _) => $"Version {versionId} av bidragsregistret för {county} finns bara i omkörningen ({after}).",
        (_, null) => $"Version {versionId} av bidragsregistret för {county} finns bara i de levande tabellerna ({before}); "
            + "omkörningen läser bara den nuvarande registerfilen, inte tidigare versioner av den.",
        _ => $"Version {versionId} av bidragsregistret för {county} var {before} och är nu {after}.",
    };

    // ---- contacts ----

    public static string ContactsState(int count) => $"{Number(count)} kontakter";

    public static string ContactsChanged(string register, int before, int after, int rowsDiffering) =>
        $"Kontaktregistret för {register} hade {Number(before)} kontakter och har nu {Number(after)}; {Number(rowsDiffering)} rader skiljer sig.";

    /// <summary>Socialstyrelsen's own register is named as such; a county's by its name.</summary>
    public static string ContactRegister(MunicipalityRegistry registry, string partition) =>
        partition == Contacts.ContactRegisterRules.NationalRegister ? "Socialstyrelsen" : County(registry, partition);

    private static string Number(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("sv-SE"));
}
