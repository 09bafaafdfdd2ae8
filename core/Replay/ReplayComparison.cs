using System.Text.Json.Nodes;
using PoIntake.Core.Contacts;
using PoIntake.Core.Grants;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Replay;

/// <summary>
/// What one table set holds for a year, as the comparison reads it: the uploads (IntakeLog), the current reports, the
/// national totals as their JSON serialises them, the grant registers and the contacts registers.
/// </summary>
public sealed record ReplaySnapshot(
    IReadOnlyList<IntakeLogEntity> Uploads,
    IReadOnlyList<CurrentReport> CurrentReports,
    JsonNode? Totals,
    IReadOnlyList<GrantRegister> GrantRegisters,
    IReadOnlyList<GrantRegisterVersion> GrantVersions,
    IReadOnlyList<Contact> Contacts)
{
    /// <summary>Reads a set through its own stores; <paramref name="totals"/> computes the year's totals with the existing code.</summary>
    public static async Task<ReplaySnapshot> ReadAsync(
        int year,
        IntakeLogStore log,
        CurrentReportStore currentReports,
        GrantRegisterStore grants,
        ContactStore contacts,
        TotalsService totals,
        CancellationToken cancellationToken)
    {
        var computed = await totals.ComputeAsync(year, string.Empty, cancellationToken);
        return new ReplaySnapshot(
            await log.ListYearEntitiesAsync(year, cancellationToken),
            await currentReports.ListAsync(year, cancellationToken),
            computed is null ? null : JsonNode.Parse(computed.Json),
            await grants.ReadYearAsync(year, cancellationToken),
            await grants.ListYearVersionsAsync(year, cancellationToken),
            await contacts.ListAsync(cancellationToken));
    }
}

/// <summary>
/// Compares the live tables with a replay (docs/replay.md). What differs between two honest runs of the same originals is
/// not compared: <see cref="IgnoredTotalsFields"/>, IntakeLog's ProcessedAt, Attempts, FailureReason and finding texts (codes
/// only), YearRevisions (revision GUIDs, ChangedAt), Timestamp and ETag of every row.
/// </summary>
public static class ReplayComparison
{
    /// <summary>Fields of the totals JSON that differ on every computation.</summary>
    public static IReadOnlyList<string> IgnoredTotalsFields { get; } = ["$.generatedAt"];

    public static IReadOnlyList<ReplayDifference> Compare(ReplaySnapshot live, ReplaySnapshot replay, MunicipalityRegistry registry)
    {
        var differences = new List<ReplayDifference>();
        Uploads(live.Uploads, replay.Uploads, differences);
        CurrentReports(live.CurrentReports, replay.CurrentReports, registry, differences);
        Totals("$", live.Totals, replay.Totals, differences);
        GrantRegisters(live, replay, registry, differences);
        Contacts(live.Contacts, replay.Contacts, registry, differences);
        return differences;
    }

    private static void Uploads(IReadOnlyList<IntakeLogEntity> live, IReadOnlyList<IntakeLogEntity> replay, List<ReplayDifference> differences) =>
        Pairs(
            differences,
            ReplayArea.Upload,
            Join(live, replay, e => e.BlobName + "\n" + e.Sha256, StringComparer.Ordinal),
            e => e.BlobName,
            e => UploadNode(e, Codes(e)),
            e => ReplayTexts.UploadState(e, Codes(e)),
            e => e.PartitionKey == StorageKeys.InvalidPartition ? null : StorageKeys.CountyOf(e.PartitionKey),
            (e, before, after) => ReplayTexts.Upload(e.BlobName, before, after));

    private static string[] Codes(IntakeLogEntity entry) => [.. IntakeJson.DeserializeFindings(entry.FindingsJson).Select(f => f.Code)];

    private static JsonObject UploadNode(IntakeLogEntity entry, IReadOnlyList<string> codes) => new()
    {
        ["sha256"] = entry.Sha256,
        ["outcome"] = entry.Outcome,
        ["disposition"] = entry.Disposition.Length == 0 ? null : entry.Disposition,
        ["versionId"] = entry.VersionId,
        ["operationKey"] = entry.OperationKey,
        ["findingCodes"] = new JsonArray([.. codes.Select(c => (JsonNode?)JsonValue.Create(c))]),
    };

