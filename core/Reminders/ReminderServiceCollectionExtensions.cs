using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoIntake.Core.Contacts;
using PoIntake.Core.Email;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Reminders;

public static class ReminderServiceCollectionExtensions
{
    /// <summary>
    /// Reminders and their e-mail (section <c>Reminders</c>, validated at start). Needs a <c>TableServiceClient</c> and an
    /// <see cref="IWorkingDayCalendar"/> registered elsewhere (storage and calendar).
    /// </summary>
    public static IServiceCollection AddPoIntakeReminders(this IServiceCollection services)
    {
        services.AddPoIntakeEmail();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(MunicipalityRegistry.Default);
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IReportDirectory, TableReportDirectory>();
        services.TryAddSingleton<ContactStore>();
        services.TryAddSingleton<IContactDirectory>(provider => provider.GetRequiredService<ContactStore>());
        services.TryAddSingleton<ContactsWorkbookParser>();
        services.TryAddSingleton<ContactImportService>();
        services.TryAddSingleton<ReminderSchedule>();
        services.TryAddSingleton<ReminderMailRenderer>();
        services.TryAddSingleton<ReminderTargeting>();
        services.TryAddSingleton<ReminderLedger>();
        services.TryAddSingleton<ReminderPass>();
        return services;
    }
}
