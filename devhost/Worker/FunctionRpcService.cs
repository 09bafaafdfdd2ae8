using Grpc.Core;
using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.DevHost.Worker;

/// <summary>The gRPC service the worker connects to (<c>--functions-uri</c>): hands its stream to the <see cref="WorkerChannel"/>.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.RunAsync(requestStream, responseStream, context.CancellationToken);
}
