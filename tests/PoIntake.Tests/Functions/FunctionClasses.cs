using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Functions.Intake;

namespace PoIntake.Tests.Functions;

/// <summary>A [Function] method of the functions assembly and the trigger attribute on one of its parameters.</summary>
internal sealed record DeclaredFunction(string Name, string Method, string Parameter, Attribute Trigger);

/// <summary>
/// What the function classes declare, read by reflection from their attributes: the tests' independent view, compared
/// with the metadata the worker generates (devhost itself reads only the worker's metadata).
/// </summary>
internal static class FunctionClasses
{
    public static IReadOnlyList<DeclaredFunction> All { get; } = Discover();

    public static IEnumerable<(DeclaredFunction Function, BlobTriggerAttribute Trigger)> Blobs =>
        All.Where(f => f.Trigger is BlobTriggerAttribute).Select(f => (f, (BlobTriggerAttribute)f.Trigger));

    public static IEnumerable<(DeclaredFunction Function, TimerTriggerAttribute Trigger)> Timers =>
        All.Where(f => f.Trigger is TimerTriggerAttribute).Select(f => (f, (TimerTriggerAttribute)f.Trigger));

    public static IEnumerable<(DeclaredFunction Function, HttpTriggerAttribute Trigger)> Http =>
        All.Where(f => f.Trigger is HttpTriggerAttribute).Select(f => (f, (HttpTriggerAttribute)f.Trigger));

    private static DeclaredFunction[] Discover() =>
        [.. from type in typeof(IngestReportFunction).Assembly.GetExportedTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            let function = method.GetCustomAttribute<FunctionAttribute>()
            where function is not null
            from parameter in method.GetParameters()
            let trigger = parameter.GetCustomAttributes().FirstOrDefault(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal))
            where trigger is not null
            select new DeclaredFunction(function.Name, $"{type.FullName}.{method.Name}", parameter.Name!, trigger)];
}
