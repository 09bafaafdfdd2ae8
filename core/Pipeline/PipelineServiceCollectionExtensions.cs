using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IntakePipeline"/> with the four kinds of workbook (reports, grant registers, contacts registers, the county boards' own reports)
    /// and their entry points. Needs the stores (<c>AddPoIntakeStorage</c>), the parsers and checks, and screening's options.
    /// </summary>
    public static IServiceCollection AddPoIntakePipeline(this IServiceCollection services)
    {
        services.TryAddSingleton<IntakePipeline>();
        services.AddWorkbookKind<ReportWorkbookKind>();
        services.AddWorkbookKind<GrantRegisterKind>();
        services.AddWorkbookKind<ContactRegisterKind>();
        services.TryAddSingleton<CountyBoards.CountyBoardReportParser>();
        services.AddWorkbookKind<CountyBoardReportKind>();
        services.TryAddSingleton<IReportIntake, ReportIntake>();
        services.TryAddSingleton<GrantIntakeService>();
        services.TryAddSingleton<ContactImportService>();
        return services;
    }

    /// <summary>Adds a kind of workbook to the pipeline (once, however often called): one per container.</summary>
    public static IServiceCollection AddWorkbookKind<TKind>(this IServiceCollection services)
        where TKind : class, IWorkbookKind
    {
        services.TryAddSingleton<TKind>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkbookKind, TKind>(sp => sp.GetRequiredService<TKind>()));
        return services;
    }
}
