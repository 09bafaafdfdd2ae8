using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoIntake.Core.Grants;

namespace PoIntake.Core.Totals;

public static class TotalsServiceCollectionExtensions
{
    /// <summary>Totals and their exports (xlsx, csv, the docx lägesrapport; section <c>Totals</c>); needs the stores registered by <c>AddPoIntakeStorage</c>.</summary>
    public static IServiceCollection AddPoIntakeTotals(this IServiceCollection services)
    {
        services.AddOptions<TotalsOptions>()
            .BindConfiguration(TotalsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LagesrapportOptions>()
            .BindConfiguration(LagesrapportOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddPoIntakeAppropriation(); // Tabell 5's budget lines per year (docs/api.md, "Budget och utfall")
        services.TryAddSingleton<ITotalsStore, TotalsStore>();
        services.TryAddSingleton<TotalsCalculator>();
        services.TryAddSingleton<TotalsService>();
        services.TryAddSingleton<TotalsXlsxExporter>();
        services.TryAddSingleton<TotalsCsvExporter>();
        services.TryAddSingleton<LagesrapportDocxWriter>();
        return services;
    }
}
