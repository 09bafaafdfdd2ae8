using System.Globalization;

namespace PoIntake.Tests;

public sealed class TestCultureTests
{
    [Fact]
    public async Task EveryTestThread_RunsUnderTheInvariantCulture()
    {
        var onPool = await Task.Run(() => CultureInfo.CurrentCulture);

        Assert.Same(CultureInfo.InvariantCulture, CultureInfo.CurrentCulture);
        Assert.Same(CultureInfo.InvariantCulture, onPool);
    }
}
