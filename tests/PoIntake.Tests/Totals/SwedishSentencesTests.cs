using PoIntake.Core.Totals;

namespace PoIntake.Tests.Totals;

public sealed class SwedishSentencesTests
{
    [Theory]
    [InlineData(1, "kommun", "kommuner", "en kommun")]
    [InlineData(2, "kommun", "kommuner", "två kommuner")]
    [InlineData(1, "län", "län", "ett län")]
    [InlineData(21, "län", "län", "21 län")]
    [InlineData(9331, "klient", "klienter", "9 331 klienter")]
    public void Of_NounAgreesWithTheNumber(int count, string singular, string plural, string expected)
    {
        var neuter = singular == "län";

        Assert.Equal(expected, SwedishNumberWords.Of(count, singular, plural, neuter));
    }

    [Theory]
    [InlineData(2, "ökade med två kommuner")]
    [InlineData(1, "ökade med en kommun")]
    [InlineData(-1, "minskade med en kommun")]
    [InlineData(-146, "minskade med 146 kommuner")]
    [InlineData(0, "var oförändrat")]
    public void Change_StatesTheDirectionAndTheCount(int change, string expected) =>
        Assert.Equal(expected, SwedishSentences.Change(change, "kommun", "kommuner"));

    [Theory]
    [InlineData(8, "har ökat", "Fler")]
    [InlineData(-2, "har minskat", "Färre")]
    [InlineData(0, "är oförändrat", "Lika många")]
    public void DirectionAndMoreOrFewer_ForHeadings(int change, string direction, string moreOrFewer)
    {
        Assert.Equal(direction, SwedishSentences.Direction(change));
        Assert.Equal(moreOrFewer, SwedishSentences.MoreOrFewer(change));
    }

    [Theory]
    [InlineData(89, 107, "83 procent")]
    [InlineData(1, 8, "13 procent")]
    [InlineData(1, 16, "6,3 procent")]
    [InlineData(2, 3, "67 procent")]
    [InlineData(1, 300, "0,3 procent")]
    [InlineData(7, 7, "100 procent")]
    public void Percent_DecimalCommaBelowTenWholeAbove(int part, int whole, string expected) =>
        Assert.Equal(expected, SwedishSentences.Percent(part, whole));

    [Fact]
    public void Percent_NoWhole_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SwedishSentences.Percent(1, 0));

    [Theory]
    [InlineData(8, ", vilket är en ökning med åtta personliga ombud jämfört med 2020")]
    [InlineData(-1, ", vilket är en minskning med ett personligt ombud jämfört med 2020")]
    [InlineData(0, ", lika många som 2020")]
    public void Compared_AgainstThePreviousYear(int change, string expected) =>
        Assert.Equal(expected, SwedishSentences.Compared(change, "personligt ombud", "personliga ombud", 2021, neuter: true));

    [Fact]
    public void OfWhole_CountShareAndNoun() =>
        Assert.Equal("89 av 107 verksamheter (83 procent)", SwedishSentences.OfWhole(89, 107, "verksamhet", "verksamheter"));

    [Theory]
    [InlineData(1, 1, "En verksamhet i ett län")]
    [InlineData(3, 2, "Tre verksamheter i två län")]
    [InlineData(14, 5, "14 verksamheter i fem län")]
    public void Answered_WhoAnsweredAsASubject(int operations, int counties, string expected) =>
        Assert.Equal(expected, SwedishSentences.Answered(operations, counties));

    [Fact]
    public void Quote_AsWrittenWithItsSource_SpacesCollapsed()
    {
        Assert.Equal("– ”Fler unga vuxna söker stöd.” (PO Malmö, Skåne)", SwedishSentences.Quote("Fler  unga vuxna\nsöker stöd.", "PO Malmö, Skåne", 400));
    }

    [Fact]
    public void Quote_LongerThanTheLimit_CutAtAWordWithEllipsis()
    {
        var quote = SwedishSentences.Quote("Klienterna saknar bank-id och kan inte logga in hos myndigheterna, vilket leder till avslag.", "PO A, Skåne", 40);

        Assert.Equal("– ”Klienterna saknar bank-id och kan inte […]” (PO A, Skåne)", quote);
    }

    [Fact]
    public void Placeholder_MarkedAndRecognised()
    {
        var text = SwedishSentences.Placeholder("årets tema");

        Assert.Equal("[Skriv: årets tema]", text);
        Assert.True(SwedishSentences.IsPlaceholder(text));
        Assert.False(SwedishSentences.IsPlaceholder("Årets tema"));
    }

    [Theory]
    [InlineData(9331, "9 331")]
    [InlineData(129595233, "129 595 233")]
    [InlineData(318.5, "318,5")]
    public void FormatNumber_SpaceBetweenThousandsDecimalComma(decimal value, string expected) =>
        Assert.Equal(expected, ReportCell.FormatNumber(value));
}
