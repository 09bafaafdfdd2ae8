using System.Text.Json;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;
using PoIntake.Core.Status;
using PoIntake.Core.Totals;
using static PoIntake.Tests.Grants.InMemoryGrantRegisters;

namespace PoIntake.Tests.Status;

/// <summary>Reports owed vs received in <c>GET /api/status/{year}</c> (docs/api.md, "Obligations in the status").</summary>
public sealed class StatusObligationsTests
{
    private static readonly DateTimeOffset Now = new(2028, 2, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly StatusCalculator _calculator = new(MunicipalityRegistry.Default);

    [Fact]
    public void WithObligations_PerCountyRuleOwedReceivedAndNationalSums_AsDocumentedJson()
    {
        var register = new GrantRegister(2027, "01", "v1", Now, [
            Application(2027, "01", "PO Vallentuna", ["0115"], grantedSek: 404_530m),
            Application(2027, "01", "PO Täby", ["0160"], grantedSek: 202_265m),
        ]);
        AcceptedReport Accepted(int year, string county, string name, string municipality) =>
            new(year, county, OperationKey.From(name), name, false, [municipality], null, null);
        var obligations = Obligations.Of(
            2027,
            [register],
            [Accepted(2026, "03", "PO Uppsala", "0380")],
            [Accepted(2027, "01", "PO Vallentuna", "0115"), Accepted(2027, "01", "PO Danderyd", "0162")]);
        var plain = _calculator.Calculate(2027, [], [], [], Now);

        var status = _calculator.WithObligations(plain, obligations);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(status, TotalsJson.Options));

        var stockholm = json.RootElement.GetProperty("counties").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "01").GetProperty("obligations");
        Assert.Equal("grantRegister", stockholm.GetProperty("rule").GetString());
        Assert.StartsWith("Enligt länets bidragsregister för 2027", stockholm.GetProperty("ruleText").GetString(), StringComparison.Ordinal);
        Assert.Equal((2, 1, 1), (stockholm.GetProperty("owed").GetInt32(), stockholm.GetProperty("received").GetInt32(), stockholm.GetProperty("missing").GetInt32()));
        var taby = stockholm.GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("operationKey").GetString() == "po-täby");
        Assert.Equal("PO Täby", taby.GetProperty("operationName").GetString());
        Assert.False(taby.GetProperty("received").GetBoolean());
        Assert.Equal(202_265m, taby.GetProperty("grantedSek").GetDecimal());
        Assert.Equal("Täby", taby.GetProperty("municipalities")[0].GetProperty("name").GetString());
        Assert.Equal(0, taby.GetProperty("receivedAs").GetArrayLength());
        Assert.Equal("PO Danderyd", Assert.Single(stockholm.GetProperty("receivedNotOwed").EnumerateArray()).GetProperty("operationName").GetString());

        var uppsala = json.RootElement.GetProperty("counties").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "03").GetProperty("obligations");
        Assert.Equal("previousYearReports", uppsala.GetProperty("rule").GetString());
        Assert.Contains("inget bidragsregister för 2027", uppsala.GetProperty("ruleText").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, uppsala.GetProperty("missing").GetInt32());

        var national = json.RootElement.GetProperty("obligations");
        Assert.Equal((3, 1, 2, 1), (
            national.GetProperty("owed").GetInt32(),
            national.GetProperty("received").GetInt32(),
            national.GetProperty("missing").GetInt32(),
            national.GetProperty("countiesWithGrantRegister").GetInt32()));
    }
}
