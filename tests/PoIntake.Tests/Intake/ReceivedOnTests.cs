using PoIntake.Core.Intake;

namespace PoIntake.Tests.Intake;

/// <summary>The received-day rule (Intake.ReceivedOn) over its whole range: blank, every day around both bounds, bad text.</summary>
public sealed class ReceivedOnTests
{
    // 20 January 2026 08:00 in Stockholm.
    private static readonly DateTimeOffset Uploaded = new(2026, 1, 20, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Unstated_IsTheUploadsSwedishDay(string? stated)
    {
        var (day, problem) = ReceivedOn.Resolve(stated, 2025, Uploaded);

        Assert.Null(problem);
        Assert.Equal(new DateOnly(2026, 1, 20), day);
    }

    [Fact]
    public void Unstated_LateEveningUtc_IsTheNextStockholmDay()
    {
        // 23:30 UTC on 19 January is 00:30 on 20 January in Stockholm.
        var (day, _) = ReceivedOn.Resolve(null, 2025, new DateTimeOffset(2026, 1, 19, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 1, 20), day);
    }

    [Fact]
    public void EveryDayFromTheReportedYearsStartToTheUploadDay_IsTaken_OneDayOutsideEitherEnd_IsRefused()
    {
        for (var day = new DateOnly(2024, 12, 25); day <= new DateOnly(2026, 1, 25); day = day.AddDays(1))
        {
            var (resolved, problem) = ReceivedOn.Resolve(ReceivedOn.Text(day), 2025, Uploaded);
            if (day < new DateOnly(2025, 1, 1))
            {
                Assert.Equal((FindingCodes.ReceivedOnInvalid, Severity.Error), (problem?.Code, problem?.Severity));
                Assert.Contains("före redovisningsåret 2025", problem!.Message, StringComparison.Ordinal);
            }
            else if (day > new DateOnly(2026, 1, 20))
            {
                Assert.Equal((FindingCodes.ReceivedOnInFuture, Severity.Error), (problem?.Code, problem?.Severity));
                Assert.Contains("efter uppladdningsdagen 2026-01-20", problem!.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(problem);
                Assert.Equal(day, resolved);
            }
        }
    }

    [Theory]
    [InlineData("14/1")]
    [InlineData("2026-1-14")]
    [InlineData("20260114")]
    [InlineData("2026-02-30")]
    [InlineData("i går")]
    public void NoIsoDate_IsRefusedInSwedish(string stated)
    {
        var (_, problem) = ReceivedOn.Resolve(stated, 2025, Uploaded);

        Assert.Equal(FindingCodes.ReceivedOnInvalid, problem?.Code);
        Assert.Contains($"Mottagningsdatumet \"{stated}\" är inget datum", problem!.Message, StringComparison.Ordinal);
        Assert.Contains("ÅÅÅÅ-MM-DD", problem.Fix, StringComparison.Ordinal);
        Assert.Null(problem.Sheet);
    }

    [Fact]
    public void StoredText_RoundTrips_AndOldRowsReadNull()
    {
        Assert.Equal(new DateOnly(2026, 1, 14), ReceivedOn.Parse(ReceivedOn.Text(new DateOnly(2026, 1, 14))));
        Assert.Null(ReceivedOn.Parse(null));
        Assert.Null(ReceivedOn.Parse(""));
    }
}
