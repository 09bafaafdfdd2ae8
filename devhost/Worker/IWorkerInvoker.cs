using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.DevHost.Worker;

/// <summary>Sends an invocation to the worker and returns its answer (<see cref="WorkerHost"/>; a fake in the dispatcher's tests).</summary>
internal interface IWorkerInvoker
{
    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
