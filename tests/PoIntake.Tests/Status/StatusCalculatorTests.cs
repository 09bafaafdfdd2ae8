using System.Text.Json;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Status;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Tests.Status;

public sealed class StatusCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2028, 2, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly StatusCalculator _calculator = new(MunicipalityRegistry.Default);

    private static CurrentReport Report(int year, string county, string key, DateTimeOffset receivedAt, bool nil = false, params string[] municipalities) =>
        new(year, county, key, $"{year}-{county}-{key}", nil, municipalities, receivedAt);

    private static IntakeLogEntry Log(string county, string blob, DateTimeOffset receivedAt, IntakeOutcome outcome, string? key = null, string? findings = null, int errors = 0) =>
        new(county, blob, receivedAt, receivedAt.AddSeconds(5), outcome, outcome == IntakeOutcome.Accepted ? "Current" : null, key, key is null ? null : "PO " + key, null, errors, 0, findings, null);

    [Fact]
    public void DeadlineFor_2027_Is15January2028MovedToMonday17EndingMidnightStockholm()
    {
        var deadline = StatusCalculator.DeadlineFor(2027);

        Assert.Equal(new DateOnly(2028, 1, 15), deadline.Nominal);
        Assert.Equal(new DateOnly(2028, 1, 17), deadline.Date);
        Assert.Equal("lördag", deadline.MovedBecause);
        Assert.Equal(new DateTimeOffset(2028, 1, 17, 23, 0, 0, TimeSpan.Zero), deadline.EndsAt.ToUniversalTime());
    }

    [Fact]
    public void Calculate_ReceivedOnMovedDeadlineEvening_OnTime_NextMorningLate()
    {
        // 17 Jan 2028 22:30 in Stockholm (21:30 UTC) is on time; 18 Jan 00:30 Stockholm is late.
        var onTime = Report(2027, "01", "a", new DateTimeOffset(2028, 1, 17, 21, 30, 0, TimeSpan.Zero), false, "0114");
        var late = Report(2027, "01", "b", new DateTimeOffset(2028, 1, 17, 23, 30, 0, TimeSpan.Zero), false, "0115");

        var status = _calculator.Calculate(2027, [onTime, late], [], [], Now);

        var stockholm = status.Counties.Single(c => c.Code == "01");
        Assert.True(stockholm.Reports.Single(r => r.OperationKey == "a").OnTime);
        Assert.False(stockholm.Reports.Single(r => r.OperationKey == "b").OnTime);
        Assert.Equal((1, 1), (stockholm.ReportsOnTime, stockholm.ReportsLate));
        Assert.Equal((1, 1), (status.ReportsOnTime, status.ReportsLate));
    }

    [Fact]
    public void Calculate_LateCorrectionOfOnTimeReport_StaysOnTime()
    {
        var first = new DateTimeOffset(2028, 1, 10, 9, 0, 0, TimeSpan.Zero);
        var correction = new DateTimeOffset(2028, 2, 1, 9, 0, 0, TimeSpan.Zero);
        var current = Report(2027, "03", "po-uppsala", correction, false, "0380");
        var log = new[]
        {
            Log("03", "2027/03/uppsala.xlsx", first, IntakeOutcome.Accepted, "po-uppsala"),
            Log("03", "2027/03/uppsala-rättad.xlsx", correction, IntakeOutcome.Accepted, "po-uppsala"),
        };

        var status = _calculator.Calculate(2027, [current], [], log, Now);

        var report = Assert.Single(status.Counties.Single(c => c.Code == "03").Reports);
        Assert.True(report.OnTime);
        Assert.Equal(first, report.FirstReceivedAt);
        Assert.Equal("PO po-uppsala", report.OperationName);
    }

    [Theory]
    [InlineData(14, true)]
    [InlineData(15, true)]
    [InlineData(16, false)]
    public void Calculate_ReceivedDayStatedByTheCountyBoard_DecidesOnTime_NotTheUpload(int receivedDay, bool onTime)
    {
        // Reporting year 2025: deadline Thursday 15 January 2026. Uploaded on 20 January; received on the stated day.
        var uploaded = new DateTimeOffset(2026, 1, 20, 9, 0, 0, TimeSpan.Zero);
        var current = Report(2025, "03", "po-uppsala", uploaded, false, "0380");
        var log = new[] { Log("03", "2025/03/uppsala.xlsx", uploaded, IntakeOutcome.Accepted, "po-uppsala") with { ReceivedOn = new DateOnly(2026, 1, receivedDay) } };

        var status = _calculator.Calculate(2025, [current], [], log, Now);

        var county = status.Counties.Single(c => c.Code == "03");
        var report = Assert.Single(county.Reports);
        Assert.Equal((onTime, new DateOnly(2026, 1, receivedDay)), (report.OnTime, report.ReceivedOn));
        Assert.Equal(new DateOnly(2026, 1, receivedDay), Assert.Single(county.Uploads).ReceivedOn);
        Assert.Equal(onTime ? (1, 0) : (0, 1), (status.ReportsOnTime, status.ReportsLate));
    }

    [Fact]
    public void Calculate_RowWithoutReceivedDay_FallsBackToTheUploadsSwedishDay()
    {
        // Written before the received day was stored: 15 January 2026 23:30 UTC is 16 January in Stockholm, late.
        var uploaded = new DateTimeOffset(2026, 1, 15, 23, 30, 0, TimeSpan.Zero);
        var current = Report(2025, "03", "po-uppsala", uploaded, false, "0380");

        var status = _calculator.Calculate(2025, [current], [], [Log("03", "2025/03/uppsala.xlsx", uploaded, IntakeOutcome.Accepted, "po-uppsala")], Now);

        var report = Assert.Single(status.Counties.Single(c => c.Code == "03").Reports);
        Assert.Equal((false, new DateOnly(2026, 1, 16)), (report.OnTime, report.ReceivedOn));
    }

    [Fact]
    public void Calculate_MunicipalitiesOfferingPoLastYearNotCoveredYet_ListedAsMissing()
    {
        var previous = new[]
        {
            Report(2026, "25", "norr", DateTimeOffset.UnixEpoch, false, "2584", "2523"),
            Report(2026, "25", "nil", DateTimeOffset.UnixEpoch, true, "2581"),
        };
        var current = new[] { Report(2027, "25", "norr", new DateTimeOffset(2028, 1, 3, 9, 0, 0, TimeSpan.Zero), false, "2584") };

        var status = _calculator.Calculate(2027, current, previous, [], Now);

        var norrbotten = status.Counties.Single(c => c.Code == "25");
        Assert.Equal(["2523"], norrbotten.MissingFromPreviousYear.Select(m => m.Code));
        Assert.Equal("Gällivare", norrbotten.MissingFromPreviousYear[0].Name);
        Assert.Equal(["2584"], norrbotten.Covered.Select(m => m.Code));
        Assert.Equal(MunicipalityRegistry.Default.InCounty("25").Count(), norrbotten.Municipalities);
        Assert.Equal(1, status.MunicipalitiesMissingFromPreviousYear);
        Assert.Equal(21, status.Counties.Count);
    }

    [Fact]
    public void Calculate_NilReturnCoversItsMunicipalities()
    {
        var previous = new[] { Report(2026, "09", "gotland", DateTimeOffset.UnixEpoch, false, "0980") };
        var current = new[] { Report(2027, "09", "gotland", new DateTimeOffset(2028, 1, 3, 9, 0, 0, TimeSpan.Zero), true, "0980") };

        var status = _calculator.Calculate(2027, current, previous, [], Now);

        var gotland = status.Counties.Single(c => c.Code == "09");
        Assert.Empty(gotland.MissingFromPreviousYear);
        Assert.True(Assert.Single(gotland.Reports).NilReturn);
    }

    [Fact]
    public void Calculate_RejectedUpload_ListedWithItsFindings()
    {
        var findings = """[{"code":"E-CLIENTS-SUM","severity":"Error","sheet":"Klienter","cell":"F7","message":"Summan stämmer inte"}]""";
        var log = new[]
        {
            Log("12", "2027/12/malmo.xlsx", new DateTimeOffset(2028, 1, 5, 9, 0, 0, TimeSpan.Zero), IntakeOutcome.Rejected, null, findings, errors: 1),
            Log("12", "2027/12/lund.xlsx", new DateTimeOffset(2028, 1, 6, 9, 0, 0, TimeSpan.Zero), IntakeOutcome.Rejected, null, "[{\"code\":\"E-", errors: 3),
        };

        var status = _calculator.Calculate(2027, [], [], log, Now);

        var skane = status.Counties.Single(c => c.Code == "12");
        Assert.Equal(2, skane.Uploads.Count);
        var rejected = skane.Uploads[0];
        Assert.Equal(("2027/12/malmo.xlsx", "Rejected", 1), (rejected.BlobName, rejected.Outcome, rejected.ErrorCount));
        Assert.Equal("E-CLIENTS-SUM", rejected.Findings!.Value[0].GetProperty("code").GetString());
        Assert.True(skane.Uploads[1].FindingsTruncated);
        Assert.Null(skane.Uploads[1].Findings);
        Assert.Empty(skane.Reports);
    }

    [Fact]
    public void Serialize_StatusReport_CamelCaseWithDeadline()
    {
        var status = _calculator.Calculate(2027, [], [], [], Now);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(status, TotalsJson.Options));

        Assert.Equal("2028-01-17", json.RootElement.GetProperty("deadline").GetProperty("date").GetString());
        Assert.Equal("lördag", json.RootElement.GetProperty("deadline").GetProperty("movedBecause").GetString());
        Assert.Equal("Västra Götaland", json.RootElement.GetProperty("counties").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "14").GetProperty("name").GetString());
    }

    [Fact]
    public void Calculate_TwoReportsListingOneMunicipality_TheCountyListsTheOverlapWithBoth_NilReturnsAndOtherCountiesNot()
    {
        var received = new DateTimeOffset(2028, 1, 10, 9, 0, 0, TimeSpan.Zero);
        var north = Report(2027, "01", "po-norr", received, false, "0114", "0115");
        var south = Report(2027, "01", "po-söder", received, false, "0115", "0117");
        var closed = Report(2027, "01", "po-vilande", received, true, "0117");
        var uppsala = Report(2027, "03", "po-uppsala", received, false, "0380");

        var status = _calculator.Calculate(2027, [north, south, closed, uppsala], [], [], Now);

        var stockholm = status.Counties.Single(c => c.Code == "01");
        var overlap = Assert.Single(stockholm.Overlaps!);
        Assert.Equal(("0115", "Vallentuna"), (overlap.MunicipalityCode, overlap.MunicipalityName));
        Assert.Equal([north.VersionId, south.VersionId], overlap.Reports.Select(r => r.VersionId));
        Assert.Empty(status.Counties.Single(c => c.Code == "03").Overlaps!);
        Assert.Equal(3, stockholm.Covered.Count);
    }
}
