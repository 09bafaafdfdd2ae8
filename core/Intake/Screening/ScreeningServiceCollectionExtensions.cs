using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PoIntake.Core.Intake.Screening;

public static class ScreeningServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="IWorkbookScreener"/> with <see cref="ScreeningOptions"/> from the section <c>Screening</c>.</summary>
    public static IServiceCollection AddPoIntakeScreening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScreeningOptions>()
            .Bind(configuration.GetSection(ScreeningOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IWorkbookScreener, WorkbookScreener>();
        return services;
    }
}
