using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;
using PoIntake.Functions;
using PoIntake.Functions.Http;
using PoIntake.Functions.Web;

namespace PoIntake.Tests.Http;

public sealed class HttpFunctionCompositionTests
{
    /// <summary>Every class of the function app with an [HttpTrigger] function, found the way the worker SDK finds them.</summary>
    private static readonly Type[] HttpFunctions = [.. typeof(FunctionAppServiceCollectionExtensions).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null
            && m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static TheoryData<Type> HttpFunctionTypes() => [.. HttpFunctions];

    [Fact]
    public void HttpFunctionTypes_IncludeTheApiAndTheWebFunctions()
    {
        var found = HttpFunctions;

        Assert.Contains(typeof(GetNationalTotalsFunction), found);
        Assert.Contains(typeof(UploadReportFunction), found);
        Assert.Contains(typeof(WebPagesFunction), found);
        Assert.Contains(typeof(FindingsWorkbookFunction), found);
    }

    [Theory]
    [MemberData(nameof(HttpFunctionTypes))]
    public void AddPoIntakeFunctionApp_EveryConstructorParameterOfAnHttpFunctionIsRegistered(Type functionType)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionNames.Storage] = "UseDevelopmentStorage=true" })
            .Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddPoIntakeFunctionApp(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // The worker activates a function class with ActivatorUtilities: each parameter must come from the container,
        // none may fall back to a default value.
        var constructor = Assert.Single(functionType.GetConstructors());
        Assert.All(constructor.GetParameters(), p => Assert.True(
            services.GetService(p.ParameterType) is not null,
            $"{functionType.Name} needs a {p.ParameterType.Name} that AddPoIntakeFunctionApp does not register."));
        Assert.IsType(functionType, ActivatorUtilities.CreateInstance(services, functionType));
    }

    [Theory]
    [InlineData(typeof(TimeProvider))]
    [InlineData(typeof(MunicipalityRegistry))]
    [InlineData(typeof(ReportChecker))]
    [InlineData(typeof(TotalsService))]
    [InlineData(typeof(IConfigureOptions<TotalsOptions>))]
    public void AddPoIntakeFunctionApp_EachServiceIsRegisteredOnce(Type service)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionNames.Storage] = "UseDevelopmentStorage=true" })
            .Build();
        var services = new ServiceCollection().AddPoIntakeFunctionApp(configuration);

        Assert.Single(services, d => d.ServiceType == service);
    }
}
