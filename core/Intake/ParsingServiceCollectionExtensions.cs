using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PoIntake.Core.Intake;

public static class ParsingServiceCollectionExtensions
{
    /// <summary>Registers the report parser, the previous-year comparer and <see cref="ReportChecker"/>.</summary>
    public static IServiceCollection AddPoIntakeParsing(this IServiceCollection services)
    {
        services.TryAddSingleton<IReportParser, ReportParser>();
        services.TryAddSingleton<IPreviousYearComparer, PreviousYearComparer>();
        services.TryAddSingleton<ReportChecker>();
        return services;
    }
}
