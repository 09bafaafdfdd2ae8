using PoIntake.Core.Intake;

namespace PoIntake.Tests.Intake;

public sealed class DimensionsTests
{
    [Fact]
    public void All_EveryEnumValueOnceWithADistinctIdAndLabel()
    {
        Assert.Equal(
            [Enum.GetValues<Gender>().Length, Enum.GetValues<AgeGroup>().Length, Enum.GetValues<ContactReason>().Length,
             Enum.GetValues<PriorityGroup>().Length, Enum.GetValues<ManagementMember>().Length, Enum.GetValues<DeficiencyLevel>().Length,
             Enum.GetValues<DeficiencyArea>().Length, Enum.GetValues<OperatingForm>().Length, Enum.GetValues<OrganisationForm>().Length,
             Enum.GetValues<NewClientSource>().Length, Enum.GetValues<SupervisionForm>().Length, Enum.GetValues<ManagementGroupForm>().Length],
            Dimensions.All.Select(d => d.Values.Count));
        Assert.All(Dimensions.All, d =>
        {
            Assert.Equal(d.Values.Count, d.Values.Select(v => v.Id).Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(d.Values.Count, d.Values.Select(v => v.Label).Distinct(StringComparer.Ordinal).Count());
        });
    }

    [Fact]
    public void TryFindId_EveryId_FindsItsValue()
    {
        foreach (var area in Enum.GetValues<DeficiencyArea>())
        {
            Assert.True(Dimensions.DeficiencyAreas.TryFindId(Dimensions.Id(area), out var found));
            Assert.Equal(area, found);
        }

        Assert.False(Dimensions.DeficiencyAreas.TryFindId("Other", out _));
    }

    [Fact]
    public void Ids_AreTheFactKeysDimensionValues()
    {
        var facts = ReportFacts.From(ParserTestKit.AssertValid(ParserTestKit.Parse(TestWorkbook.Valid())));

        Assert.Contains(facts, f => f.Key == $"clients|ageGroup={Dimensions.Id(AgeGroup.Age65Plus)};gender={Dimensions.Id(Gender.OtherGender)}");
        Assert.Contains(facts, f => f.Key == $"contactReasons|gender={Dimensions.Id(Gender.Women)};reason={Dimensions.Id(ContactReason.Housing)}");
    }
}
