using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoIntake.Core.Contacts;
using PoIntake.Core.Email;

namespace PoIntake.Core.Reminders;

public static class ReminderServiceCollectionExtensions
{
    /// <summary>
    /// Reminders, the contacts register and their e-mail (sections <c>Reminders</c> and <c>Email</c>, validated at start).
    /// Needs the stores (<c>AddPoIntakeStorage</c>) and what <c>AddPoIntakeCore()</c> shares (<see cref="TimeProvider"/>, the registry).
    /// </summary>
    public static IServiceCollection AddPoIntakeReminders(this IServiceCollection services)
    {
        services.AddPoIntakeEmail();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IReportDirectory, TableReportDirectory>();
        services.TryAddSingleton<ContactStore>();
        services.TryAddSingleton<IContactDirectory>(provider => provider.GetRequiredService<ContactStore>());
        services.TryAddSingleton<ContactsWorkbookParser>();
        services.TryAddSingleton<IWorkingDayCalendar, SwedishWorkingDayCalendar>();
        services.TryAddSingleton<ReminderSchedule>();
        services.TryAddSingleton<ReminderMailRenderer>();
        services.TryAddSingleton<ObligationService>();
        services.TryAddSingleton<ReminderTargeting>();
        services.TryAddSingleton<ReminderLedger>();
        services.TryAddSingleton<ReminderPass>();
        return services;
    }
}
