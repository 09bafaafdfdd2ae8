using System.Text.Json;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;

namespace PoIntake.Tests.Storage;

public sealed class IntakeJsonTests
{
    [Fact]
    public void SerializeFindings_TooManyForOneProperty_KeepsWholeFindingsWithinLimitAsValidJson()
    {
        var findings = Enumerable.Range(1, 500)
            .Select(i => new Finding($"CODE_{i}", Severity.Error, "Klienter", $"C{i}", "Kvinnor", new string('å', 100), "Rätta värdet"))
            .ToArray();

        var json = IntakeJson.SerializeFindings(findings);

        Assert.True(json.Length <= 30_000);
        var parsed = IntakeJson.DeserializeFindings(json);
        Assert.InRange(parsed.Count, 50, 499);
        Assert.Equal(findings.Take(parsed.Count), parsed);
    }

    [Fact]
    public void SerializeFindings_CamelCaseEnumNamesAndSwedishLettersUnescaped()
    {
        var json = IntakeJson.SerializeFindings([new Finding("X", Severity.Warning, "Väntetid", null, null, "Över 365 dagar", "Kontrollera")]);

        using var document = JsonDocument.Parse(json);
        var finding = document.RootElement[0];
        Assert.Equal("Warning", finding.GetProperty("severity").GetString());
        Assert.Equal("Väntetid", finding.GetProperty("sheet").GetString());
        Assert.Contains("Över 365 dagar", json, StringComparison.Ordinal);
    }
}
