using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PoIntake.Core.Access;
using PoIntake.Core.Reference;
using PoIntake.Functions.Http;

namespace PoIntake.Tests.Http;

internal static partial class HttpFunctionTestKit
{
    /// <summary>
    /// Calls an HTTP function as the worker does: <paramref name="route"/> are the route's values in the order of its
    /// <c>{…}</c>, passed through <see cref="RouteGate"/> with the access the method declares (as
    /// <see cref="AccessMiddleware"/> does), with the test role keys required.
    /// </summary>
    public static Task<IActionResult> Call(Delegate function, HttpRequest request, params string?[] route) =>
        CallWith(TestRoleKeysRequired.Value, null, function, request, CancellationToken.None, route);

    /// <summary>As <see cref="Call"/>, with the keys, the gate's logger and the cancellation given.</summary>
    public static async Task<IActionResult> CallWith(
        AccessKeys keys, ILogger<RouteGate>? logger, Delegate function, HttpRequest request, CancellationToken cancellationToken, params string?[] route)
    {
        var method = function.Method;
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(t => t is not null)!;
        var names = RouteValueName().Matches(trigger.Route!).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(names.Count, route.Length);
        var values = names.Zip(route).ToDictionary(p => p.First, p => (object?)p.Second, StringComparer.Ordinal);
        var (access, isPublic) = AccessMiddleware.DeclarationOf(method);
        Assert.True(access is not null || isPublic, $"{method.Name} declares no access");

        var gate = new RouteGate(keys, MunicipalityRegistry.Default, logger ?? NullLogger<RouteGate>.Instance);
        var (admitted, refusal) = gate.Admit(method.GetCustomAttribute<FunctionAttribute>()!.Name, access, request, values);
        if (refusal is not null)
        {
            return refusal;
        }

        admitted!.Attach(request.HttpContext);
        var arguments = method.GetParameters().Select(p =>
            p.ParameterType == typeof(HttpRequest) ? request
            : p.ParameterType == typeof(CancellationToken) ? cancellationToken
            : values.GetValueOrDefault(p.Name!)).ToArray();
        object? result;
        try
        {
            result = function.DynamicInvoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        return result switch
        {
            Task<IActionResult> task => await task,
            IActionResult answer => answer,
            _ => throw new InvalidOperationException($"{method.Name} answered {result?.GetType().Name}"),
        };
    }

    private static readonly Lazy<AccessKeys> TestRoleKeysRequired = new(PoIntake.Tests.Access.TestRoleKeys.Required);

    [GeneratedRegex(@"\{\*?(\w+)\??\}")]
    private static partial Regex RouteValueName();

    /// <summary>A GET with the role keys given (county board's, Socialstyrelsen's national key).</summary>
    public static HttpRequest Get(string query = "", string? countyKey = null, string? nationalKey = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(query);
        SetKeys(context.Request, countyKey, nationalKey);
        return context.Request;
    }

    /// <summary>A request without a body (GET, POST, DELETE) with the role keys given, the administration key included.</summary>
    public static HttpRequest Request(string method, string query = "", string? countyKey = null, string? nationalKey = null, string? administrationKey = null)
    {
        var request = Get(query, countyKey, nationalKey);
        request.Method = method;
        if (administrationKey is not null)
        {
            request.Headers[AccessKeys.AdministrationHeader] = administrationKey;
        }

        return request;
    }

    /// <summary>A GET as Socialstyrelsen sends it, with the test national key.</summary>
    public static HttpRequest NationalGet(string query = "") => Get(query, nationalKey: PoIntake.Tests.Access.TestRoleKeys.NationalKey);

    /// <summary>
    /// A POST of <paramref name="body"/>; the file name in the x-pointake-file-name header (URL-encoded), the county key
    /// in its header. <paramref name="chunked"/> leaves Content-Length out, as a chunked transfer does.
    /// </summary>
    public static HttpRequest Post(byte[] body, string? fileName = null, string? countyKey = null, bool chunked = false)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        SetKeys(context.Request, countyKey, null);
        if (fileName is not null)
        {
            context.Request.Headers[PoIntake.Functions.Http.UploadReportFunction.FileNameHeader] = Uri.EscapeDataString(fileName);
        }

        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = chunked ? null : body.Length;
        return context.Request;
    }

    private static void SetKeys(HttpRequest request, string? countyKey, string? nationalKey)
    {
        if (countyKey is not null)
        {
            request.Headers[AccessKeys.CountyHeader] = countyKey;
        }

        if (nationalKey is not null)
        {
            request.Headers[AccessKeys.NationalHeader] = nationalKey;
        }
    }

    /// <summary>Asserts an application/problem+json answer with the status, and returns its parsed body.</summary>
    public static JsonElement AssertProblem(IActionResult result, int status)
    {
        var content = Assert.IsType<ContentResult>(result);
        Assert.Equal(status, content.StatusCode);
        Assert.StartsWith("application/problem+json", content.ContentType, StringComparison.Ordinal);
        var body = JsonDocument.Parse(content.Content!).RootElement.Clone();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", content.Content, StringComparison.Ordinal);
        return body;
    }

    public static JsonElement AssertJson(IActionResult result, int status)
    {
        switch (result)
        {
            case ContentResult content:
                Assert.Equal(status, content.StatusCode);
                Assert.StartsWith("application/json", content.ContentType, StringComparison.Ordinal);
                return JsonDocument.Parse(content.Content!).RootElement.Clone();
            case FileContentResult file:
                Assert.Equal(StatusCodes.Status200OK, status);
                Assert.StartsWith("application/json", file.ContentType, StringComparison.Ordinal);
                return JsonDocument.Parse(file.FileContents).RootElement.Clone();
            default:
                throw new Xunit.Sdk.XunitException("Unexpected result " + result.GetType().Name);
        }
    }
}
