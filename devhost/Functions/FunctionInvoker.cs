using System.Reflection;
using System.Runtime.ExceptionServices;

namespace PoIntake.DevHost.Functions;

/// <summary>Calls a function method like the worker does: a fresh DI scope per invocation, the class built from DI, the task awaited.</summary>
internal static class FunctionInvoker
{
    /// <summary>Invokes <paramref name="function"/> with arguments from <paramref name="bind"/> and returns its awaited result (null for void/Task).</summary>
    public static async Task<object?> InvokeAsync(
        FunctionDescriptor function,
        IServiceProvider services,
        Func<ParameterInfo, object?> bind)
    {
        await using var scope = services.CreateAsyncScope();
        var instance = function.Method.IsStatic
            ? null
            : ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, function.Type);
        var arguments = function.Method.GetParameters().Select(bind).ToArray();

        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        return await Unwrap(returned, function.Method.ReturnType);
    }

    private static async Task<object?> Unwrap(object? returned, Type returnType)
    {
        switch (returned)
        {
            case Task task:
                await task;
                return returnType.IsGenericType ? returnType.GetProperty(nameof(Task<int>.Result))!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            case not null when returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)returnType.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(returned, null)!;
                await asTask;
                return asTask.GetType().GetProperty(nameof(Task<int>.Result))!.GetValue(asTask);
            default:
                return returned;
        }
    }
}
