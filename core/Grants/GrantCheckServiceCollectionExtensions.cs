using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Grants;

public static class GrantCheckServiceCollectionExtensions
{
    /// <summary>
    /// The intake's cross-checks with the grant register (section <c>GrantChecks</c>, validated at start) and the
    /// per-year appropriation they read (section <c>Appropriation</c>). They use an <see cref="IGrantRegisterReader"/>
    /// when one is registered; without it they find nothing.
    /// </summary>
    public static IServiceCollection AddPoIntakeGrantChecks(this IServiceCollection services)
    {
        services.AddOptions<GrantCheckOptions>().BindConfiguration(GrantCheckOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddPoIntakeAppropriation();

        services.TryAddSingleton<IReportCrossCheck, GrantCrossCheck>();
        return services;
    }
}
