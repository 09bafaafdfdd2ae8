using System.Collections.Concurrent;
using System.Reflection;
using Azure;
using Azure.Storage.Blobs;
using PoIntake.DevHost.Functions;

namespace PoIntake.DevHost.Blobs;

/// <summary>One blob seen in a listing.</summary>
internal sealed record BlobListing(string Name, ETag ETag);

/// <summary>
/// Runs a blob-triggered function for each new or changed blob (name + ETag), as the host does for each blob event:
/// up to <see cref="MaxAttempts"/> tries, then the blob is left alone (the host would poison it) until it changes.
/// </summary>
internal sealed partial class BlobTriggerDispatcher(
    BlobFunction function,
    IServiceProvider services,
    ILogger<BlobTriggerDispatcher> logger,
    TimeSpan retryDelay)
{
    public const int MaxAttempts = 5;

    public const int MaxParallelism = 4;

    private readonly BlobPathPattern pattern = BlobPathPattern.Parse(function.BlobPath);
    private readonly ConcurrentDictionary<string, ETag> handled = new(StringComparer.Ordinal);

    public BlobFunction Function => function;

    public string Container => pattern.Container;

    /// <summary>
    /// Invokes the function for each listed blob that matches the path and was not handled with this ETag, at most
    /// <see cref="MaxParallelism"/> at a time (host.json maxDegreeOfParallelism); returns how many ran.
    /// </summary>
    public async Task<int> DispatchAsync(BlobContainerClient container, IEnumerable<BlobListing> blobs, CancellationToken cancellationToken)
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

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (item, token) =>
        {
            await RunWithRetriesAsync(container.GetBlobClient(item.Blob.Name), item.Values, token);
            handled[item.Blob.Name] = item.Blob.ETag;
        });
        return due.Count;
    }

    private async Task RunWithRetriesAsync(BlobClient blob, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                await FunctionInvoker.InvokeAsync(function.Function, services, parameter => Bind(parameter, blob, values, cancellationToken));
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogAttemptFailed(logger, ex, function.Function.Name, attempt, MaxAttempts);
                if (attempt < MaxAttempts)
                {
                    await Task.Delay(retryDelay, cancellationToken);
                }
            }
        }

        LogGaveUp(logger, function.Function.Name, MaxAttempts);
    }

    private static object? Bind(ParameterInfo parameter, BlobClient blob, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        if (parameter.ParameterType == typeof(BlobClient))
        {
            return blob;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (parameter.ParameterType == typeof(string) && values.TryGetValue(parameter.Name!, out var value))
        {
            return value;
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        throw new NotSupportedException(
            $"devhost cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of a blob function; bind a BlobClient instead.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob function {Function} failed (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string function, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Blob function {Function} failed {MaxAttempts} times; the host would move this blob to the poison queue. Upload it again to retry")]
    private static partial void LogGaveUp(ILogger logger, string function, int maxAttempts);
}
