using PoIntake.DevHost.Samples;

namespace PoIntake.Tests.Samples;

public sealed class ApportionTests
{
    [Fact]
    public void LargestRemainder_GivesLeftoverUnitsToLargestRemainders()
    {
        // Quotas 3.5, 2.1, 4.4 of 10 → floors 3, 2, 4 and one unit left for the 0.5 remainder.
        Assert.Equal([4, 2, 4], Apportion.LargestRemainder(10, [35, 21, 44]));
    }

    [Fact]
    public void LargestRemainder_TiesGoToTheEarlierWeight()
    {
        Assert.Equal([4, 3, 3], Apportion.LargestRemainder(10, [1, 1, 1]));
    }

    [Theory]
    [InlineData(9477, new[] { 1, 2, 5, 5, 1, 2, 4, 1, 8, 13, 23, 5, 5, 1, 3, 5, 1, 16, 3, 3 })]
    [InlineData(0, new[] { 3, 4 })]
    [InlineData(7, new[] { 0, 5, 0 })]
    public void LargestRemainder_PartsAlwaysAddUpAndStayProportional(int total, int[] weights)
    {
        var parts = Apportion.LargestRemainder(total, weights);

        Assert.Equal(total, parts.Sum());
        var weightSum = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            var quota = (double)total * weights[i] / weightSum;
            Assert.InRange(parts[i], Math.Floor(quota), Math.Ceiling(quota));
        }
    }
}
