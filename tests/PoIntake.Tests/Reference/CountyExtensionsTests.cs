using PoIntake.Core.Reference;

namespace PoIntake.Tests.Reference;

public sealed class CountyExtensionsTests
{
    [Fact]
    public void OfficialNames_OneForEveryCountyOfTheRegister_InCodeOrder()
    {
        Assert.Equal(MunicipalityRegistry.Default.Counties.Select(c => c.Code), CountyExtensions.OfficialNames.Select(c => c.Code));
    }

    [Fact]
    public void OfficialName_FoundByTheRegistryAsTheSameCounty()
    {
        // The template offers these names in its Län drop-down and the parser reads the choice back through the registry.
        Assert.All(MunicipalityRegistry.Default.Counties, county =>
        {
            var official = county.OfficialName();
            Assert.EndsWith(" län", official, StringComparison.Ordinal);
            Assert.Same(county, MunicipalityRegistry.Default.FindCounty(official));
        });
    }

    [Fact]
    public void OfficialName_UnknownCode_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CountyExtensions.OfficialName("02"));
    }
}