    private static void CurrentReports(
        IReadOnlyList<CurrentReport> live, IReadOnlyList<CurrentReport> replay, MunicipalityRegistry registry, List<ReplayDifference> differences) =>
        Pairs(
            differences,
            ReplayArea.CurrentReport,
            Join(live, replay, c => c.CountyCode + "-" + c.OperationKey, StringComparer.Ordinal),
            c => c.CountyCode + "-" + c.OperationKey,
            CurrentNode,
            ReplayTexts.CurrentState,
            c => c.CountyCode,
            (c, before, after) => ReplayTexts.Current(c.OperationName ?? c.OperationKey, ReplayTexts.County(registry, c.CountyCode), before, after));

    private static JsonObject CurrentNode(CurrentReport report) => new()
    {
        ["versionId"] = report.VersionId,
        ["blobName"] = report.BlobName,
        ["receivedAt"] = report.ReceivedAt.ToUniversalTime(),
        ["nilReturn"] = report.NilReturn,
        ["municipalityCodes"] = new JsonArray([.. report.MunicipalityCodes.Select(c => (JsonNode?)JsonValue.Create(c))]),
        ["operationName"] = report.OperationName,
        ["providerName"] = report.ProviderName,
        ["organisationForm"] = report.OrganisationForm,
    };

