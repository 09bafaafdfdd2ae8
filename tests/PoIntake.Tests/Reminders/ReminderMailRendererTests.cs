using Microsoft.Extensions.Options;
using PoIntake.Core.Reminders;

namespace PoIntake.Tests.Reminders;

public sealed class ReminderMailRendererTests
{
    private static readonly ReminderSchedule Schedule = new(Options.Create(new ReminderOptions()), new SwedishWorkingDayCalendar());
    private static readonly ReminderMailRenderer Renderer = new(Options.Create(new ReminderOptions { PublicBaseUrl = "https://po.example.se/" }));

    private static ReminderSlot Slot(DeadlineKind kind, int year, int offset) =>
        Schedule.SlotsOf(Schedule.DeadlineOf(kind, year)).Single(s => s.Offset == offset);

    [Fact]
    public void ReportContact_MovedDeadline_NamesSwedishDateReasonDaysLeftAndTemplate()
    {
        var slot = Slot(DeadlineKind.AnnualReport, 2028, -7);
        var missing = new[] { new MissingReport("12", "PO Skåne Nordost", ["Kristianstad", "Hässleholm"]) };

        var (subject, plain, html) = Renderer.ReportContact(slot, new DateOnly(2028, 1, 10), missing);

        Assert.Contains("måndag 17 januari 2028", subject, StringComparison.Ordinal);
        Assert.Contains("för 2027", subject, StringComparison.Ordinal);
        Assert.Contains("15 januari 2028 är lördag", plain, StringComparison.Ordinal);
        Assert.Contains("1930:173", plain, StringComparison.Ordinal);
        Assert.Contains("Det är 7 dagar kvar.", plain, StringComparison.Ordinal);
        Assert.Contains("PO Skåne Nordost (Kristianstad, Hässleholm)", plain, StringComparison.Ordinal);
        Assert.Contains("https://po.example.se/api/template/2027", plain, StringComparison.Ordinal);
        Assert.Contains("href=\"https://po.example.se/api/template/2027\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportContact_ValuesWithMarkup_HtmlEncoded()
    {
        var slot = Slot(DeadlineKind.AnnualReport, 2026, -1);
        var missing = new[] { new MissingReport("01", "Ombud <b>& Co</b>", ["Solna"]) };

        var (_, plain, html) = Renderer.ReportContact(slot, new DateOnly(2026, 1, 14), missing);

        Assert.Contains("Ombud &lt;b&gt;&amp; Co&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("Ombud <b>& Co</b>", plain, StringComparison.Ordinal);
        Assert.Contains("Det är 1 dag kvar.", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("flyttas", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportContact_AfterDeadline_SaysDaysSince()
    {
        var slot = Slot(DeadlineKind.AnnualReport, 2028, 7);

        var (subject, plain, _) = Renderer.ReportContact(slot, new DateOnly(2028, 1, 24), [new MissingReport("01", "PO Norr", ["Solna"])]);

        Assert.StartsWith("Årsrapporten om personligt ombud för 2027 saknas", subject, StringComparison.Ordinal);
        Assert.Contains("passerades för 7 dagar sedan", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusReport_CarriesCompletenessTable()
    {
        var slot = Slot(DeadlineKind.StatusReport, 2026, -14);
        var table = new[]
        {
            new CountyCompleteness("01", "Stockholm", 12, 1, [new MissingReport("01", "PO Söder", ["Nacka", "Tyresö"])]) { Rule = ObligationRule.GrantRegister, Owed = 13 },
            new CountyCompleteness("03", "Uppsala", 4, 0, []) { Owed = 4 },
        };

        var (subject, plain, html) = Renderer.StatusReport(slot, new DateOnly(2026, 5, 1), table);

        Assert.Contains("16 rapporter inne, 1 saknas", subject, StringComparison.Ordinal);
        Assert.Contains("fredag 15 maj 2026", subject, StringComparison.Ordinal);
        Assert.Contains("Stockholm | bidragsregister | 13 | 12 | 1 | 1 | Nacka, Tyresö", plain, StringComparison.Ordinal);
        Assert.Contains("Uppsala | förra årets rapporter | 4 | 4 | 0 | 0", plain, StringComparison.Ordinal);
        Assert.Contains("<td>Uppsala</td><td>f&#246;rra &#229;rets rapporter</td><td>4</td><td>4</td><td>0</td><td>0</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2028, 1, 17, "måndag 17 januari 2028")]
    [InlineData(2026, 3, 2, "måndag 2 mars 2026")]
    [InlineData(2027, 5, 15, "lördag 15 maj 2027")]
    [InlineData(2030, 12, 24, "tisdag 24 december 2030")]
    public void SwedishDates_Long(int y, int m, int d, string expected) =>
        Assert.Equal(expected, SwedishDates.Long(new DateOnly(y, m, d)));
}
