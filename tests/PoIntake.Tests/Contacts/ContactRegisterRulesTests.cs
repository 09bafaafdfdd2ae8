using PoIntake.Core.Contacts;
using PoIntake.Core.Intake;

namespace PoIntake.Tests.Contacts;

public sealed class ContactRegisterRulesTests
{
    private static readonly Contact National = new("01", ContactRole.NationalBoard, null, "Sara", "sara@socialstyrelsen.test");

    [Theory]
    [InlineData("01", ContactRole.NationalBoard, false)]
    [InlineData("01", ContactRole.CountyBoard, true)]
    [InlineData("01", ContactRole.Municipality, true)]
    [InlineData(ContactRegisterRules.NationalRegister, ContactRole.NationalBoard, true)]
    [InlineData(ContactRegisterRules.NationalRegister, ContactRole.CountyBoard, false)]
    [InlineData(ContactRegisterRules.NationalRegister, ContactRole.Municipality, false)]
    public void Admits_OnlySocialstyrelsensRegisterNamesSocialstyrelsen_AndNothingElse(string register, ContactRole role, bool admitted)
    {
        var findings = new List<Finding>();

        Assert.Equal(admitted, ContactRegisterRules.Admits(National with { Role = role, CountyCode = register }, 7, register, findings));

        Assert.Equal(admitted ? 0 : 1, findings.Count);
        Assert.All(findings, f => Assert.Equal(("Kontakter", "A7", Severity.Error), (f.Sheet, f.Cell, f.Severity)));
    }
}
