using System.Text.Json.Nodes;
using PoIntake.Core.Contacts;
using PoIntake.Core.Reference;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;

namespace PoIntake.Tests.Replay;

/// <summary>The comparison's walks on their own: the totals JSON by path, what it ignores, and the contacts by count.</summary>
public sealed class ReplayComparisonTests
{
    [Fact]
    public void Totals_OnlyGeneratedAtDiffers_NoDifference()
    {
        var live = Snapshot(totals: """{"year":2025,"generatedAt":"2026-01-01T00:00:00+00:00","clients":{"total":10}}""");
        var replay = Snapshot(totals: """{"year":2025,"generatedAt":"2026-12-02T03:15:00+00:00","clients":{"total":10}}""");

        Assert.Empty(ReplayComparison.Compare(live, replay, MunicipalityRegistry.Default));
    }

    [Fact]
    public void Totals_EveryMovedLeaf_ByItsPath_WithOldAndNewValue()
    {
        var live = Snapshot(totals: """{"clients":{"total":10,"new":2},"counties":[{"code":"01","reports":1},{"code":"03","reports":1}],"overlaps":null}""");
        var replay = Snapshot(totals: """{"clients":{"total":12,"new":2},"counties":[{"code":"01","reports":2}],"overlaps":null,"added":"x"}""");

        var differences = ReplayComparison.Compare(live, replay, MunicipalityRegistry.Default);

        Assert.Equal(
            [
                ("$.clients.total", ReplayChange.Changed, "10", "12"),
                ("$.counties[0].reports", ReplayChange.Changed, "1", "2"),
                ("$.counties[1].code", ReplayChange.OnlyLive, "\"03\"", "null"),
                ("$.counties[1].reports", ReplayChange.OnlyLive, "1", "null"),
                ("$.added", ReplayChange.OnlyReplay, "null", "\"x\""),
            ],
            differences.Select(d => (d.Subject, d.Change, d.Before?.ToJsonString() ?? "null", d.After?.ToJsonString() ?? "null")));
        Assert.All(differences, d => Assert.Equal(ReplayArea.Totals, d.Area));
        Assert.Equal("Riksresultatets fält $.clients.total var 10 och är nu 12.", differences[0].Description);
    }

    [Fact]
    public void Contacts_ADifferentRegister_CountsRowsWithoutCopyingNamesOrAddresses()
    {
        Contact[] before = [new("01", ContactRole.CountyBoard, null, "Anna Andersson", "anna@lst.example.se"), new("01", ContactRole.Municipality, "0114", "Bo Berg", "bo@kommun.example.se")];
        Contact[] after = [before[0], new("01", ContactRole.Municipality, "0114", "Bo Berg", "bo.berg@kommun.example.se"), new("01", ContactRole.Municipality, "0115", "Cia", null)];

        var difference = Assert.Single(ReplayComparison.Compare(Snapshot(contacts: before), Snapshot(contacts: after), MunicipalityRegistry.Default));

        Assert.Equal((ReplayArea.Contacts, ReplayChange.Changed, "01", "01"), (difference.Area, difference.Change, difference.Subject, difference.CountyCode));
        Assert.Equal("""{"count":2,"rowsDiffering":2}""", difference.Before!.ToJsonString());
        Assert.Equal("""{"count":3,"rowsDiffering":2}""", difference.After!.ToJsonString());
        Assert.Equal("Kontaktregistret för Stockholm hade 2 kontakter och har nu 3; 2 rader skiljer sig.", difference.Description);
        var json = System.Text.Json.JsonSerializer.Serialize(difference, ReplayReport.JsonOptions);
        Assert.DoesNotContain("Bo Berg", json, StringComparison.Ordinal);
        Assert.DoesNotContain("@", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Uploads_ProcessedAtAndAttemptsDiffer_NoDifference_ButADispositionDoes()
    {
        IntakeLogEntity Entry(string disposition, int attempts, DateTimeOffset processedAt) => new()
        {
            PartitionKey = "2025-01",
            RowKey = "k",
            BlobName = "2025/01/a.xlsx",
            Sha256 = "ab",
            Outcome = "Accepted",
            Disposition = disposition,
            VersionId = "2025-01-ab",
            Attempts = attempts,
            ProcessedAt = processedAt,
            FindingsJson = "[]",
        };

        Assert.Empty(ReplayComparison.Compare(
            Snapshot(uploads: [Entry(Dispositions.Current, 3, DateTimeOffset.UnixEpoch)]),
            Snapshot(uploads: [Entry(Dispositions.Current, 1, DateTimeOffset.UtcNow)]),
            MunicipalityRegistry.Default));
        var difference = Assert.Single(ReplayComparison.Compare(
            Snapshot(uploads: [Entry(Dispositions.Superseded, 1, DateTimeOffset.UnixEpoch)]),
            Snapshot(uploads: [Entry(Dispositions.OlderThanCurrent, 1, DateTimeOffset.UnixEpoch)]),
            MunicipalityRegistry.Default));
        Assert.Equal(
            "Uppladdningen 2025/01/a.xlsx var godtagen, ersatt av en senare (inga koder) och är nu godtagen, äldre än den gällande (inga koder).",
            difference.Description);
    }

    private static ReplaySnapshot Snapshot(string? totals = null, Contact[]? contacts = null, IntakeLogEntity[]? uploads = null) =>
        new(uploads ?? [], [], totals is null ? null : JsonNode.Parse(totals), [], [], contacts ?? []);
}
