using System.Collections.Concurrent;

namespace PoIntake.DevHost.Intake;

/// <summary>
/// Which blobs the worker's blob functions handled, how often each was tried and which failed (after their retries), so
/// devhost can tell the developer what became of the samples; the outcome itself (accepted, rejected) is read from the
/// stored validation report.
/// </summary>
internal sealed class IntakeObserver
{
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> handled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> failures = new(StringComparer.Ordinal);

    /// <summary>Raised when a blob's function succeeded or ran out of tries (blob name).</summary>
    public event Action<string>? Settled;

    public void Attempted(string blobName) => attempts.AddOrUpdate(blobName, 1, (_, n) => n + 1);

    public void Succeeded(string blobName)
    {
        handled[blobName] = true;
        failures.TryRemove(blobName, out _);
        Settled?.Invoke(blobName);
    }

    public void Failed(string blobName, string reason)
    {
        failures[blobName] = reason;
        Settled?.Invoke(blobName);
    }

    public int AttemptsOf(string blobName) => attempts.GetValueOrDefault(blobName);

    public bool WasHandled(string blobName) => handled.ContainsKey(blobName);

    public string? FailureOf(string blobName) => failures.GetValueOrDefault(blobName);
}
