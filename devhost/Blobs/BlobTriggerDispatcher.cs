using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Google.Protobuf;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Worker;
using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.DevHost.Blobs;

/// <summary>One blob seen in a listing.</summary>
internal sealed record BlobListing(string Name, ETag ETag);

/// <summary>
/// Raises a blob-triggered function in the worker for each new or changed blob (name + ETag) under its path, as the host
/// does for each Event Grid BlobCreated event: the trigger's data is the SDK-binding reference (ModelBindingData, source
/// AzureStorageBlobs) the worker's blob extension turns into a client, and the path's parameters go in the trigger
/// metadata. A failed invocation is tried again up to host.json's poisonBlobThreshold; then the blob is left alone
/// (the host would move it to the poison queue) until it changes.
/// </summary>
internal sealed partial class BlobTriggerDispatcher(
    BlobTrigger trigger,
    IWorkerInvoker worker,
    HostJson hostJson,
    IntakeObserver observer,
    ILogger<BlobTriggerDispatcher> logger,
    TimeSpan retryDelay)
{
    /// <summary>The Storage extension's name for the SDK-binding source of blobs.</summary>
    public const string BindingSource = "AzureStorageBlobs";

    private readonly BlobPathPattern pattern = BlobPathPattern.Parse(trigger.Path);
    private readonly ConcurrentDictionary<string, ETag> handled = new(StringComparer.Ordinal);

    public BlobTrigger Trigger => trigger;

    public string Container => pattern.Container;

    /// <summary>
    /// Invokes the function for each listed blob that matches the path and was not handled with this ETag, at most
    /// host.json's maxDegreeOfParallelism at a time; returns how many ran.
    /// </summary>
    public async Task<int> DispatchAsync(IEnumerable<BlobListing> blobs, CancellationToken cancellationToken)
    {
        var due = new List<(BlobListing Blob, IReadOnlyDictionary<string, string> Values)>();
        foreach (var blob in blobs)
        {
            if (handled.TryGetValue(blob.Name, out var etag) && etag == blob.ETag)
            {
                continue;
            }

            if (pattern.Match(blob.Name) is { } values)
            {
                due.Add((blob, values));
            }
            else
            {
                handled[blob.Name] = blob.ETag;
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, hostJson.BlobParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (item, token) =>
        {
            await RunWithRetriesAsync(item.Blob.Name, item.Values, token);
            handled[item.Blob.Name] = item.Blob.ETag;
        });
        return due.Count;
    }

    /// <summary>The InvocationRequest for one blob (attempt counts from 0), as the host builds it for an Event Grid blob trigger.</summary>
    public InvocationRequest Request(string blobName, IReadOnlyDictionary<string, string> values, int retryCount)
    {
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = trigger.Function.Id,
            TraceContext = new RpcTraceContext(),
            RetryContext = new RetryContext { RetryCount = retryCount, MaxRetryCount = hostJson.PoisonBlobThreshold - 1 },
        };
        var reference = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["Connection"] = trigger.Connection ?? "AzureWebJobsStorage",
            ["ContainerName"] = Container,
            ["BlobName"] = blobName,
        });
        request.InputData.Add(new ParameterBinding
        {
            Name = trigger.TriggerName,
            Data = new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = BindingSource,
                    ContentType = "application/json",
                    Content = ByteString.CopyFrom(reference),
                },
            },
        });
        foreach (var (name, value) in values)
        {
            request.TriggerMetadata[name] = new TypedData { String = value };
        }

        request.TriggerMetadata["BlobTrigger"] = new TypedData { String = $"{Container}/{blobName}" };
        return request;
    }

    private async Task RunWithRetriesAsync(string blobName, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, hostJson.PoisonBlobThreshold);
        string? reason = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            observer.Attempted(blobName);
            try
            {
                var response = await worker.InvokeAsync(Request(blobName, values, attempt - 1), cancellationToken);
                if (response.Result?.Status == StatusResult.Types.Status.Success)
                {
                    observer.Succeeded(blobName);
                    return;
                }

                reason = response.Result?.Exception?.Message ?? response.Result?.Status.ToString() ?? "no status";
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                reason = ex.Message;
            }

            LogAttemptFailed(logger, trigger.Function.Name, attempt, attempts, reason);
            if (attempt < attempts)
            {
                await Task.Delay(retryDelay, cancellationToken);
            }
        }

        observer.Failed(blobName, reason ?? "failed");
        LogPoisoned(logger, trigger.Function.Name, attempts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob function {Function} failed (attempt {Attempt} of {MaxAttempts}): {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string function, int attempt, int maxAttempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Blob function {Function} failed {MaxAttempts} times (host.json poisonBlobThreshold); the host would move this blob to the poison queue. Upload it again to retry")]
    private static partial void LogPoisoned(ILogger logger, string function, int maxAttempts);
}
