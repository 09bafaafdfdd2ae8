using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PoIntake.Core.Storage;
using PoIntake.Functions;
using PoIntake.Functions.Http;

namespace PoIntake.Tests.Http;

public sealed class HttpFunctionCompositionTests
{
    [Theory]
    [InlineData(typeof(GetNationalTotalsFunction))]
    [InlineData(typeof(ListTotalsYearsFunction))]
    [InlineData(typeof(GetStatusFunction))]
    [InlineData(typeof(GetTemplateFunction))]
    [InlineData(typeof(UploadReportFunction))]
    [InlineData(typeof(GetReminderPreviewFunction))]
    public void AddPoIntakeFunctionApp_EveryHttpFunctionCanBeBuilt(Type functionType)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionNames.Storage] = "UseDevelopmentStorage=true" })
            .Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddPoIntakeFunctionApp(configuration)
            .BuildServiceProvider();

        Assert.NotNull(ActivatorUtilities.CreateInstance(services, functionType));
    }
}
