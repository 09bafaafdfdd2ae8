using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ClosedXML.Excel;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Reference;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;
using PoIntake.DevHost.Samples;
using PoIntake.DevHost.Storage;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Template;

namespace PoIntake.Tests.Replay;

/// <summary>
/// The replay of a year on Azurite (docs/replay.md): each test on a storage account of its own, since a replay reads
/// every original of a year and the shared account holds other tests' blobs of the same years.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class YearReplayTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CommittedSamples_ReplayedUnderTheSameRules_ReportNoDifference()
    {
        await azurite.StartAsync();
        await using var world = await ReplayWorld.CreateAsync(azurite.IsolatedConnectionString());

        var uploaded = await world.LoadSamplesAsync();

        var (run, report) = await world.RunAsync(2021);

        Assert.Equal(JsonNode.Parse("[]")!.ToJsonString(), report["differences"]!.ToJsonString());
        Assert.Equal(0, run.DifferenceCount);
        var samples2021 = uploaded.Count(u => u.BlobName.StartsWith("2021/", StringComparison.Ordinal));
        Assert.Equal(samples2021, report["originals"]!["reports"]!.GetValue<int>());
        Assert.Equal(GrantSamples.Registers(2021).Count, report["originals"]!["grantRegisters"]!.GetValue<int>());
        Assert.Equal(ContactSamples.All().Count, report["originals"]!["contactRegisters"]!.GetValue<int>());
        Assert.Equal(samples2021 + GrantSamples.Registers(2021).Count + ContactSamples.All().Count, run.Originals);

        // The replay really ran today's intake into its own set: its log holds every 2021 upload, rejections included.
        var set = ReplaySet.Parse(2021, run.ReplayId)!;
        var replayed = new IntakeLogStore(new StorageTables(world.Tables, set.TablePrefix));
        var live = world.Get<IntakeLogStore>();
        Assert.Equal(
            (await live.ListYearEntitiesAsync(2021, CancellationToken.None)).Select(e => (e.BlobName, e.Outcome, e.FindingsJson)).Order(),
            (await replayed.ListYearEntitiesAsync(2021, CancellationToken.None)).Select(e => (e.BlobName, e.Outcome, e.FindingsJson)).Order());
    }

    [Fact]
    public async Task YearWithSupersedesDuplicatesNilReturnsRejectionsAndAGrantRegister_ReportsNoDifference_AndLeavesTheLiveTablesUntouched()
    {
        await azurite.StartAsync();
        await using var world = await ReplayWorld.CreateAsync(azurite.IsolatedConnectionString());
        const int year = 2025;

        // Year − 1 only live: the previous-year comparison of the replay must read it there (PREVIOUS_YEAR_DEVIATION).
        var lastYear = TestReports.Create(year - 1, "01", "PO Norr", seed: 1);
        Assert.Equal(IntakeOutcome.Accepted, (await world.DropReportAsync($"{year - 1}/01/norr.xlsx", ReportWorkbookWriter.Write(lastYear))).Outcome);

        var v1 = ReportWorkbookWriter.Write(TestReports.Create(year, "01", "PO Norr", seed: 9));
        var v2 = ReportWorkbookWriter.Write(TestReports.Create(year, "01", "PO Norr", seed: 2));
        var first = await world.DropReportAsync($"{year}/01/a1-norr.xlsx", v1);
        Assert.Contains(first.Findings, f => f.Code == FindingCodes.PreviousYearDeviation);
        await ReplayWorld.NextSecondAsync(); // a later second, so v2 is current whatever the version ids (ties go by version id)
        await world.DropReportAsync($"{year}/01/a2-norr.xlsx", v2);
        Assert.Equal(Dispositions.Duplicate, (await world.DropReportAsync($"{year}/01/a3-norr-kopia.xlsx", v2)).Disposition);
        Assert.Equal(IntakeOutcome.Rejected, (await world.DropReportAsync($"{year}/01/b-fel-lan.xlsx", ReportWorkbookWriter.Write(TestReports.Create(year, "03", "PO Fel")))).Outcome);
        Assert.Equal(IntakeOutcome.Rejected, (await world.DropReportAsync($"{year}/01/c-trasig.xlsx", "inte en arbetsbok"u8.ToArray())).Outcome);
        Assert.Equal(IntakeOutcome.Rejected, (await world.DropReportAsync($"{year}/99/okant-lan.xlsx", v1)).Outcome);
        Assert.Equal(IntakeOutcome.Accepted, (await world.DropReportAsync($"{year}/03/vilande.xlsx", ReportWorkbookWriter.Write(TestReports.NilReturn(year, "03")))).Outcome);

        // The grant register of 03 comes before a report it cross-checks (OPERATION_NOT_IN_GRANT_REGISTER): the order matters.
        await ReplayWorld.NextSecondAsync();
        var register = await world.DropGrantRegisterAsync($"{year}/03.xlsx", GrantRegisterTemplate.Write(year, [Application(year, "03", "PO Vilande")]));
        Assert.Equal(IntakeOutcome.Accepted, register.Outcome);
        await ReplayWorld.NextSecondAsync();
        var checkedAgainstRegister = await world.DropReportAsync($"{year}/03/syd.xlsx", ReportWorkbookWriter.Write(TestReports.Create(year, "03", "PO Syd", seed: 3)));
        Assert.Contains(checkedAgainstRegister.Findings, f => f.Code == FindingCodes.OperationNotInGrantRegister);

        var liveBefore = await world.LiveStateAsync();
        var (run, report) = await world.RunAsync(year, "drift@socialstyrelsen.example.se");

        Assert.Equal("[]", report["differences"]!.ToJsonString());
        Assert.Equal(0, run.DifferenceCount);
        Assert.Equal(9, run.Originals); // 8 reports of the year (the unknown county included) and the grant register
        Assert.Equal(liveBefore, await world.LiveStateAsync());
        // The audit row, and the replay's own tables and results container hold what the live ones hold.
        var logged = await world.Get<ReplayLogStore>().FindAsync(ReplaySet.Parse(year, run.ReplayId)!, CancellationToken.None);
        Assert.NotNull(logged);
        Assert.Equal(
            (ReplayStatuses.Completed, "drift@socialstyrelsen.example.se", 9, 0),
            (logged.Status, logged.StartedBy, logged.Originals, logged.DifferenceCount));
        var set = ReplaySet.Parse(year, run.ReplayId)!;
        var replayTables = new StorageTables(world.Tables, set.TablePrefix);
        var current = await new CurrentReportStore(replayTables, new ReportVersionStore(replayTables), new IntakeLogStore(replayTables)).ListAsync(year, CancellationToken.None);
        Assert.Equal(["01-po-norr", "03-po-syd", "03-po-vilande"], current.Select(c => c.CountyCode + "-" + c.OperationKey).Order(StringComparer.Ordinal));
        Assert.Equal(StorageKeys.VersionId(year, "01", StorageKeys.Sha256Hex(v2)), current.Single(c => c.CountyCode == "01").VersionId);
        var results = new List<string>();
        await foreach (var blob in world.Blobs.GetBlobContainerClient(replayTables.ResultsContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, CancellationToken.None))
        {
            results.Add(blob.Name);
        }

        Assert.Contains(results, r => r.StartsWith($"_invalid/{year}/99/okant-lan.xlsx.", StringComparison.Ordinal));
        Assert.Contains(results, r => r.StartsWith($"grants/{year}/03.xlsx.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GrantRegisterReplacedByASecondUpload_ReplaysBothUploads_AndTheSwitchIsAllowedAndKeepsBothVersions()
    {
        await azurite.StartAsync();
        await using var world = await ReplayWorld.CreateAsync(azurite.IsolatedConnectionString());
        const int year = 2024;
        var grants = world.Get<GrantIntakeService>();
        var first = await grants.UploadAsync(year, "03", GrantRegisterTemplate.Write(year, [Application(year, "03", "PO Vilande")]), CancellationToken.None);
        await ReplayWorld.NextSecondAsync();
        var second = await grants.UploadAsync(
            year, "03", GrantRegisterTemplate.Write(year, [Application(year, "03", "PO Vilande"), Application(year, "03", "PO Syd")]), CancellationToken.None);

        // Each upload is an original of its own: the second replaces the first as the county's register, not as a blob.
        Assert.Equal((IntakeOutcome.Accepted, Dispositions.Current), (second.Outcome, second.Disposition));
        Assert.NotEqual(first.BlobName, second.BlobName);
        var live = world.Get<GrantRegisterStore>();
        Assert.Equal(2, (await live.ListVersionsAsync(year, "03", CancellationToken.None)).Count);

        var (run, report) = await world.RunAsync(year);

        Assert.Equal("[]", report["differences"]!.ToJsonString());
        Assert.Equal(2, report["originals"]!["grantRegisters"]!.GetValue<int>());
        var replay = ReplaySet.Parse(year, run.ReplayId)!;
        var replayed = new GrantRegisterStore(new StorageTables(world.Tables, replay.TablePrefix));
        Assert.Equal([second.VersionId, first.VersionId], (await replayed.ListVersionsAsync(year, "03", CancellationToken.None)).Select(v => v.VersionId));

        var switched = await world.Get<IReplaySwitch>().SwitchAsync(replay, "drift@socialstyrelsen.example.se", CancellationToken.None);

        Assert.Equal("drift@socialstyrelsen.example.se", switched.SwitchedBy);
        Assert.Equal([second.VersionId, first.VersionId], (await live.ListVersionsAsync(year, "03", CancellationToken.None)).Select(v => v.VersionId));
        Assert.Equal(second.VersionId, (await live.ReadCountyAsync(year, "03", CancellationToken.None))!.VersionId);
    }

    [Fact]
    public async Task UploadsOfTheSameSecond_ReplayedInTheOrderTheLiveIntakeTookThem_NotByName()
    {
        await azurite.StartAsync();
        await using var world = await ReplayWorld.CreateAsync(azurite.IsolatedConnectionString());
        const int year = 2023;
        var reports = world.Blobs.GetBlobContainerClient(ContainerNames.Reports);

        // Two reports of one county covering the same municipalities, uploaded in one second; the live triggers take the
        // later name first, so the earlier name is the one warned about the overlap (COVERAGE_OVERLAP names the current one).
        await ReplayWorld.NextSecondAsync();
        await reports.GetBlobClient($"{year}/01/a-syd.xlsx").UploadAsync(new BinaryData(ReportWorkbookWriter.Write(TestReports.Create(year, "01", "PO Syd", seed: 4))));
        await reports.GetBlobClient($"{year}/01/b-norr.xlsx").UploadAsync(new BinaryData(ReportWorkbookWriter.Write(TestReports.Create(year, "01", "PO Norr", seed: 5))));
        var created = new List<DateTimeOffset>();
        foreach (var name in new[] { "a-syd", "b-norr" })
        {
            created.Add((await reports.GetBlobClient($"{year}/01/{name}.xlsx").GetPropertiesAsync()).Value.CreatedOn);
        }

        Assert.Equal(created[0], created[1]); // the premise: one second, so only the live order can tell them apart
        Assert.DoesNotContain((await world.Get<IReportIntake>().IngestAsync($"{year}/01/b-norr.xlsx", CancellationToken.None)).Findings, f => f.Code == FindingCodes.CoverageOverlap);
        world.Time.Advance(TimeSpan.FromMilliseconds(40)); // the intake's clock moves on between the two, as a real one does
        Assert.Contains((await world.Get<IReportIntake>().IngestAsync($"{year}/01/a-syd.xlsx", CancellationToken.None)).Findings, f => f.Code == FindingCodes.CoverageOverlap);

        var (run, report) = await world.RunAsync(year);

        Assert.True(run.DifferenceCount == 0, report["differences"]!.ToJsonString());
    }

    [Fact]
    public async Task RuleRelaxedSinceTheLiveIntake_ShowsTheRejectedFileTheReplayNowAccepts_WithTheCodesBeforeAndAfter_InJsonAndXlsx()
    {
        await azurite.StartAsync();
        var account = azurite.IsolatedConnectionString();
        const int year = 2024;

        // The live intake ran with a stricter limit on a workbook's text than today's configuration.
        var strict = new Dictionary<string, string?> { [$"{ScreeningOptions.SectionName}:{nameof(ScreeningOptions.MaxTextChars)}"] = "30000" };
        await using (var then = await ReplayWorld.CreateAsync(account, strict))
        {
            var plain = await then.DropReportAsync($"{year}/14/kort.xlsx", ReportWorkbookWriter.Write(TestReports.Create(year, "14", "PO Kort")));
            Assert.Equal(IntakeOutcome.Accepted, plain.Outcome);
            var longTexts = TestReports.Create(year, "14", "PO Lång") with
            {
                Operation = TestReports.Create(year, "14", "PO Lång").Operation with
                {
                    MunicipalityCodes = [.. MunicipalityRegistry.Default.InCounty("14").Skip(2).Take(2).Select(m => m.Code)],
                },
                SystemDeficiencies = [.. Enumerable.Range(1, 10).Select(i => new SystemDeficiency(
                    DeficiencyLevel.Local, DeficiencyArea.SocialServices, $"Brist {i}: " + new string('å', 3_900), null, null))],
            };
            var refused = await then.DropReportAsync($"{year}/14/lang.xlsx", ReportWorkbookWriter.Write(longTexts));
            Assert.Equal([FindingCodes.FileTooManyStrings], refused.Findings.Select(f => f.Code));
        }

        await using var now = await ReplayWorld.CreateAsync(account);
        var liveBefore = await now.LiveStateAsync();
        var (run, report) = await now.RunAsync(year);

        Assert.Equal(liveBefore, await now.LiveStateAsync());
        var differences = report["differences"]!.AsArray();
        Assert.Equal(differences.Count, run.DifferenceCount);
        var upload = Assert.Single(differences, d => d!["area"]!.GetValue<string>() == "upload")!;
        Assert.Equal(("changed", $"{year}/14/lang.xlsx", "14"), (upload["change"]!.GetValue<string>(), upload["subject"]!.GetValue<string>(), upload["countyCode"]!.GetValue<string>()));
        Assert.Equal(("Rejected", "Accepted"), (upload["before"]!["outcome"]!.GetValue<string>(), upload["after"]!["outcome"]!.GetValue<string>()));
        Assert.Equal("[\"FILE_TOO_MANY_STRINGS\"]", upload["before"]!["findingCodes"]!.ToJsonString());
        Assert.Equal("[]", upload["after"]!["findingCodes"]!.ToJsonString());
        Assert.Equal(Dispositions.Current, upload["after"]!["disposition"]!.GetValue<string>());
        Assert.Equal(
            $"Uppladdningen {year}/14/lang.xlsx var avvisad (FILE_TOO_MANY_STRINGS) och är nu godtagen, gällande (inga koder).",
            upload["description"]!.GetValue<string>());

        // The verksamhet it reports is now current, and the totals count it.
        var current = Assert.Single(differences, d => d!["area"]!.GetValue<string>() == "currentReport")!;
        Assert.Equal(("onlyReplay", "14-po-lång"), (current["change"]!.GetValue<string>(), current["subject"]!.GetValue<string>()));
        var included = Assert.Single(differences, d => d!["subject"]!.GetValue<string>() == "$.reportsIncluded")!;
        Assert.Equal((1, 2), (included["before"]!.GetValue<int>(), included["after"]!.GetValue<int>()));
        Assert.Contains(differences, d => d!["subject"]!.GetValue<string>() == "$.clients.total");
        Assert.DoesNotContain(differences, d => d!["subject"]!.GetValue<string>() == "$.generatedAt");

        // The same report for people: Swedish sheets, headers and rows.
        var xlsx = await now.Replay.OpenReportAsync(ReplaySet.Parse(year, run.ReplayId)!, ReplayReportFormat.Xlsx, CancellationToken.None);
        Assert.NotNull(xlsx);
        using var workbook = new XLWorkbook(xlsx.ToStream());
        Assert.Equal(["Omkörning", "Skillnader"], workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Worksheet("Omkörning");
        Assert.Equal(("Antal skillnader", run.DifferenceCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (summary.Cell(9, 1).GetString(), summary.Cell(9, 2).GetString()));
        var sheet = workbook.Worksheet("Skillnader");
        Assert.Equal(["Område", "Ändring", "Avser", "Län", "Före", "Efter", "Beskrivning"], Enumerable.Range(1, 7).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(run.DifferenceCount + 1, sheet.LastRowUsed().RowNumber());
        var row = sheet.RowsUsed().Single(r => r.Cell(3).GetString() == $"{year}/14/lang.xlsx");
        Assert.Equal(
            ["Uppladdning", "Ändrad", $"{year}/14/lang.xlsx", "Västra Götaland", "avvisad (FILE_TOO_MANY_STRINGS)", "godtagen, gällande (inga koder)"],
            Enumerable.Range(1, 6).Select(c => row.Cell(c).GetString()));
        Assert.Equal(upload["description"]!.GetValue<string>(), row.Cell(7).GetString());
        Assert.All(workbook.Worksheets, PrintedPages.AssertNoTextCutOff);
        var pages = PrintedPages.PerSheet(xlsx.ToArray()); // as LibreOffice opens and prints it
        Assert.Equal(["Omkörning", "Skillnader"], pages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, pages["Omkörning"]);
        Assert.InRange(pages["Skillnader"], 1, 10);
    }

    [Fact]
    public async Task OriginalWhoseIntakeThrows_IsRecordedFailedInTheReplay_AndTheReplayGoesOn()
    {
        await azurite.StartAsync();
        const int year = 2023;
        var failing = new FailDownloadPolicy($"{ContainerNames.Reports}/{year}/05/trasslar.xlsx");
        await using var world = await ReplayWorld.CreateAsync(azurite.IsolatedConnectionString(), blobPolicy: failing);
        await world.DropReportAsync($"{year}/05/trasslar.xlsx", ReportWorkbookWriter.Write(TestReports.Create(year, "05", "PO Trassel")));
        await world.DropReportAsync($"{year}/06/fungerar.xlsx", ReportWorkbookWriter.Write(TestReports.Create(year, "06", "PO Fungerar")));

        failing.Armed = true;
        var (run, report) = await world.RunAsync(year);

        Assert.Equal(2, run.Originals);
        Assert.Equal($"[{{\"original\":\"reports/{year}/05/trasslar.xlsx\",\"reason\":\"Azure.RequestFailedException\"}}]", report["failures"]!.ToJsonString());
        Assert.Equal(1, report["originals"]!["failed"]!.GetValue<int>());
        var replayed = await new IntakeLogStore(new StorageTables(world.Tables, ReplaySet.Parse(year, run.ReplayId)!.TablePrefix))
            .ListYearEntitiesAsync(year, CancellationToken.None);
        Assert.Equal(
            [($"{year}/05/trasslar.xlsx", "Failed"), ($"{year}/06/fungerar.xlsx", "Accepted")],
            replayed.Select(e => (e.BlobName, e.Outcome)).Order());
        var logged = await world.Get<ReplayLogStore>().FindAsync(ReplaySet.Parse(year, run.ReplayId)!, CancellationToken.None);
        Assert.Equal(ReplayStatuses.Completed, logged!.Status);

        // The failed upload is a difference (live it was accepted); the other one is not.
        Assert.All(report["differences"]!.AsArray(), d => Assert.DoesNotContain("fungerar", d!["subject"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains(report["differences"]!.AsArray(), d => d!["area"]!.GetValue<string>() == "upload" && d["change"]!.GetValue<string>() == "onlyReplay"
            && d["after"]!["outcome"]!.GetValue<string>() == "Failed");
    }

    [Fact]
    public async Task TwoStartsOfAYearAtOnce_OneRuns_TheOtherIsRefusedInSwedish_AndTheLockIsFreeAfter()
    {
        await azurite.StartAsync();
        await using var world = await ReplayWorld.CreateAsync(azurite.IsolatedConnectionString());
        const int year = 2025;
        await world.DropReportAsync("2025/01/po-norr.xlsx", ReportWorkbookWriter.Write(TestReports.Create(year, "01", "PO Norr", seed: 3)));

        var starts = new[] { world.Replay.RunAsync(year, "admin:ett", CancellationToken.None), world.Replay.RunAsync(year, "admin:två", CancellationToken.None) };
        var outcomes = await Task.WhenAll(starts.Select(t => Record.ExceptionAsync(() => t)));

        var refusal = Assert.IsAssignableFrom<InvalidOperationException>(Assert.Single(outcomes, o => o is not null));
        Assert.Matches("låst|finns redan", refusal.Message);
        var entry = Assert.Single(await world.Get<ReplayLogStore>().ListAsync(year, CancellationToken.None));
        Assert.Equal(ReplayStatuses.Completed, entry.Status);
        Assert.Equal("", (await world.Get<YearLockStore>().FindAsync(year, CancellationToken.None))!.Holder);

        var (next, _) = await world.RunAsync(year);
        Assert.NotEqual(entry.RowKey, next.ReplayId);
    }

    [Fact]
    public async Task OpenReport_OfAReplayThatNeverRan_IsNull()
    {
        await azurite.StartAsync();
        await using var world = await ReplayWorld.CreateAsync(azurite.IsolatedConnectionString());

        var replay = ReplaySet.New(2025, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Null(await world.Replay.OpenReportAsync(replay, ReplayReportFormat.Json, CancellationToken.None));
        Assert.Null(await world.Replay.OpenReportAsync(replay, ReplayReportFormat.Xlsx, CancellationToken.None));
    }

    private static GrantApplication Application(int year, string countyCode, string operationName) => new(
        year,
        countyCode,
        GrantRegisterLayout.FirstDataRow,
        operationName,
        OperationKey.From(operationName),
        [.. MunicipalityRegistry.Default.InCounty(countyCode).Take(1).Select(m => m.Code)],
        new DateOnly(year, 2, 1),
        1.5m,
        GrantDecision.Granted,
        900_000m,
        new DateOnly(year, 4, 6),
        900_000m,
        "Kontakt Person",
        "kontakt@example.se",
        1.5m);
}
