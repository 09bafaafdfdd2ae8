using System.Collections.Concurrent;

namespace PoIntake.DevHost.Intake;

/// <summary>
/// Which blobs the worker's blob functions handled and which failed (after their retries), so devhost can tell the
/// developer what became of the samples; the outcome itself (accepted, rejected) is read from the stored validation report.
/// </summary>
internal sealed class IntakeObserver
{
    private readonly ConcurrentDictionary<string, bool> handled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> failures = new(StringComparer.Ordinal);

    public void Succeeded(string blobName)
    {
        handled[blobName] = true;
        failures.TryRemove(blobName, out _);
    }

    public void Failed(string blobName, string reason) => failures[blobName] = reason;

    public bool WasHandled(string blobName) => handled.ContainsKey(blobName);

    public string? FailureOf(string blobName) => failures.GetValueOrDefault(blobName);
}
