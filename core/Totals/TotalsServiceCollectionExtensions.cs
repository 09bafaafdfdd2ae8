using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PoIntake.Core.Totals;

public static class TotalsServiceCollectionExtensions
{
    /// <summary>Totals and their exports (section <c>Totals</c>); needs the stores registered by <c>AddPoIntakeStorage</c>.</summary>
    public static IServiceCollection AddPoIntakeTotals(this IServiceCollection services)
    {
        services.AddOptions<TotalsOptions>()
            .BindConfiguration(TotalsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ITotalsStore, TotalsStore>();
        services.TryAddSingleton<TotalsCalculator>();
        services.TryAddSingleton<TotalsService>();
        services.TryAddSingleton<TotalsXlsxExporter>();
        services.TryAddSingleton<TotalsCsvExporter>();
        return services;
    }
}
