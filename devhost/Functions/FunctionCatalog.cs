using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace PoIntake.DevHost.Functions;

/// <summary>A public method marked [Function] and the type that declares it.</summary>
internal sealed record FunctionDescriptor(string Name, Type Type, MethodInfo Method)
{
    public override string ToString() => $"{Type.Name}.{Method.Name} ({Name})";
}

internal sealed record HttpFunction(FunctionDescriptor Function, IReadOnlyList<string> Methods, string Route);

internal sealed record TimerFunction(FunctionDescriptor Function, string Schedule, bool RunOnStartup);

internal sealed record BlobFunction(FunctionDescriptor Function, string BlobPath, string? Connection);

/// <summary>
/// The functions of an assembly, found the way the Functions SDK finds them: public methods with [Function], the
/// trigger read from the attribute on one parameter. devhost hosts these same classes, so adding a function needs no change here.
/// </summary>
internal sealed class FunctionCatalog
{
    /// <summary>Every HTTP method the Functions host accepts when an HttpTrigger names none.</summary>
    public static readonly IReadOnlyList<string> AllHttpMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    public FunctionCatalog(IEnumerable<Type> types)
    {
        var http = new List<HttpFunction>();
        var timers = new List<TimerFunction>();
        var blobs = new List<BlobFunction>();
        foreach (var function in Discover(types))
        {
            foreach (var parameter in function.Method.GetParameters())
            {
                switch (parameter.GetCustomAttribute<BindingAttribute>(inherit: false))
                {
                    case HttpTriggerAttribute trigger:
                        http.Add(new HttpFunction(
                            function,
                            trigger.Methods is { Length: > 0 } methods ? [.. methods.Select(m => m.ToUpperInvariant())] : AllHttpMethods,
                            (trigger.Route ?? function.Name).Trim('/')));
                        break;
                    case TimerTriggerAttribute trigger:
                        timers.Add(new TimerFunction(function, trigger.Schedule, trigger.RunOnStartup));
                        break;
                    case BlobTriggerAttribute trigger:
                        blobs.Add(new BlobFunction(function, trigger.BlobPath, trigger.Connection));
                        break;
                }
            }
        }

        Http = http;
        Timers = timers;
        Blobs = blobs;
    }

    public IReadOnlyList<HttpFunction> Http { get; }

    public IReadOnlyList<TimerFunction> Timers { get; }

    public IReadOnlyList<BlobFunction> Blobs { get; }

    public static FunctionCatalog FromAssembly(Assembly assembly) => new(assembly.GetExportedTypes());

    private static IEnumerable<FunctionDescriptor> Discover(IEnumerable<Type> types) =>
        from type in types
        where type is { IsClass: true, IsAbstract: false, IsPublic: true } || type.IsNestedPublic
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let attribute = method.GetCustomAttribute<FunctionAttribute>()
        where attribute is not null
        select new FunctionDescriptor(attribute.Name, type, method);
}
