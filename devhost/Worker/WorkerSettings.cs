namespace PoIntake.DevHost.Worker;

/// <summary>
/// The app settings devhost hands the worker as environment variables, as the Functions host hands it the Values of
/// local.settings.json (or the app settings in Azure): <c>Section:Key</c> becomes <c>Section__Key</c>.
/// </summary>
internal sealed class WorkerSettings(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
