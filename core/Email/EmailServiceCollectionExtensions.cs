using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PoIntake.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Binds section <c>Email</c> (validated at start) and registers the <see cref="IEmailSender"/> its Mode names.</summary>
    public static IServiceCollection AddPoIntakeEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
        services.TryAddSingleton<AcsEmailSender>();
        services.TryAddSingleton<OutboxEmailSender>();
        services.TryAddSingleton<IEmailSender>(provider =>
            provider.GetRequiredService<IOptions<EmailOptions>>().Value.EffectiveMode == EmailMode.Acs
                ? provider.GetRequiredService<AcsEmailSender>()
                : provider.GetRequiredService<OutboxEmailSender>());
        return services;
    }
}
