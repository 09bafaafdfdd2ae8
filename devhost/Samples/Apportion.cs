namespace PoIntake.DevHost.Samples;

internal static class Apportion
{
    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (Hamilton's largest-remainder method):
    /// everyone gets the floor of their quota, the units left go to the largest remainders (ties: lower index).
    /// The parts always add up to <paramref name="total"/>.
    /// </summary>
    public static int[] LargestRemainder(int total, IReadOnlyList<int> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var weightSum = weights.Sum(w => (long)w);
        if (weightSum <= 0 || weights.Any(w => w < 0))
        {
            throw new ArgumentException("Weights must be non-negative with a positive sum.", nameof(weights));
        }

        var parts = new int[weights.Count];
        var remainders = new long[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var product = (long)total * weights[i];
            parts[i] = (int)(product / weightSum);
            remainders[i] = product % weightSum;
        }

        var left = total - parts.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(left))
        {
            parts[i]++;
        }

        return parts;
    }
}
