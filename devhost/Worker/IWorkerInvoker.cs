using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.DevHost.Worker;

/// <summary>The worker as the triggers see it (<see cref="WorkerHost"/>; a fake in the trigger tests): its functions and invocations.</summary>
internal interface IWorkerInvoker
{
    /// <summary>Completes with the functions the worker loaded.</summary>
    Task<WorkerFunctions> Ready { get; }

    /// <summary>The app's folder (host.json).</summary>
    string FunctionAppDirectory { get; }

    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
