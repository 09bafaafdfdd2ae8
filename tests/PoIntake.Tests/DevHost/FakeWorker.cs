using System.Collections.Concurrent;
using PoIntake.DevHost.Worker;
using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.Tests.DevHost;

/// <summary>
/// Stands in for the worker process in the trigger tests (a port devhost owns): the functions come from metadata written
/// here, and each invocation is answered by <see cref="Answer"/> (success unless told otherwise).
/// </summary>
internal sealed class FakeWorker(params RpcFunctionMetadata[] metadata) : IWorkerInvoker
{
    public ConcurrentQueue<InvocationRequest> Requests { get; } = new();

    public Func<InvocationRequest, Task<StatusResult.Types.Status>> Answer { get; set; } = _ => Task.FromResult(StatusResult.Types.Status.Success);

    public Task<WorkerFunctions> Ready { get; } = Task.FromResult(WorkerFunctions.FromMetadata(metadata));

    public string FunctionAppDirectory { get; init; } = Path.Combine(RepositoryRoot.Path, "functions");

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var status = await Answer(request);
        return new InvocationResponse
        {
            InvocationId = request.InvocationId,
            Result = new StatusResult
            {
                Status = status,
                Exception = status == StatusResult.Types.Status.Success ? null : new RpcException { Message = "storage down" },
            },
        };
    }

    /// <summary>Metadata as the worker reports a function: name, id and its raw bindings (function.json style).</summary>
    public static RpcFunctionMetadata Function(string name, params string[] rawBindings)
    {
        var metadata = new RpcFunctionMetadata { Name = name, FunctionId = name + "-id", EntryPoint = "PoIntake.Functions." + name + ".RunAsync" };
        metadata.RawBindings.AddRange(rawBindings);
        return metadata;
    }

    /// <summary>The intake's blob trigger as the worker's generated metadata describes it.</summary>
    public static RpcFunctionMetadata ReportIntake() => Function(
        "IngestReportFunction",
        """{"name":"blob","direction":"In","type":"blobTrigger","path":"reports/{year}/{countyCode}/{name}.xlsx","connection":"PoIntakeStorage","source":"EventGrid","properties":{"supportsDeferredBinding":"True"}}""");
}
