using Azure.Data.Tables;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Tests.Storage;

/// <summary>The set of tables every store reads and writes, and the one decoder of each stored shape.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageTablesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Ingest_UnderAPrefix_WritesOnlyThePrefixedTablesAndTheTotalsReadThem()
    {
        var prefix = "T" + Guid.NewGuid().ToString("N")[..10];
        await using var h = await IntakeHarness.CreateAsync(azurite, tablePrefix: prefix);
        var (year, county) = azurite.NextOrigin();
        var report = TestReports.Create(year, county, "PO Prefixet", seed: 5);
        var blobName = $"{year}/{county}/prefixet.xlsx";
        await h.DropAsync(blobName, h.Workbook(report));

        var record = await h.Intake.IngestAsync(blobName, CancellationToken.None);

        Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
        var service = h.Get<TableServiceClient>();
        var created = new List<string>();
        await foreach (var table in service.QueryAsync(TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}")))
        {
            created.Add(table.Name);
        }

        Assert.Equal(TableNames.All.Select(t => prefix + t).Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
        var currentKey = StorageKeys.CurrentRowKey(county, OperationKey.From(report.Operation.Name));
        Assert.Single(await h.PartitionAsync<CurrentReportEntity>(prefix + TableNames.CurrentReports, StorageKeys.Year(year)), c => c.RowKey == currentKey);
        await service.CreateTableIfNotExistsAsync(TableNames.CurrentReports);
        Assert.DoesNotContain(await h.PartitionAsync<CurrentReportEntity>(TableNames.CurrentReports, StorageKeys.Year(year)), c => c.RowKey == currentKey);

        var totals = h.Get<ITotalsStore>();
        var current = Assert.Single(await totals.ReadCurrentReportsAsync(year, CancellationToken.None), c => c.CountyCode == county);
        Assert.Equal((record.VersionId, OperationKey.From(report.Operation.Name)), (current.VersionId, current.OperationKey));
        var content = await totals.ReadContentAsync(current, CancellationToken.None);
        Assert.Equal(ReportFacts.From(report).OrderBy(f => f.Key).Select(f => (f.Key, f.Value)), content.Facts.OrderBy(f => f.Key).Select(f => (f.Key, f.Value)));
        Assert.Equal(report.SystemDeficiencies!.Select(d => (d.Level, d.Area, d.Description)), content.Deficiencies.Select(d => (d.Level, d.Area, d.Description)));
        Assert.Contains(await totals.ReadRevisionsAsync(year, year, CancellationToken.None), r => r.Year == year);
    }

    [Fact]
    public async Task ReadContents_OfAYear_SameAsEachReportReadAlone_SupersededAndOtherCountiesLeftOut()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = azurite.NextOrigin();
        var (_, otherCounty) = azurite.NextOrigin();
        foreach (var (y, c, name, seed, file) in new[]
                 {
                     (year, county, "PO Ett", 1, "ett-a"), (year, county, "PO Två", 2, "tva"), (year, otherCounty, "PO Annat", 3, "annat"),
                 })
        {
            await h.DropAsync($"{y}/{c}/{file}.xlsx", h.Workbook(TestReports.Create(y, c, name, seed)));
            Assert.Equal(IntakeOutcome.Accepted, (await h.Intake.IngestAsync($"{y}/{c}/{file}.xlsx", CancellationToken.None)).Outcome);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(1100)); // a later creation second: this version replaces "PO Ett"'s first
        await h.DropAsync($"{year}/{county}/ett-b.xlsx", h.Workbook(TestReports.Create(year, county, "PO Ett", seed: 4)));
        var superseding = await h.Intake.IngestAsync($"{year}/{county}/ett-b.xlsx", CancellationToken.None);
        Assert.Equal("Current", superseding.Disposition);

        var totals = h.Get<ITotalsStore>();
        var current = (await totals.ReadCurrentReportsAsync(year, CancellationToken.None)).Where(r => r.CountyCode == county).ToArray();
        Assert.Equal(2, current.Length);
        Assert.Contains(current, r => r.VersionId == superseding.VersionId);

        var together = await totals.ReadContentsAsync(year, current, CancellationToken.None);

        Assert.Equal(current, together.Select(c => c.Report));
        foreach (var (report, content) in current.Zip(together))
        {
            var alone = await totals.ReadContentAsync(report, CancellationToken.None);
            Assert.NotEmpty(content.Facts);
            Assert.Equal(alone.Facts.Select(f => (f.Key, f.Value)), content.Facts.Select(f => (f.Key, f.Value)));
            Assert.Equal(alone.Deficiencies, content.Deficiencies);
            Assert.Equal(alone.Texts, content.Texts);
        }
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("Re-play")]
    [InlineData("Replay_2025")]
    [InlineData("Åland")]
    public void Prefix_NotLettersAndDigitsStartingWithALetter_Refused(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => new StorageTables(new TableServiceClient("UseDevelopmentStorage=true"), prefix));
        Assert.Contains(prefix, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefix_NamesEveryTableOfTheSet_WithinTheServicesLengthLimit()
    {
        var longest = new string('R', StorageTables.MaxPrefixLength);
        var tables = new StorageTables(new TableServiceClient("UseDevelopmentStorage=true"), longest);

        Assert.Equal(TableNames.All.Count, tables.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tables.All, name => Assert.InRange(name.Length, 3, 63));
        Assert.Equal(longest + "CurrentReports", tables.Get(TableNames.CurrentReports).Name);
        Assert.Throws<ArgumentException>(() => new StorageTables(new TableServiceClient("UseDevelopmentStorage=true"), longest + "R"));
    }

    [Theory]
    [InlineData("14-po-göteborg", "14", "po-göteborg")]
    [InlineData("01-a", "01", "a")]
    public void CurrentRowKey_ParsesBackToCountyAndOperation(string rowKey, string county, string operationKey)
    {
        Assert.True(StorageKeys.TryParseCurrentRowKey(rowKey, out var parsedCounty, out var parsedOperation));
        Assert.Equal((county, operationKey), (parsedCounty, parsedOperation));
        Assert.Equal(rowKey, StorageKeys.CurrentRowKey(parsedCounty, parsedOperation));
    }

    [Theory]
    [InlineData("po-utan-län")]
    [InlineData("")]
    public void CurrentRowKey_WithoutACountyPart_NotParsed(string rowKey)
    {
        Assert.False(StorageKeys.TryParseCurrentRowKey("-" + rowKey, out _, out _));
        Assert.Null(new CurrentReportEntity { PartitionKey = "2025", RowKey = "-" + rowKey }.ToRecord());
    }

    [Theory]
    [InlineData(17, 17)]
    [InlineData(1_234_567.25, 1_234_567.25)]
    [InlineData(0.1, 0.1)]
    [InlineData(0.375, 0.38)]
    public void Fact_RoundTripsThroughItsRow_ToÖre(double stored, double read)
    {
        var fact = new Fact(Measures.FullTimeEquivalents, new Dictionary<string, string> { ["gender"] = "women", ["ageGroup"] = "18-29" }, (decimal)stored);

        var row = FactEntity.From("2025-14-x", fact);
        var back = row.ToFact();

        Assert.Equal("ageGroup=18-29;gender=women", row.Dimensions);
        Assert.Equal(fact.Key, row.RowKey);
        Assert.Equal(fact.Key, back.Key);
        Assert.Equal((decimal)read, back.Value);
    }

    [Fact]
    public void Deficiency_WithAnIdTheCatalogueDoesNotKnow_IsAStorageFaultNamingTheRow()
    {
        var row = new SystemDeficiencyEntity { PartitionKey = "2025-14-x", RowKey = "0003", Level = "central", Area = "vården", Description = "Text" };

        var error = Assert.Throws<InvalidDataException>(() => row.ToRecord());

        Assert.Contains("2025-14-x/0003", error.Message, StringComparison.Ordinal);
        Assert.Contains("'vården'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deficiency_RoundTripsThroughItsRow()
    {
        var deficiency = new SystemDeficiency(DeficiencyLevel.Central, DeficiencyArea.SocialInsuranceAgency, "Långa handläggningstider", "Klienter väntar", null);

        var row = SystemDeficiencyEntity.From("2025-14-x", 2, deficiency);

        Assert.Equal(("0002", "central", "socialInsuranceAgency"), (row.RowKey, row.Level, row.Area));
        Assert.Equal(
            new StoredDeficiency(DeficiencyLevel.Central, DeficiencyArea.SocialInsuranceAgency, "Långa handläggningstider", "Klienter väntar", null),
            row.ToRecord());
    }
}
