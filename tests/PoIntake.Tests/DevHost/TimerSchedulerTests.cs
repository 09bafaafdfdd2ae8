using Microsoft.Extensions.Configuration;
using PoIntake.DevHost.Timers;

namespace PoIntake.Tests.DevHost;

public sealed class TimerSchedulerTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void ResolveSchedule_SettingReference_ReadsConfiguration()
    {
        var configuration = Configuration(("REMINDER_SCHEDULE", "0 0 6 * * *"));

        Assert.Equal("0 0 6 * * *", TimerScheduler.ResolveSchedule("%REMINDER_SCHEDULE%", configuration));
    }

    [Fact]
    public void ResolveSchedule_DoubleUnderscoreSetting_ReadsSection()
    {
        var configuration = Configuration(("Reminders:Schedule", "0 30 5 * * Mon"));

        Assert.Equal("0 30 5 * * Mon", TimerScheduler.ResolveSchedule("%Reminders__Schedule%", configuration));
    }

    [Fact]
    public void ResolveSchedule_LiteralSchedule_IsUnchanged()
    {
        Assert.Equal("0 */5 * * * *", TimerScheduler.ResolveSchedule("0 */5 * * * *", Configuration()));
    }

    [Fact]
    public void ResolveSchedule_MissingSetting_Throws()
    {
        Assert.Throws<FormatException>(() => TimerScheduler.ResolveSchedule("%NOT_SET%", Configuration()));
    }
}
