using System.Text.Json;
using Azure.Data.Tables;
using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Status;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;
using PoIntake.Core.Totals;
using PoIntake.Tests.Intake.Reading;
using PoIntake.Tests.Storage;
using static PoIntake.Tests.Intake.ParserTestKit;
using Layout = PoIntake.Core.Template.TemplateLayout;
using Sheets = PoIntake.Core.Intake.WorkbookLabels.Sheets;

namespace PoIntake.Tests.Intake;

/// <summary>
/// Sheet Uppföljning and the stadsdel field end to end on Azurite: the template filled by openpyxl and by LibreOffice Calc,
/// parsed, stored (facts, ReportTexts, CurrentReports.District) and shown (the totals JSON's <c>followUp</c> and the
/// texts the lägesrapport reads); older templates read as "not asked"; Stockholm's district verksamheter without overlap.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FollowUpIntakeTests(AzuriteFixture azurite)
{
    /// <summary>
    /// A year that asks sheet Uppföljning and that <see cref="AzuriteFixture.NextOrigin"/> never hands out (2015–2025), with
    /// counties of its own per test, so the county figures asserted here are only this class's.
    /// </summary>
    private const int Year = 2026;

    private const string Question = "Hur har coronapandemin påverkat verksamhetens arbete och klienterna under året?";

    public static TheoryData<string> Producers => ["openpyxl", "libreoffice"];

    [Theory]
    [MemberData(nameof(Producers))]
    public async Task Ingest_TemplateFilledByAnotherProducer_StoresAndShowsEveryNewField(string producer)
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = (Year, producer == "openpyxl" ? "03" : "04");
        var report = TestReports.Create(year, county, "PO Uppföljd " + producer, seed: 3);
        report = report with
        {
            Operation = report.Operation with { MunicipalityCodes = [report.Operation.MunicipalityCodes[0]] } with { District = "Centrum" },
            FollowUp = TestReports.FollowUp(3) with { Theme = new ThemeAnswer(Question, "Färre fysiska möten, fler samtal per telefon.") },
        };
        var content = producer == "openpyxl" ? FilledByOpenpyxl(report) : OtherProducers.ResavedByLibreOffice(ReportWorkbookWriter.Write(report));

        // Parsed: the same report, with nothing but what the contract finds.
        var parsed = Parser().Parse(content, new ExpectedOrigin(year, county));
        AssertSameReport(report, AssertValid(parsed));
        Assert.Equal("Centrum", parsed.Report!.Operation.District);

        // Stored.
        await h.DropAsync($"{year}/{county}/uppfoljd-{producer}.xlsx", content);
        var record = await h.Intake.IngestAsync($"{year}/{county}/uppfoljd-{producer}.xlsx", CancellationToken.None);
        Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
        var texts = (await h.PartitionAsync<TableEntity>(TableNames.ReportTexts, record.VersionId!)).ToDictionary(e => e.RowKey, e => e.GetString("Text"));
        Assert.Equal(report.FollowUp.ClientGroupChanges, texts["clientGroupChanges"]);
        Assert.Equal(report.FollowUp.UserInfluence, texts["userInfluence"]);
        Assert.Equal(Question, texts["themeQuestion"]);
        Assert.Equal(report.FollowUp.Theme.Answer, texts["themeAnswer"]);
        var current = (await h.Get<CurrentReportStore>().ListAsync(year, CancellationToken.None)).Single(r => r.VersionId == record.VersionId);
        Assert.Equal("Centrum", current.District);

        // Shown: the totals of this report alone, as the JSON serves them, and the texts for the report's chapters.
        var stored = await h.Get<ITotalsStore>().ReadContentAsync(current, CancellationToken.None);
        var result = h.Get<TotalsCalculator>().Calculate(year, [stored], [], h.Time.GetUtcNow());
        var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(result.Totals, TotalsJson.Options)).RootElement.GetProperty("followUp");
        Assert.Equal(1, json.GetProperty("operationsAnswering").GetInt32());
        Assert.Equal(0, json.GetProperty("operationsNotAsked").GetInt32());
        Assert.Equal(3, json.GetProperty("newClientsBySource").GetProperty("otherAuthority").GetInt32());
        Assert.Equal(6, json.GetProperty("newClientsBySource").GetProperty("other").GetInt32());
        Assert.Equal(4, json.GetProperty("ombudBySupervision").GetProperty("none").GetInt32());
        Assert.Equal((2, 1, 1), (json.GetProperty("ombudInFurtherTraining").GetInt32(), json.GetProperty("ombudInIntroductoryCourse").GetInt32(), json.GetProperty("ombudNewlyHired").GetInt32()));
        Assert.Equal(1, json.GetProperty("operationsWithUserSurvey").GetInt32());
        Assert.Equal(1, json.GetProperty("operationsOfferingUserOrganisationsASeat").GetInt32());
        Assert.Equal(1, json.GetProperty("managementGroupForms").GetProperty("own").GetInt32());
        var shown = Assert.Single(result.FollowUpTexts!);
        Assert.Equal((county, "Centrum", report.FollowUp.ClientGroupChanges, Question, report.FollowUp.Theme.Answer),
            (shown.CountyCode, shown.District, shown.ClientGroupChanges, shown.ThemeQuestion, shown.ThemeAnswer));
    }

    [Fact]
    public async Task Ingest_WorkbookFromAnOlderTemplate_IsAcceptedAndItsNewFieldsAreNotAskedNotZero()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = (Year, "05");
        var report = TestReports.Create(year, county, "PO Gammal mall", seed: 1) with { FollowUp = null };

        await h.DropAsync($"{year}/{county}/gammal.xlsx", h.Workbook(report));
        var record = await h.Intake.IngestAsync($"{year}/{county}/gammal.xlsx", CancellationToken.None);

        Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
        Assert.Equal(FindingCodes.FollowUpNotInWorkbook, Assert.Single(record.Findings).Code);
        Assert.Empty(await h.PartitionAsync<TableEntity>(TableNames.ReportTexts, record.VersionId!));
        var current = (await h.Get<CurrentReportStore>().ListAsync(year, CancellationToken.None)).Single(r => r.VersionId == record.VersionId);
        var stored = await h.Get<ITotalsStore>().ReadContentAsync(current, CancellationToken.None);
        Assert.False(stored.Texts!.Asked);
        Assert.DoesNotContain(stored.Facts, f => f.Measure is Measures.NewClientsBySource or Measures.HasUserSurvey or Measures.OmbudBySupervision);
        var followUp = h.Get<TotalsCalculator>().Calculate(year, [stored], [], h.Time.GetUtcNow()).Totals.FollowUp!;
        Assert.Equal((0, 1), (followUp.OperationsAnswering, followUp.OperationsNotAsked));
    }

    /// <summary>
    /// Stockholm stad runs its verksamheter per stadsdel: three reports each covering part of Stockholm (0180) warn no
    /// overlap, and Stockholm is counted once. A fourth report claiming the whole municipality shares it with the
    /// district reports by design (no warning); a fifth whole-municipality claim overlaps the fourth only.
    /// </summary>
    [Fact]
    public async Task Ingest_StockholmLikeCountyWithThreeDistrictReports_WarnsNoOverlapAndCountsStockholmOnce()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var (year, county) = (Year, "01");
        var stockholm = MunicipalityRegistry.Default.FindMunicipality("Stockholm")!;
        AnnualReport Report(string name, string? district, int seed)
        {
            var report = TestReports.Create(year, county, name, seed);
            return report with { Operation = report.Operation with { MunicipalityCodes = [stockholm.Code] } with { District = district } };
        }

        var records = new List<IntakeRecord>();
        foreach (var (slug, name, district, seed) in new[] { ("norrmalm", "PO Norrmalm", "Norrmalm", 1), ("sodermalm", "PO Södermalm", "Södermalm", 2), ("kungsholmen", "PO Kungsholmen", "Kungsholmen", 3) })
        {
            await h.DropAsync($"{year}/{county}/{slug}.xlsx", h.Workbook(Report(name, district, seed)));
            records.Add(await h.Intake.IngestAsync($"{year}/{county}/{slug}.xlsx", CancellationToken.None));
        }

        Assert.All(records, r => Assert.Equal(IntakeOutcome.Accepted, r.Outcome));
        Assert.All(records, r => Assert.DoesNotContain(r.Findings, f => f.Code == FindingCodes.CoverageOverlap));
        var totals = (await h.Get<TotalsService>().ComputeAsync(year, "test", CancellationToken.None))!.Totals;
        var countyTotals = totals.Counties.Single(c => c.Code == county);
        Assert.Equal(1, countyTotals.MunicipalitiesOfferingPo);
        Assert.Equal(3, countyTotals.Operations);
        Assert.DoesNotContain(totals.OverlappingMunicipalities!, o => o.CountyCode == county);
        var status = await h.Get<StatusService>().GetCountyAsync(year, county, CancellationToken.None);
        Assert.Empty(status.County.Overlaps ?? []);

        await h.DropAsync($"{year}/{county}/stad.xlsx", h.Workbook(Report("PO Stockholms stad", null, 4)));
        var whole = await h.Intake.IngestAsync($"{year}/{county}/stad.xlsx", CancellationToken.None);
        Assert.DoesNotContain(whole.Findings, f => f.Code == FindingCodes.CoverageOverlap);

        await h.DropAsync($"{year}/{county}/hela.xlsx", h.Workbook(Report("PO Hela Stockholm", null, 5)));
        var second = await h.Intake.IngestAsync($"{year}/{county}/hela.xlsx", CancellationToken.None);
        var warning = Assert.Single(second.Findings, f => f.Code == FindingCodes.CoverageOverlap);
        Assert.Contains("\"PO Stockholms stad\"", warning.Message, StringComparison.Ordinal);
        totals = (await h.Get<TotalsService>().ComputeAsync(year, "test", CancellationToken.None))!.Totals;
        Assert.Equal(1, totals.Counties.Single(c => c.Code == county).MunicipalitiesOfferingPo);
    }

    /// <summary>
    /// The report's workbook with Uppföljning and Stadsdel left blank, then filled in by openpyxl as a person scripting the
    /// template would (openpyxl saves the template's SUM formulas without values; the reader evaluates them).
    /// </summary>
    private static byte[] FilledByOpenpyxl(AnnualReport report)
    {
        var followUp = report.FollowUp!;
        byte[] blank;
        using (var workbook = ReportWorkbookWriter.Fill(report))
        {
            var sheet = workbook.Worksheet(Sheets.FollowUp);
            foreach (var row in Enumerable.Range(Layout.FirstRow, Layout.FollowUp.ThemeAnswerRow - Layout.FirstRow + 1)
                         .Except([Layout.FollowUp.ThemeQuestionRow, Layout.FollowUp.SourcesHeaderRow, Layout.FollowUp.OmbudHeaderRow]))
            {
                sheet.Cell(row, Layout.ValueColumn).Clear(XLClearOptions.Contents);
            }

            workbook.Worksheet(Sheets.Operation).Cell(Layout.Operation.Row(WorkbookLabels.Operation.District), Layout.ValueColumn).Clear(XLClearOptions.Contents);
            blank = ReportTemplate.ToBytes(workbook);
        }

        Assert.NotNull(Parser().Parse(blank, new ExpectedOrigin(report.Operation.Year, report.Operation.CountyCode)).Findings.FirstOrDefault(f => f.Sheet == Sheets.FollowUp));
        string B(int row) => "B" + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var cells = new Dictionary<string, object?>
        {
            [B(Layout.FollowUp.ClientGroupChangesRow)] = followUp.ClientGroupChanges,
            [B(Layout.FollowUp.FurtherTrainingRow)] = followUp.OmbudInFurtherTraining,
            [B(Layout.FollowUp.IntroductoryCourseRow)] = followUp.OmbudInIntroductoryCourse,
            [B(Layout.FollowUp.NewlyHiredRow)] = followUp.OmbudNewlyHired,
            [B(Layout.FollowUp.UserInfluenceRow)] = followUp.UserInfluence,
            [B(Layout.FollowUp.UserSurveyRow)] = followUp.UserSurvey ? "Ja" : "Nej",
            [B(Layout.FollowUp.ManagementGroupFormRow)] = Dimensions.ManagementGroupForms.Label(followUp.ManagementGroupForm),
            [B(Layout.FollowUp.UserOrganisationsRow)] = followUp.UserOrganisationsOfferedSeat ? "Ja" : "Nej",
            [B(Layout.FollowUp.ThemeAnswerRow)] = followUp.Theme!.Answer,
        };
        foreach (var (source, count) in followUp.NewClientSources)
        {
            cells[B(Layout.SourceRow(source))] = count;
        }

        foreach (var (form, count) in followUp.OmbudBySupervision)
        {
            cells[B(Layout.SupervisionRow(form))] = count;
        }

        var filled = OtherProducers.EditedByOpenpyxl(blank, Sheets.FollowUp, new Dictionary<string, string>(), cells);
        return OtherProducers.EditedByOpenpyxl(filled, Sheets.Operation, new Dictionary<string, string>(),
            new Dictionary<string, object?> { [B(Layout.Operation.Row(WorkbookLabels.Operation.District))] = report.Operation.District });
    }

}
