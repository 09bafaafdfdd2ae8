using Azure.Data.Tables;
using PoIntake.Core.Intake;
using PoIntake.Core.Status;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Totals;

[Collection(AzuriteCollection.Name)]
public sealed class TotalsOnAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task IngestSupersedeReject_TotalsFollowCurrentAcceptedReports_AndStatusListsMissingAndLate()
    {
        var scenario = await StorageScenario.ForAsync(azurite);
        var random = new Random(2014);
        const int y0 = StorageScenario.PreviousYear;
        const int y = StorageScenario.Year;

        // Previous year: Stockholm covers 0114+0115, Skåne 1280, Norrbotten 2584+2523.
        foreach (var (report, file) in new[]
        {
            (StorageScenario.ValidReport(random, y0, "01", "PO Norrort", "0114", "0115"), "norrort"),
            (StorageScenario.ValidReport(random, y0, "12", "PO Malmö", "1280"), "malmo"),
            (StorageScenario.ValidReport(random, y0, "25", "PO Malmfälten", "2584", "2523"), "malmfalten"),
        })
        {
            Assert.Equal(IntakeOutcome.Accepted, (await scenario.IngestAsync(report, file)).Outcome);
        }

        // This year: Norrort drops 0115, Malmö adds Lund, Malmfälten sends a nil return, Gotland starts.
        var norrort = StorageScenario.ValidReport(random, y, "01", "PO Norrort", "0114");
        var malmo = StorageScenario.ValidReport(random, y, "12", "PO Malmö", "1280", "1281");
        var malmfalten = PublishedReportSets.NilReturn(y, "25", "PO Malmfälten", "2584");
        var gotland = StorageScenario.ValidReport(random, y, "09", "PO Gotland", "0980");
        foreach (var (report, file) in new[] { (norrort, "norrort"), (malmo, "malmo"), (malmfalten, "malmfalten"), (gotland, "gotland") })
        {
            var record = await scenario.IngestAsync(report, file);
            Assert.True(record.Outcome == IntakeOutcome.Accepted, string.Join("; ", record.Findings.Select(f => f.Code + " " + f.Message)));
        }

        var service = scenario.Get<TotalsService>();
        var totals = (await service.GetAsync(y, CancellationToken.None))!.Totals;

        TotalsExpectations.AssertFiguresMatch([norrort, malmo, gotland], totals);
        Assert.Equal(4, totals.ReportsIncluded);
        Assert.Equal(4 - 5, totals.Municipalities.ChangeFromPreviousYear);
        Assert.Equal(-1, totals.Counties.Single(c => c.Code == "01").ChangeFromPreviousYear);
        Assert.Equal(1, totals.Counties.Single(c => c.Code == "12").ChangeFromPreviousYear);
        Assert.Equal(-2, totals.Counties.Single(c => c.Code == "25").ChangeFromPreviousYear);
        Assert.Equal((1, 0, 1), (totals.Counties.Single(c => c.Code == "09").MunicipalitiesOfferingPo, totals.Counties.Single(c => c.Code == "25").Operations, totals.Counties.Single(c => c.Code == "09").Operations));

        // A corrected Malmö workbook supersedes the first; totals count only the new version.
        var corrected = StorageScenario.ValidReport(new Random(99), y, "12", "PO Malmö", "1280", "1281", "1282");
        Assert.Equal(IntakeOutcome.Accepted, (await scenario.IngestAsync(corrected, "malmo-rattad")).Outcome);
        var afterSupersede = (await service.GetAsync(y, CancellationToken.None))!.Totals;
        TotalsExpectations.AssertFiguresMatch([norrort, corrected, gotland], afterSupersede);
        Assert.Equal(4, afterSupersede.ReportsIncluded);

        // A rejected workbook (new clients above the total) changes nothing.
        var invalid = corrected with { Clients = corrected.Clients! with { New = corrected.Clients!.Total + 5 } };
        var rejection = await scenario.IngestAsync(invalid, "malmo-fel");
        Assert.Equal(IntakeOutcome.Rejected, rejection.Outcome);
        var afterReject = await service.GetAsync(y, CancellationToken.None);
        TotalsExpectations.AssertFiguresMatch([norrort, corrected, gotland], afterReject!.Totals);

        // Status: 0115 and 2523 offered PO last year and are not covered; every report arrived after 15 Jan 2015.
        var status = await scenario.Get<StatusService>().GetAsync(y, CancellationToken.None);
        Assert.Equal(["0115"], status.Counties.Single(c => c.Code == "01").MissingFromPreviousYear.Select(m => m.Code));
        Assert.Equal(["2523"], status.Counties.Single(c => c.Code == "25").MissingFromPreviousYear.Select(m => m.Code));
        Assert.Equal((4, 0, 4), (status.ReportsReceived, status.ReportsOnTime, status.ReportsLate));
        var skane = status.Counties.Single(c => c.Code == "12");
        Assert.Equal(3, skane.Uploads.Count);
        var rejectedUpload = Assert.Single(skane.Uploads, u => u.Outcome == "Rejected");
        Assert.Equal($"{y}/12/malmo-fel.xlsx", rejectedUpload.BlobName);
        Assert.True(rejectedUpload.ErrorCount > 0);
        Assert.Contains(rejectedUpload.Findings!.Value.EnumerateArray(), f => f.GetProperty("severity").ToString() is "Error" or "0");
        Assert.Equal("PO Malmö", Assert.Single(skane.Reports).OperationName);
    }

    [Fact]
    public async Task TotalsStore_ReadsRawRowsAsDocumented()
    {
        var scenario = await StorageScenario.ForAsync(azurite);
        var tables = scenario.Get<TableServiceClient>();
        const int year = 2091;
        var versionId = $"{year}-14-{new string('a', 32)}";
        await tables.GetTableClient(TableNames.CurrentReports).UpsertEntityAsync(new TableEntity($"{year}", "14-po-göteborg")
        {
            ["VersionId"] = versionId,
            ["ReceivedAt"] = new DateTimeOffset(year + 1, 1, 3, 8, 0, 0, TimeSpan.Zero),
            ["BlobName"] = $"{year}/14/gbg.xlsx",
            ["NilReturn"] = false,
            ["MunicipalityCodes"] = "1480,1481",
        });
        await tables.GetTableClient(TableNames.Facts).UpsertEntityAsync(new TableEntity(versionId, "clients|ageGroup=18-29;gender=women")
        {
            ["Measure"] = "clients", ["Dimensions"] = "ageGroup=18-29;gender=women", ["Value"] = 17d,
        });
        await tables.GetTableClient(TableNames.Facts).UpsertEntityAsync(new TableEntity(versionId, "grantedSek")
        {
            ["Measure"] = "grantedSek", ["Dimensions"] = string.Empty, ["Value"] = 1234567.25d,
        });
        await tables.GetTableClient(TableNames.SystemDeficiencies).UpsertEntityAsync(new TableEntity(versionId, "0001")
        {
            ["Level"] = "central", ["Area"] = "healthcare", ["Description"] = "Text", ["SourceRow"] = 5,
        });
        var store = scenario.Get<ITotalsStore>();

        var current = Assert.Single(await store.ReadCurrentReportsAsync(year, CancellationToken.None));
        var content = await store.ReadContentAsync(current, CancellationToken.None);

        Assert.Equal(("14", "po-göteborg", versionId, false), (current.CountyCode, current.OperationKey, current.VersionId, current.NilReturn));
        Assert.Equal(["1480", "1481"], current.MunicipalityCodes);
        Assert.Equal(17m, content.Facts.Single(f => f.Measure == "clients").Value);
        Assert.Equal("women", content.Facts.Single(f => f.Measure == "clients").Dimensions["gender"]);
        Assert.Equal(1234567.25m, content.Facts.Single(f => f.Measure == "grantedSek").Value);
        Assert.Equal((DeficiencyLevel.Central, DeficiencyArea.Healthcare, "Text"), (content.Deficiencies[0].Level, content.Deficiencies[0].Area, content.Deficiencies[0].Description));
        Assert.Empty(await store.ReadRevisionsAsync(year, year, CancellationToken.None));

        await tables.GetTableClient(TableNames.YearRevisions).UpsertEntityAsync(new TableEntity("years", $"{year}") { ["Revision"] = "r1" });
        var totals = await scenario.Get<TotalsService>().GetAsync(year, CancellationToken.None);
        Assert.Equal(17, totals!.Totals.Clients.ByGenderAndAgeGroup[Gender.Women][AgeGroup.Age18To29]);
        Assert.Equal(2, totals.Totals.Counties.Single(c => c.Code == "14").MunicipalitiesOfferingPo);
        Assert.Equal("r1|-", totals.Revision);
    }
}
