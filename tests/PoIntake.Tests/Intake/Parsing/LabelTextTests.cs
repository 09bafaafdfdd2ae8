using PoIntake.Core.Intake.Parsing;

namespace PoIntake.Tests.Intake.Parsing;

public sealed class LabelTextTests
{
    [Theory]
    [InlineData("18-29 år", "18–29 år")]
    [InlineData("18 – 29 år", "18-29 år")]
    [InlineData("65– år", "65 - år")]
    [InlineData("Län:", "län")]
    [InlineData("  Antal\u00A0personliga\u202Fombud  ", "antal personliga ombud")]
    [InlineData("ÅTGÄRD ELLER RESULTAT", "Åtgärd eller resultat")]
    [InlineData("Patient-, brukar- och anhörigorganisationer", "Patient–, brukar– och anhörigorganisationer")]
    public void Same_LabelsDifferingOnlyInSpacesDashesCaseOrColon_Match(string left, string right) =>
        Assert.True(LabelText.Same(left, right));

    [Theory]
    [InlineData("18-29 år", "18-30 år")]
    [InlineData("Män", "Kvinnor")]
    [InlineData("Ekonomi", "Ekonomin")]
    public void Same_DifferentLabels_DoNotMatch(string left, string right) =>
        Assert.False(LabelText.Same(left, right));
}
