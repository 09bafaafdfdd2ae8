using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reminders;
using static PoIntake.Tests.Grants.InMemoryGrantRegisters;

namespace PoIntake.Tests.Grants;

public sealed class ObligationsTests
{
    private static AcceptedReport Report(int year, string county, string name, string[] municipalities, bool nilReturn = false, string? email = null) =>
        new(year, county, OperationKey.From(name), name, nilReturn, municipalities, "Kontakt " + name, email ?? OperationKey.From(name) + "@po.test");

    private static GrantRegister Register(int year, string county, params GrantApplication[] applications) =>
        new(year, county, "v1", DateTimeOffset.UnixEpoch, applications);

    [Fact]
    public void Of_Register_GrantedOweRefusedAndPendingDoNot_FirstTimeGrantedMissingUntilItsReport()
    {
        var register = Register(2030, "03",
            Application(2030, "03", "PO Uppsala", ["0380"], grantedSek: 809_060m, contactEmail: "uppsala@po.test"),
            Application(2030, "03", "PO Enköping", ["0381"], contactEmail: "enkoping@po.test"),
            Application(2030, "03", "PO Tierp", ["0360"], GrantDecision.Refused),
            Application(2030, "03", "PO Östhammar", ["0382"], GrantDecision.Pending));
        // Only Uppsala reported the year before: Enköping is granted for the first time.
        var before = new[] { Report(2029, "03", "PO Uppsala", ["0380"]), Report(2029, "03", "PO Tierp", ["0360"]) };

        var withoutReports = Obligations.Of(2030, [register], before, []).For("03");
        var afterEnkoping = Obligations.Of(2030, [register], before, [Report(2030, "03", "PO Enköping", ["0381"], nilReturn: true)]).For("03");

        Assert.Equal(ObligationRule.GrantRegister, withoutReports.Rule);
        Assert.Equal(["PO Enköping", "PO Uppsala"], withoutReports.Owed.Select(o => o.OperationName));
        Assert.Equal(["PO Enköping", "PO Uppsala"], withoutReports.Missing.Select(o => o.OperationName));
        Assert.Equal(809_060m, withoutReports.Owed.Single(o => o.OperationName == "PO Uppsala").GrantedSek);
        Assert.Equal("enkoping@po.test", withoutReports.Owed.Single(o => o.OperationName == "PO Enköping").ContactEmail);
        Assert.Equal(["PO Uppsala"], afterEnkoping.Missing.Select(o => o.OperationName));
        Assert.Equal(["po-enköping"], afterEnkoping.Owed.Single(o => o.OperationName == "PO Enköping").FulfilledBy);
    }

    [Fact]
    public void Of_CountyWithoutRegister_GuessesFromLastYearsReports_OtherCountyByItsRegister()
    {
        var registers = new[] { Register(2030, "03", Application(2030, "03", "PO Uppsala", ["0380"])) };
        var before = new[] { Report(2029, "04", "PO Eskilstuna", ["0484"]), Report(2029, "04", "PO Nyköping", ["0480"]), Report(2029, "03", "PO Gammal", ["0360"]) };
        var current = new[] { Report(2030, "04", "PO Nyköping", ["0480"]) };

        var obligations = Obligations.Of(2030, registers, before, current);

        Assert.Equal(ObligationRule.PreviousYearReports, obligations.For("04").Rule);
        Assert.Equal(["PO Eskilstuna"], obligations.For("04").Missing.Select(o => o.OperationName));
        // By the register, last year's PO Gammal owes nothing in 03.
        Assert.Equal(["PO Uppsala"], obligations.For("03").Owed.Select(o => o.OperationName));
        Assert.Equal(["PO Uppsala", "PO Eskilstuna"], obligations.Missing.Select(o => o.OperationName));
        Assert.Equal(ObligationRule.PreviousYearReports, obligations.For("25").Rule);
        Assert.Empty(obligations.For("25").Owed);
    }

