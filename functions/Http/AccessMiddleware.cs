using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace PoIntake.Functions.Http;

/// <summary>
/// Runs <see cref="RouteGate"/> before every HTTP function, with the access its method declares
/// (<see cref="AccessAttribute"/> or <see cref="PublicAttribute"/>) and the route values the host bound; a refused call
/// never reaches the function. Registered once in Program.cs, inside <see cref="ProblemMiddleware"/>; devhost runs this
/// same worker. Blob and timer functions pass untouched. An HTTP function that declares neither attribute is a fault
/// (the 500 problem), never an open route.
/// </summary>
internal sealed class AccessMiddleware(RouteGate gate) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, (AccessAttribute? Access, bool Public)> Declared = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var (access, isPublic) = Declared.GetOrAdd(context.FunctionDefinition.EntryPoint, DeclarationOf);
        if (access is null && !isPublic)
        {
            throw new InvalidOperationException($"HTTP function {context.FunctionDefinition.Name} declares no access.");
        }

        var (route, refusal) = gate.Admit(context.FunctionDefinition.Name, access, http.Request, context.BindingContext.BindingData);
        if (refusal is not null)
        {
            context.GetInvocationResult().Value = refusal;
            return;
        }

        route!.Attach(http);
        await next(context);
    }

    /// <summary>The declaration on the method an entry point ("Namespace.Type.Method") names.</summary>
    internal static (AccessAttribute? Access, bool Public) DeclarationOf(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        var method = typeof(AccessMiddleware).Assembly.GetType(entryPoint[..dot])?.GetMethod(entryPoint[(dot + 1)..]);
        return method is null ? (null, false) : DeclarationOf(method);
    }

    internal static (AccessAttribute? Access, bool Public) DeclarationOf(MethodInfo method) =>
        (method.GetCustomAttribute<AccessAttribute>(), method.GetCustomAttribute<PublicAttribute>() is not null);
}
