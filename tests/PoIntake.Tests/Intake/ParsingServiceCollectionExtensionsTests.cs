using Microsoft.Extensions.DependencyInjection;
using Moq;
using PoIntake.Core;
using PoIntake.Core.Intake;

namespace PoIntake.Tests.Intake;

public sealed class ParsingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPoIntakeCore_RegistersParserComparerAndChecker()
    {
        var services = new ServiceCollection().AddPoIntakeCore();
        services.AddSingleton(Mock.Of<IWorkbookScreener>());
        services.AddSingleton(Mock.Of<IPreviousReportSource>());
        services.AddSingleton(Mock.Of<ICurrentCoverageSource>());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<ReportParser>(provider.GetRequiredService<IReportParser>());
        Assert.Same(provider.GetRequiredService<IReportParser>(), provider.GetRequiredService<IReportParser>());
        Assert.IsType<PreviousYearComparer>(provider.GetRequiredService<IPreviousYearComparer>());
        Assert.NotNull(provider.GetRequiredService<ReportChecker>());
    }
}