    [Fact]
    public void Of_RenamedBetweenRegisterAndReport_NotMissing_ButAnOwedNeighbourCannotStandIn()
    {
        var register = Register(2030, "14",
            Application(2030, "14", "PO Väst", ["1480"]),
            Application(2030, "14", "PO Hisingen", ["1480"]),
            Application(2030, "14", "PO Kungälv", ["1482", "1484"]));
        var current = new[]
        {
            Report(2030, "14", "Personligt ombud Göteborg", ["1480"]),
            Report(2030, "14", "PO Hisingen", ["1480"]),
            Report(2030, "14", "PO Kungälv och Lysekil", ["1482"]),
        };

        var county = Obligations.Of(2030, [register], [], current).For("14");

        // PO Väst reports as "Personligt ombud Göteborg" (all its municipalities covered by a report the register does not name).
        Assert.Equal(["personligt-ombud-göteborg"], county.Owed.Single(o => o.OperationName == "PO Väst").FulfilledBy);
        // PO Kungälv's 1484 is covered by no report: still missing.
        Assert.Equal(["PO Kungälv"], county.Missing.Select(o => o.OperationName));
        Assert.Equal(["Personligt ombud Göteborg", "PO Kungälv och Lysekil"], county.NotOwed.Select(r => r.OperationName));

        // Without the renamed report, PO Hisingen (owed itself) does not stand in for PO Väst in the same municipality.
        var withoutRenamed = Obligations.Of(2030, [register], [], current.Skip(1).ToArray()).For("14");
        Assert.Contains(withoutRenamed.Missing, o => o.OperationName == "PO Väst");
    }

    [Fact]
    public void Of_RegisterRowsOfOneVerksamhet_OweOneReportWithSummedGrant()
    {
        var register = Register(2030, "03",
            Application(2030, "03", "PO Uppsala", ["0380"], grantedSek: 400_000m, row: 2),
            Application(2030, "03", "PO Uppsala", ["0380", "0381"], grantedSek: 100_000m, row: 3, contactEmail: "tillagg@po.test"));

        var owed = Assert.Single(Obligations.Of(2030, [register], [], []).For("03").Owed);

        Assert.Equal(500_000m, owed.GrantedSek);
        Assert.Equal(["0380", "0381"], owed.MunicipalityCodes);
        Assert.Equal("tillagg@po.test", owed.ContactEmail);
    }

    [Fact]
    public void ApplicationsOf_GrantedLastYearWithoutApplication_AndWhoApplied()
    {
        var lastYear = new[]
        {
            Register(2030, "03",
                Application(2030, "03", "PO Uppsala", ["0380"], contactEmail: "uppsala@po.test"),
                Application(2030, "03", "PO Enköping", ["0381", "0382"], contactEmail: "enkoping@po.test"),
                Application(2030, "03", "PO Tierp", ["0360"], GrantDecision.Refused, contactEmail: "tierp@po.test"),
                Application(2030, "03", "PO Heby", ["0331"], contactEmail: "heby@po.test")),
        };
        var thisYear = new[]
        {
            Register(2031, "03",
                Application(2031, "03", "PO Uppsala", ["0380"], GrantDecision.Pending),
                Application(2031, "03", "Ombud Enköping", ["0381"], GrantDecision.Refused),
                Application(2031, "03", "Personligt ombud Heby", ["0331"], GrantDecision.Pending)),
        };

        var round = Obligations.ApplicationsOf(2031, lastYear, thisYear);

        // Uppsala applied (same verksamhet), Heby under a new name for all its municipalities; Tierp was refused last year.
        Assert.Equal(["PO Enköping"], round.GrantedLastYearNotApplied.Select(a => a.OperationName));
        Assert.Equal(["0331", "0380", "0381"], round.AppliedMunicipalities.Order(StringComparer.Ordinal));
    }
}
