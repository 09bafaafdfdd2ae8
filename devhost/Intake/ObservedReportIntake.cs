using System.Collections.Concurrent;
using PoIntake.Core.Intake;

namespace PoIntake.DevHost.Intake;

/// <summary>The last intake result per blob, so devhost can tell the developer what became of the samples.</summary>
internal sealed class IntakeObserver
{
    private readonly ConcurrentDictionary<string, IntakeRecord> records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> failures = new(StringComparer.Ordinal);

    public void Recorded(string blobName, IntakeRecord record)
    {
        records[blobName] = record;
        failures.TryRemove(blobName, out _);
    }

    public void Failed(string blobName, Exception exception) => failures[blobName] = exception.GetType().Name;

    public IntakeRecord? Find(string blobName) => records.GetValueOrDefault(blobName);

    public string? FailureOf(string blobName) => failures.GetValueOrDefault(blobName);
}

/// <summary>Wraps the real <see cref="IReportIntake"/> and tells the <see cref="IntakeObserver"/>; it decides nothing itself.</summary>
internal sealed class ObservedReportIntake(IReportIntake inner, IntakeObserver observer) : IReportIntake
{
    public async Task<IntakeRecord> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var record = await inner.IngestAsync(blobName, cancellationToken);
            observer.Recorded(blobName, record);
            return record;
        }
        catch (Exception ex)
        {
            observer.Failed(blobName, ex);
            throw;
        }
    }
}
