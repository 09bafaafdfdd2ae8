using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace PoIntake.Functions.Http;

/// <summary>
/// Turns an unexpected exception of an HTTP-triggered function into the Swedish 500 problem of
/// <see cref="HttpResults.CatchUnexpectedAsync"/> (registered once in Program.cs; devhost runs this same worker, so its
/// answers come from here too). Blob and timer functions are left alone: their failures must reach the host, which retries them.
/// </summary>
internal sealed class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, http.RequestAborted);
        if (await HttpResults.CatchUnexpectedAsync(() => next(context), logger, context.FunctionDefinition.Name, cancelled.Token) is { } problem)
        {
            // The ASP.NET Core integration's outer middleware executes the invocation result as the response.
            context.GetInvocationResult().Value = problem;
        }
    }
}
