using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Functions.Http;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace PoIntake.DevHost.Functions;

/// <summary>Maps every HTTP-triggered function under /api/{route} and runs it like the ASP.NET Core integration does.</summary>
internal static partial class HttpFunctionEndpoints
{
    public const string RoutePrefix = "api";

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog)
    {
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpFunctionEndpoints));
        foreach (var function in catalog.Http)
        {
            if (UnsupportedParameter(function) is { } unsupported)
            {
                LogSkipped(logger, function.Function.Name, unsupported);
                continue;
            }

            endpoints
                .MapMethods($"/{RoutePrefix}/{function.Route}", function.Methods, (HttpContext context) => InvokeAsync(function, context))
                .WithDisplayName(function.Function.Name);
        }

        return endpoints;
    }

    /// <summary>The first parameter devhost cannot bind (FunctionContext, other bindings), or null when all can be.</summary>
    internal static string? UnsupportedParameter(HttpFunction function)
    {
        var routeNames = RouteParameterNames(function.Route);
        foreach (var parameter in function.Function.Method.GetParameters())
        {
            var bindable = parameter.ParameterType == typeof(HttpRequest)
                || parameter.ParameterType == typeof(CancellationToken)
                || parameter.GetCustomAttribute<FromBodyAttribute>() is not null
                || routeNames.Contains(parameter.Name!)
                || parameter.HasDefaultValue;
            if (!bindable)
            {
                return $"{parameter.Name} ({parameter.ParameterType.Name})";
            }
        }

        return null;
    }

    private static async Task InvokeAsync(HttpFunction function, HttpContext context)
    {
        var body = await ReadBodyAsync(function, context);
        // The same last line of defence as the worker's ProblemMiddleware: an unexpected exception becomes the 500 problem.
        object? result = null;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<ProblemMiddleware>();
        var problem = await HttpResults.CatchUnexpectedAsync(
            async () => result = await FunctionInvoker.InvokeAsync(function.Function, context.RequestServices, parameter => Bind(parameter, context, body)),
            logger,
            function.Function.Name,
            context.RequestAborted);
        var answer = problem ?? result;
        switch (answer)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult httpResult:
                await httpResult.ExecuteAsync(context);
                break;
            case null:
                break;
            default:
                await context.Response.WriteAsJsonAsync(answer, answer.GetType(), JsonOptions(context), context.RequestAborted);
                break;
        }
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context, object? body)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }

        if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
        {
            return body;
        }

        if (context.Request.RouteValues.TryGetValue(parameter.Name!, out var value) && value is not null)
        {
            return ConvertRouteValue(value, parameter.ParameterType);
        }

        return parameter.HasDefaultValue ? parameter.DefaultValue : null;
    }

    internal static object? ConvertRouteValue(object value, Type target)
    {
        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        return string.IsNullOrEmpty(text)
            ? null
            : TypeDescriptor.GetConverter(underlying).ConvertFromInvariantString(text);
    }

    private static async Task<object?> ReadBodyAsync(HttpFunction function, HttpContext context)
    {
        var parameter = function.Function.Method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<FromBodyAttribute>() is not null);
        if (parameter is null)
        {
            return null;
        }

        if (parameter.ParameterType == typeof(string))
        {
            using var reader = new StreamReader(context.Request.Body);
            return await reader.ReadToEndAsync(context.RequestAborted);
        }

        if (parameter.ParameterType == typeof(byte[]))
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return buffer.ToArray();
        }

        return await JsonSerializer.DeserializeAsync(context.Request.Body, parameter.ParameterType, JsonOptions(context), context.RequestAborted);
    }

    private static JsonSerializerOptions JsonOptions(HttpContext context) =>
        context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<JsonOptions>>()?.Value.JsonSerializerOptions
        ?? JsonSerializerOptions.Web;

    private static HashSet<string> RouteParameterNames(string route) =>
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route).Parameters
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "devhost cannot bind parameter {Parameter} of HTTP function {Function}; it is not mapped (use `func start` for it)")]
    private static partial void LogSkipped(ILogger logger, string function, string parameter);
}
