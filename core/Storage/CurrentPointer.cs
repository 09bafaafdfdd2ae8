using Azure;
using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

/// <summary>
/// A row that says which version of something counts (<c>CurrentReports</c>, <c>CurrentGrantRegisters</c>): the version,
/// the upload time that decides, the version's first upload, and the version it replaced (so a retry after a crash can
/// still mark that one superseded).
/// </summary>
public interface ICurrentPointerRow : ITableEntity
{
    string VersionId { get; }

    DateTimeOffset ReceivedAt { get; }

    /// <summary>The version's first upload (the blob name its version row and its accepted log entry carry).</summary>
    string BlobName { get; }

    /// <summary>The version this row replaced when it was last written with another version; null for the first.</summary>
    string? PreviousVersionId { get; set; }

    /// <summary>The first upload of <see cref="PreviousVersionId"/>.</summary>
    string? PreviousBlobName { get; set; }
}

/// <summary>What a placement found and left: the row before (null when there was none) and the row that is current now.</summary>
public sealed record PointerChange<TRow>(TRow? Before, TRow Current, bool Changed)
    where TRow : class, ICurrentPointerRow
{
    /// <summary>The versions that are no longer current after this change: the one replaced and the row's recorded previous one.</summary>
    public IReadOnlyList<(string VersionId, string BlobName)> Stale()
    {
        var stale = new List<(string, string)>();
        if (Before is { } before && before.VersionId != Current.VersionId)
        {
            stale.Add((before.VersionId, before.BlobName));
        }

        if (Current.PreviousVersionId is { Length: > 0 } previous && previous != Current.VersionId &&
            !stale.Exists(s => s.Item1 == previous))
        {
            stale.Add((previous, Current.PreviousBlobName ?? ""));
        }

        return stale;
    }
}

/// <summary>
/// The one placement of "which version counts" for every kind (reports, grant registers, and any kind after them;
/// docs/storage.md, "Current pointers"). The current row is the upload with the latest <c>ReceivedAt</c> (ties: the greater
/// versionId). Writers change it only conditionally on the ETag they read and retry on 409/412, so any processing order
/// converges. The kind keeps its own rows (version status, log dispositions) in line through a <c>follow</c> callback that
/// is told exactly which versions became stale and which is current: point writes by key, no scan of a partition.
/// After its last write the kind calls <see cref="ConfirmAsync"/>: one point read; when a later placement won meanwhile,
/// <c>follow</c> runs again for that change.
/// </summary>
public sealed class CurrentPointer<TRow>(TableClient table)
    where TRow : class, ICurrentPointerRow, new()
{
    private const int MaxAttempts = 50;

    /// <summary>True when upload (receivedAt, versionId) should replace the current one.</summary>
    public static bool IsLater(DateTimeOffset receivedAt, string versionId, DateTimeOffset currentReceivedAt, string currentVersionId) =>
        receivedAt > currentReceivedAt ||
        (receivedAt == currentReceivedAt && string.CompareOrdinal(versionId, currentVersionId) > 0);

    /// <summary>One point read; null when the row (or its table) does not exist.</summary>
    public async Task<TRow?> FindAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            return await table.FindAsync<TRow>(partitionKey, rowKey, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Makes <paramref name="candidate"/> the current row when it is later than the stored one. <paramref name="follow"/>
    /// runs once the row is settled, when this placement changed it or the candidate's version is current anyway (a retry
    /// after a crash completes what the failed attempt began); a candidate that lost leaves every other row alone.
    /// </summary>
    public async Task<PointerChange<TRow>> PlaceAsync(
        TRow candidate, Func<PointerChange<TRow>, CancellationToken, Task> follow, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.FindAsync<TRow>(candidate.PartitionKey, candidate.RowKey, cancellationToken);
            try
            {
                PointerChange<TRow> change;
                if (current is null)
                {
                    candidate.PreviousVersionId = null;
                    candidate.PreviousBlobName = null;
                    candidate.ETag = (await table.AddEntityAsync(candidate, cancellationToken)).Headers.ETag ?? default;
                    change = new PointerChange<TRow>(null, candidate, Changed: true);
                }
                else if (IsLater(candidate.ReceivedAt, candidate.VersionId, current.ReceivedAt, current.VersionId))
                {
                    // The same version uploaded again later keeps the previous version the row had recorded.
                    (candidate.PreviousVersionId, candidate.PreviousBlobName) = current.VersionId == candidate.VersionId
                        ? (current.PreviousVersionId, current.PreviousBlobName)
                        : (current.VersionId, current.BlobName);
                    candidate.ETag = (await table.UpdateEntityAsync(candidate, current.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? default;
                    change = new PointerChange<TRow>(current, candidate, Changed: true);
                }
                else
                {
                    change = new PointerChange<TRow>(current, current, Changed: false);
                }

                if (change.Changed || change.Current.VersionId == candidate.VersionId)
                {
                    await follow(change, cancellationToken);
                }

                return change;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another writer changed the row between our read and write: read again and decide again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Reads the row again after the kind's last write. While it no longer names <paramref name="assumed"/>'s version,
    /// runs <paramref name="follow"/> for the change from the assumed row to the stored one and reads again, so the last
    /// writer's view wins. Returns the row as it stays.
    /// </summary>
    public async Task<TRow> ConfirmAsync(
        TRow assumed, Func<PointerChange<TRow>, CancellationToken, Task> follow, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = await table.FindAsync<TRow>(assumed.PartitionKey, assumed.RowKey, cancellationToken)
                ?? throw new InvalidOperationException("The current row vanished; current rows are never deleted.");
            if (now.VersionId == assumed.VersionId || attempt >= MaxAttempts)
            {
                return now;
            }

            await follow(new PointerChange<TRow>(assumed, now, Changed: false), cancellationToken);
            assumed = now;
        }
    }
}
