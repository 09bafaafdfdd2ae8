using System.Collections.Concurrent;
using Grpc.Core;
using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.DevHost.Worker;

/// <summary>One line the worker logged over the stream (RpcLog), kept for the start-up summary and the tests.</summary>
internal sealed record WorkerLog(DateTimeOffset At, string Category, LogLevel Level, string Message, string? InvocationId, string? Exception);

/// <summary>
/// The host's end of the worker's <c>FunctionRpc.EventStream</c>: pairs each request devhost sends (init, metadata, load,
/// invocation) with the worker's answer, and passes the worker's logs on to devhost's logging. One worker per channel.
/// </summary>
internal sealed partial class WorkerChannel(ILoggerFactory loggers, TimeProvider time)
{
    private const int KeptLogs = 5000;

    private readonly ILogger logger = loggers.CreateLogger<WorkerChannel>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WorkerLog> logs = new();
    private readonly TaskCompletionSource<string> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private IServerStreamWriter<StreamingMessage>? writer;

    /// <summary>Completes with the worker's id when it opened the stream (StartStream).</summary>
    public Task<string> Started => started.Task;

    /// <summary>The worker's most recent log lines (at most <see cref="KeptLogs"/>), oldest first.</summary>
    public IReadOnlyCollection<WorkerLog> Logs => logs;

    /// <summary>Serves the stream until the worker closes it; answers are handed to whoever waits for them.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        writer = responses;
        try
        {
            while (await requests.MoveNext(cancellationToken))
            {
                Dispatch(requests.Current);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException)
        {
            LogStreamEnded(logger, ex.Message);
        }
        finally
        {
            writer = null;
            foreach (var (key, waiter) in pending)
            {
                if (pending.TryRemove(key, out _))
                {
                    waiter.TrySetException(new IOException("The worker closed its stream before it answered."));
                }
            }
        }
    }

    /// <summary>Sends <paramref name="message"/> and waits for the answer filed under <paramref name="answerKey"/>.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, string answerKey, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.TryAdd(answerKey, answer))
        {
            throw new InvalidOperationException($"A request '{answerKey}' is already waiting for the worker.");
        }

        try
        {
            await SendAsync(message, cancellationToken);
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            pending.TryRemove(answerKey, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var stream = writer ?? throw new IOException("The worker is not connected.");
            await stream.WriteAsync(message, cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public static string InitKey => "init";

    public static string MetadataKey => "metadata";

    public static string LoadKey(string functionId) => "load:" + functionId;

    public static string InvocationKey(string invocationId) => "invocation:" + invocationId;

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                started.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Log(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                Answer(InitKey, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                Answer(MetadataKey, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Answer(LoadKey(message.FunctionLoadResponse.FunctionId), message);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Answer(InvocationKey(message.InvocationResponse.InvocationId), message);
                break;
            default:
                LogIgnored(logger, message.ContentCase.ToString());
                break;
        }
    }

    private void Answer(string key, StreamingMessage message)
    {
        if (pending.TryGetValue(key, out var waiter))
        {
            waiter.TrySetResult(message);
        }
        else
        {
            LogUnexpectedAnswer(logger, key);
        }
    }

    private void Log(RpcLog log)
    {
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        var category = string.IsNullOrEmpty(log.Category) ? "Worker" : log.Category;
        logs.Enqueue(new WorkerLog(
            time.GetUtcNow(),
            category,
            level,
            log.Message,
            string.IsNullOrEmpty(log.InvocationId) ? null : log.InvocationId,
            log.Exception is { } exception ? $"{exception.Type}: {exception.Message}" : null));
        while (logs.Count > KeptLogs && logs.TryDequeue(out _))
        {
        }

        var target = loggers.CreateLogger("Worker." + category);
        if (log.Exception is { } failure)
        {
            LogFromWorkerWithException(target, level, log.Message, failure.Type, failure.Message);
        }
        else
        {
            LogFromWorker(target, level, log.Message);
        }
    }

    [LoggerMessage(Message = "{Message}")]
    private static partial void LogFromWorker(ILogger logger, LogLevel level, string message);

    [LoggerMessage(Message = "{Message} ({ExceptionType}: {ExceptionMessage})")]
    private static partial void LogFromWorkerWithException(ILogger logger, LogLevel level, string message, string exceptionType, string exceptionMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "The worker's stream ended: {Reason}")]
    private static partial void LogStreamEnded(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a {Message} message from the worker")]
    private static partial void LogIgnored(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The worker answered {Key}, which nobody waits for (timed out?)")]
    private static partial void LogUnexpectedAnswer(ILogger logger, string key);
}
