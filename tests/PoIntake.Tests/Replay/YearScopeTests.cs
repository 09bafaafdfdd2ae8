using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Replay;

/// <summary>Which rows of every table are a year's: the switch's and the disaster drill's one answer.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class YearScopeTests(AzuriteFixture azurite)
{
    [Fact]
    public void Tables_PlaceEveryTableOfTheStorageExactlyOnce()
    {
        // A table added to TableNames.All without saying what a switch does with it fails here.
        Assert.Equal(TableNames.All.Order(StringComparer.Ordinal), YearScope.Tables.Select(t => t.Table).Order(StringComparer.Ordinal));
        Assert.All(TableNames.All, t => Assert.NotEmpty(YearScope.Of(t).Why));
        Assert.Equal(
            [TableNames.Contacts, TableNames.NationalFigures, TableNames.ReminderLedger, TableNames.ReplayLog, TableNames.YearClosures, TableNames.YearRevisions],
            YearScope.Tables.Where(t => t.Kind != YearScopeKind.YearRows).Select(t => t.Table).Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentException>(() => YearScope.Filters(TableNames.Contacts, 2025));
        Assert.Throws<ArgumentException>(() => YearScope.Of("Nya"));
    }

    [Fact]
    public async Task ReadYearAndDeleteYear_TakeExactlyTheYearsRows_InEveryTable()
    {
        var tables = new StorageTables(new TableServiceClient(azurite.ConnectionString), "Scope" + Guid.NewGuid().ToString("N")[..12]);
        const int year = 2025;
        string[] inYear = ["2025", "2025-01", "2025-25-0123abcd"];
        string[] otherYears = ["2024-01", "2026", "2026-01-0123abcd", "20250"];
        var expected = new Dictionary<string, HashSet<(string, string)>>();
        foreach (var table in TableNames.All)
        {
            await tables.Get(table).CreateIfNotExistsAsync();
        }

        foreach (var table in YearScope.YearRowTables)
        {
            var rows = inYear.Concat(otherYears).Select(pk => Row(pk, "r1")).ToList();
            rows.AddRange(Enumerable.Range(0, 150).Select(i => Row("2025-14-big", $"f{i:000}"))); // more than one transaction
            if (table == TableNames.IntakeLog)
            {
                rows.Add(Row(StorageKeys.InvalidPartition, "in-1", "2025/x.xlsx"));
                rows.Add(Row(StorageKeys.InvalidPartition, "in-2", "2025/99/x.xlsx"));
                rows.Add(Row(StorageKeys.InvalidPartition, "out-1", "2026/x.xlsx"));
                rows.Add(Row(StorageKeys.InvalidPartition, "out-2", "reports/2025/x.xlsx"));
                rows.Add(Row(StorageKeys.InvalidPartition, "out-3", "2025x.xlsx"));
            }

            await tables.Get(table).UpsertAllAsync(rows, CancellationToken.None);
            expected[table] = [.. rows.Where(r => r.PartitionKey.StartsWith("2025-", StringComparison.Ordinal) || r.PartitionKey == "2025" || r.RowKey.StartsWith("in-", StringComparison.Ordinal))
                .Select(r => (r.PartitionKey, r.RowKey))];
        }

        await tables.Get(TableNames.YearRevisions).UpsertAllAsync([Row(YearRevisionEntity.Partition, "2025"), Row(YearRevisionEntity.Partition, "2026")], CancellationToken.None);
        await tables.Get(TableNames.Contacts).UpsertAllAsync([Row("25", "0001")], CancellationToken.None);
        await tables.Get(TableNames.ReminderLedger).UpsertAllAsync([Row("annualReport-2025", "b30-contact-x")], CancellationToken.None);
        await tables.Get(TableNames.ReplayLog).UpsertAllAsync([Row("2025", "Replay2025T20261202031500")], CancellationToken.None);

        foreach (var table in YearScope.YearRowTables)
        {
            Assert.Equal(
                expected[table].Order(),
                (await YearScope.ReadYearAsync(tables, table, year, CancellationToken.None)).Select(r => (r.PartitionKey, r.RowKey)).Order());
        }

        var deleted = await YearScope.DeleteYearAsync(tables, year, CancellationToken.None);

        Assert.Equal(expected.Values.Sum(e => e.Count) + 1, deleted);
        foreach (var table in YearScope.YearRowTables)
        {
            Assert.Empty(await YearScope.ReadYearAsync(tables, table, year, CancellationToken.None));
            Assert.Equal(
                otherYears.Length + (table == TableNames.IntakeLog ? 3 : 0),
                (await tables.Get(table).QueryAllAsync<TableEntity>("", CancellationToken.None)).Count);
        }

        Assert.Equal(["2026"], (await tables.Get(TableNames.YearRevisions).QueryAllAsync<TableEntity>("", CancellationToken.None)).Select(r => r.RowKey));
        foreach (var table in new[] { TableNames.Contacts, TableNames.ReminderLedger, TableNames.ReplayLog })
        {
            Assert.Single(await tables.Get(table).QueryAllAsync<TableEntity>("", CancellationToken.None));
        }

        Assert.Equal(0, await YearScope.DeleteYearAsync(tables, year, CancellationToken.None));
        foreach (var table in tables.All)
        {
            await tables.Service.DeleteTableAsync(table);
        }
    }

    [Fact]
    public async Task ListResultBlobs_TheYearsReportsAndGrantRegisters_NotOtherYearsNorContacts()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("scope-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateAsync();
        string[] theYear = ["2025/01/a.xlsx.0123456789abcdef.json", "_invalid/2025/a.xlsx.0123456789abcdef.json", "grants/2025/01.xlsx.0123456789abcdef.json", "_invalid/grants/2025/99.xlsx.0123456789abcdef.json"];
        string[] others = ["2026/01/a.xlsx.0123456789abcdef.json", "20250/a.xlsx.0123456789abcdef.json", "grants/2024/01.xlsx.0123456789abcdef.json", "contacts/01.xlsx.0123456789abcdef.json", "_invalid/reports/a.xlsx.0123456789abcdef.json"];
        foreach (var name in theYear.Concat(others))
        {
            await container.UploadBlobAsync(name, BinaryData.FromString("{}"));
        }

        var listed = await YearScope.ListResultBlobsAsync(container, 2025, CancellationToken.None);

        Assert.Equal(theYear.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        await container.DeleteAsync();
    }

    [Fact]
    public async Task CopiedFact_AWholeNumberReadBackAsInt32_StillDecodes()
    {
        // A switch copies rows as TableEntity: a whole-number double may come back from the service unannotated and be
        // written again as Int32. The one fact decoder must read it all the same.
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("Scope" + Guid.NewGuid().ToString("N")[..12] + TableNames.Facts);
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("2025-14-x", "clients") { ["Measure"] = "clients", ["Dimensions"] = "", ["Value"] = 17 });

        var fact = (await table.GetEntityAsync<FactEntity>("2025-14-x", "clients")).Value.ToFact();

        Assert.Equal(17m, fact.Value);
        await table.DeleteAsync();
    }

    private static TableEntity Row(string partitionKey, string rowKey, string? blobName = null) =>
        new(partitionKey, rowKey) { ["BlobName"] = blobName ?? "", ["Outcome"] = "Accepted" };
}
