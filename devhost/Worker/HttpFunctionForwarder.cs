using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.DevHost.Worker;

/// <summary>
/// Runs an HTTP-triggered function the way the Functions host does with the ASP.NET Core integration: it sends the
/// InvocationRequest (an empty RpcHttp for the trigger, route values as trigger metadata) and at the same time forwards
/// the caller's request to the worker's own HTTP server with the header <c>x-ms-invocation-id</c>; the worker pairs the
/// two, runs its middleware and the function, and answers the request itself (status, headers, body), which is copied back.
/// </summary>
internal sealed partial class HttpFunctionForwarder(WorkerHost worker, ILogger<HttpFunctionForwarder> logger) : IDisposable
{
    public const string RoutePrefix = "api";
    public const string InvocationIdHeader = "x-ms-invocation-id";

    /// <summary>How long the worker may take to answer the HTTP request after it reported the invocation failed.</summary>
    private static readonly TimeSpan AnswerAfterFailure = TimeSpan.FromSeconds(5);

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseProxy = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task ForwardAsync(HttpRoute route, HttpContext context)
    {
        var invocationId = Guid.NewGuid().ToString();
        var request = new InvocationRequest { InvocationId = invocationId, FunctionId = route.Function.Id, TraceContext = new RpcTraceContext() };
        request.InputData.Add(new ParameterBinding
        {
            Name = route.TriggerName,
            Data = new TypedData { Http = new RpcHttp { Method = context.Request.Method, Url = context.Request.GetDisplayUrl() } },
        });
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is not null)
            {
                request.TriggerMetadata[name] = new TypedData { String = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) };
            }
        }

        request.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())) };
        request.TriggerMetadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())) };

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var invocation = worker.InvokeAsync(request, abort.Token);
        using var forward = Forward(context, invocationId);
        var answer = client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, abort.Token);

        if (await Task.WhenAny(answer, invocation) == invocation && !answer.IsCompleted)
        {
            // The worker reported the invocation before answering: normal for a success, but a failure it may never answer.
            var failed = invocation.IsFaulted || invocation.Result.Result?.Status != StatusResult.Types.Status.Success;
            if (failed && await Task.WhenAny(answer, Task.Delay(AnswerAfterFailure, context.RequestAborted)) != answer)
            {
                await abort.CancelAsync();
                LogNoAnswer(logger, route.Function.Name, Describe(invocation));
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            }
        }

        using var response = await answer;
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        var result = await invocation;
        if (result.Result?.Status != StatusResult.Types.Status.Success)
        {
            LogFailed(logger, route.Function.Name, (int)response.StatusCode, Describe(invocation));
        }
    }

    public void Dispose() => client.Dispose();

    private HttpRequestMessage Forward(HttpContext context, string invocationId)
    {
        var target = new Uri(worker.HttpUri!, context.Request.PathBase + context.Request.Path + context.Request.QueryString);
        var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        forward.Headers.Host = context.Request.Host.Value;
        forward.Headers.Remove(InvocationIdHeader);
        forward.Headers.Add(InvocationIdHeader, invocationId);
        return forward;
    }

    private static string Describe(Task<InvocationResponse> invocation) =>
        invocation.IsFaulted ? invocation.Exception!.GetBaseException().Message
        : invocation.IsCanceled ? "cancelled"
        : invocation.Result.Result?.Exception?.Message ?? invocation.Result.Result?.Status.ToString() ?? "no status";

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} failed and the worker did not answer the request: {Reason}")]
    private static partial void LogNoAnswer(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP function {Function} answered {Status} and reported a failed invocation: {Reason}")]
    private static partial void LogFailed(ILogger logger, string function, int status, string reason);
}