    /// <summary>Every leaf of the totals JSON that moved (objects by property, arrays by index), with its path.</summary>
    private static void Totals(string path, JsonNode? before, JsonNode? after, List<ReplayDifference> differences)
    {
        if (IgnoredTotalsFields.Contains(path, StringComparer.Ordinal))
        {
            return;
        }

        // An object or array on one side only is walked too, so each of its leaves is reported by its own path.
        if ((before is JsonObject || after is JsonObject) && before is JsonObject or null && after is JsonObject or null)
        {
            var beforeObject = before as JsonObject;
            var afterObject = after as JsonObject;
            var names = (beforeObject?.Select(p => p.Key) ?? [])
                .Concat((afterObject?.Select(p => p.Key) ?? []).Where(k => beforeObject?.ContainsKey(k) != true));
            foreach (var name in names.ToArray())
            {
                Totals(path + "." + name, beforeObject?[name], afterObject?[name], differences);
            }

            return;
        }

        if ((before is JsonArray || after is JsonArray) && before is JsonArray or null && after is JsonArray or null)
        {
            var beforeArray = before as JsonArray;
            var afterArray = after as JsonArray;
            for (var i = 0; i < Math.Max(beforeArray?.Count ?? 0, afterArray?.Count ?? 0); i++)
            {
                Totals(
                    path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]",
                    i < (beforeArray?.Count ?? 0) ? beforeArray![i] : null,
                    i < (afterArray?.Count ?? 0) ? afterArray![i] : null,
                    differences);
            }

            return;
        }

        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        var beforeText = ReplayTexts.Value(before);
        var afterText = ReplayTexts.Value(after);
        differences.Add(new ReplayDifference(
            ReplayArea.Totals,
            before is null ? ReplayChange.OnlyReplay : after is null ? ReplayChange.OnlyLive : ReplayChange.Changed,
            path,
            null,
            before?.DeepClone(),
            after?.DeepClone(),
            ReplayTexts.TotalsMoved(path, beforeText, afterText))
        {
            BeforeText = beforeText,
            AfterText = afterText,
        });
    }

    private static void GrantRegisters(ReplaySnapshot live, ReplaySnapshot replay, MunicipalityRegistry registry, List<ReplayDifference> differences)
    {
        Pairs(
            differences,
            ReplayArea.GrantRegister,
            Join(live.GrantRegisters, replay.GrantRegisters, r => r.CountyCode, StringComparer.Ordinal),
            r => r.CountyCode,
            GrantNode,
            r => r.VersionId,
            r => r.CountyCode,
            (r, before, after) => ReplayTexts.GrantCurrent(ReplayTexts.County(registry, r.CountyCode), before, after));
        Pairs(
            differences,
            ReplayArea.GrantVersion,
            Join(live.GrantVersions, replay.GrantVersions, v => v.VersionId, StringComparer.Ordinal),
            v => v.VersionId,
            GrantVersionNode,
            v => ReplayTexts.GrantVersionState(v.IsCurrent, v.BlobName, v.ApplicationCount),
            v => v.CountyCode,
            (v, before, after) => ReplayTexts.GrantVersion(ReplayTexts.County(registry, v.CountyCode), v.VersionId, before, after));
    }

    private static JsonObject GrantNode(GrantRegister register) => new()
    {
        ["versionId"] = register.VersionId,
        ["receivedAt"] = register.ReceivedAt.ToUniversalTime(),
        ["applicationCount"] = register.Applications.Count,
    };

    private static JsonObject GrantVersionNode(GrantRegisterVersion version) => new()
    {
        ["blobName"] = version.BlobName,
        ["sha256"] = version.Sha256,
        ["receivedAt"] = version.ReceivedAt.ToUniversalTime(),
        ["isCurrent"] = version.IsCurrent,
        ["applicationCount"] = version.ApplicationCount,
        ["warningCount"] = version.WarningCount,
    };

    private static void Contacts(IReadOnlyList<Contact> live, IReadOnlyList<Contact> replay, MunicipalityRegistry registry, List<ReplayDifference> differences)
    {
        var liveByCounty = live.GroupBy(c => c.CountyCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var replayByCounty = replay.GroupBy(c => c.CountyCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        foreach (var county in liveByCounty.Keys.Union(replayByCounty.Keys).Order(StringComparer.Ordinal))
        {
            var before = liveByCounty.GetValueOrDefault(county) ?? [];
            var after = replayByCounty.GetValueOrDefault(county) ?? [];
            var differing = Enumerable.Range(0, Math.Max(before.Length, after.Length))
                .Count(i => i >= before.Length || i >= after.Length || before[i] != after[i]);
            if (differing == 0)
            {
                continue;
            }

            // Counts only: the rows hold names and e-mail addresses, which the report need not copy.
            differences.Add(new ReplayDifference(
                ReplayArea.Contacts,
                before.Length == 0 ? ReplayChange.OnlyReplay : after.Length == 0 ? ReplayChange.OnlyLive : ReplayChange.Changed,
                county,
                county == ContactRegisterRules.NationalRegister ? null : county,
                new JsonObject { ["count"] = before.Length, ["rowsDiffering"] = differing },
                new JsonObject { ["count"] = after.Length, ["rowsDiffering"] = differing },
                ReplayTexts.ContactsChanged(ReplayTexts.ContactRegister(registry, county), before.Length, after.Length, differing))
            {
                BeforeText = ReplayTexts.ContactsState(before.Length),
                AfterText = ReplayTexts.ContactsState(after.Length),
            });
        }
    }

    private static ReplayChange Change(object? before, object? after) =>
        before is null ? ReplayChange.OnlyReplay : after is null ? ReplayChange.OnlyLive : ReplayChange.Changed;

    /// <summary>
    /// One difference per subject whose state differs: <paramref name="node"/> is what the JSON compares and carries,
    /// <paramref name="state"/> the Swedish state for the xlsx, <paramref name="describe"/> the sentence (null state: absent).
    /// </summary>
    private static void Pairs<T>(
        List<ReplayDifference> differences,
        ReplayArea area,
        IEnumerable<(T? Before, T? After)> pairs,
        Func<T, string> subject,
        Func<T, JsonNode> node,
        Func<T, string> state,
        Func<T, string?> county,
        Func<T, string?, string?, string> describe)
        where T : class
    {
        foreach (var (before, after) in pairs)
        {
            var beforeNode = before is null ? null : node(before);
            var afterNode = after is null ? null : node(after);
            if (JsonNode.DeepEquals(beforeNode, afterNode))
            {
                continue;
            }

            var any = (before ?? after)!;
            var beforeText = before is null ? null : state(before);
            var afterText = after is null ? null : state(after);
            differences.Add(new ReplayDifference(area, Change(before, after), subject(any), county(any), beforeNode, afterNode, describe(any, beforeText, afterText))
            {
                BeforeText = beforeText ?? string.Empty,
                AfterText = afterText ?? string.Empty,
            });
        }
    }

    /// <summary>A full outer join by key, in key order (the contacts and the totals have their own walks).</summary>
    private static IEnumerable<(T? Before, T? After)> Join<T>(IEnumerable<T> live, IEnumerable<T> replay, Func<T, string> key, IComparer<string> order)
        where T : class
    {
        var before = live.GroupBy(key).ToDictionary(g => g.Key, g => g.First());
        var after = replay.GroupBy(key).ToDictionary(g => g.Key, g => g.First());
        foreach (var k in before.Keys.Union(after.Keys).Order(order))
        {
            yield return (before.GetValueOrDefault(k), after.GetValueOrDefault(k));
        }
    }
}
