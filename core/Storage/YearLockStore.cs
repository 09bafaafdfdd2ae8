using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PoIntake.Core.Storage;

/// <summary>Configuration section <c>YearLock</c>: the per-year lock of replays and switches (docs/replay.md, "One lock per year").</summary>
public sealed class YearLockOptions
{
    public const string SectionName = "YearLock";

    /// <summary>
    /// How long a lease lasts without a heartbeat (default 300 s). The holder renews it every third of that; a holder that
    /// died (recycled instance, function timeout) loses it this long after its last heartbeat.
    /// </summary>
    [Range(10, 3600)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>
    /// How long an intake of a year waits while that year switches before it gives up and throws, so the host retries it
    /// (default 240 s, well inside host.json's functionTimeout of 10 minutes).
    /// </summary>
    [Range(0, 540)]
    public int IntakeWaitSeconds { get; set; } = 240;

    /// <summary>How long a switch waits for the intakes of its year that began before it to finish (default 120 s); then it is refused.</summary>
    [Range(0, 3600)]
    public int SwitchWaitSeconds { get; set; } = 120;

    /// <summary>
    /// An intake's mark older than this is taken as left behind by a dead instance and no longer holds a switch back
    /// (default 900 s: longer than any intake may run, host.json's functionTimeout being 10 minutes).
    /// </summary>
    [Range(60, 86400)]
    public int IntakeMarkStaleSeconds { get; set; } = 900;
}

/// <summary>
/// The lock row of a year in table <c>ReplayLog</c> (PartitionKey year, RowKey <see cref="LockRowKey"/>), beside the year's
/// replays. Always written whole (Replace) and only conditionally on the ETag read, so two operations never both hold it.
/// </summary>
public sealed class YearLockEntity : TableRow
{
    public const string LockRowKey = "~lock";

    /// <summary>An intake in progress marks itself under this RowKey prefix in the same partition.</summary>
    public const string IntakeMarkPrefix = "~intake~";

    /// <summary>The replay id holding the lock; empty when free.</summary>
    public string Holder { get; set; } = "";

    /// <summary><see cref="YearLockOperations"/>.</summary>
    public string Operation { get; set; } = "";

    public string HeldBy { get; set; } = "";

    public DateTimeOffset? AcquiredAt { get; set; }

    public DateTimeOffset? HeartbeatAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// The replay whose switch began and has not finished. Set in the same write that gives a switch the lock, cleared only
    /// when the switch finished or gave up before changing anything: while set, the year's intake waits, and nothing but
    /// that switch (rerun) may take the lock.
    /// </summary>
    public string? UnfinishedSwitch { get; set; }
}

/// <summary>What holds a year's lock.</summary>
public static class YearLockOperations
{
    public const string Replay = "Replay";
    public const string Switch = "Switch";
    public const string CleanUp = "CleanUp";
}

/// <summary>The year is locked by another replay, switch or clean-up; the message is Swedish and names who and since when (HTTP 409).</summary>
public sealed class YearLockedException(string message) : InvalidOperationException(message);

/// <summary>
/// The year switches and the intake waited <see cref="YearLockOptions.IntakeWaitSeconds"/> in vain; thrown before the
/// intake wrote anything, so the host retries it (the original stays where it was dropped).
/// </summary>
public sealed class YearSwitchingException(int year, string replayId)
    : InvalidOperationException($"Year {year} is switching to replay {replayId}; the intake writes nothing and is retried.")
{
    public int Year { get; } = year;
}

/// <summary>What an intake passes before it writes a year's rows: it waits while the year switches (docs/replay.md).</summary>
public interface IYearIntakeGate
{
    /// <summary>Marks an intake of <paramref name="year"/> as in progress until the answer is disposed; waits, then throws <see cref="YearSwitchingException"/>, while the year switches.</summary>
    Task<IAsyncDisposable> EnterAsync(int year, CancellationToken cancellationToken);
}

/// <summary>The gate of a replay's own table set: no switch ever writes those tables, so nothing to wait for.</summary>
public sealed class OpenYearIntakeGate : IYearIntakeGate, IAsyncDisposable
{
    public static OpenYearIntakeGate Instance { get; } = new();

    public Task<IAsyncDisposable> EnterAsync(int year, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// The one lock per year that a replay's start, a switch and a clean-up take (docs/replay.md, "One lock per year"), and
/// the intake's side of it: an intake marks itself in the year's partition before it reads the lock, a switch takes the
/// lock before it reads the marks, so one of the two always sees the other.
/// </summary>
public sealed partial class YearLockStore(StorageTables tables, TimeProvider time, IOptions<YearLockOptions> options, ILogger<YearLockStore> logger) : IYearIntakeGate
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly TableClient _table = tables.Get(TableNames.ReplayLog);

    internal TimeSpan LeaseDuration => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    internal TimeProvider Time => time;

    internal TableClient Table => _table;

    /// <summary>The lock row of the year, or null when no operation ever took it. A missing table is an error, not "free".</summary>
    public async Task<YearLockEntity?> FindAsync(int year, CancellationToken cancellationToken) =>
        await _table.FindAsync<YearLockEntity>(StorageKeys.Year(year), YearLockEntity.LockRowKey, cancellationToken);

    /// <summary>
    /// Takes the year's lock for <paramref name="holder"/> (a replay id) or throws <see cref="YearLockedException"/>: when
    /// another holds an unexpired lease, or a switch of another replay is unfinished, or another took it in the same instant.
    /// A switch's rerun takes over its own expired lease.
    /// </summary>
    public async Task<YearLease> AcquireAsync(int year, string holder, string operation, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = await FindAsync(year, cancellationToken);
        if (current is { Holder.Length: > 0 } && current.ExpiresAt > now)
        {
            throw Locked(year, current);
        }

        if (current?.UnfinishedSwitch is { Length: > 0 } unfinished && !(unfinished == holder && operation == YearLockOperations.Switch))
        {
            throw new YearLockedException(
                $"Bytet av år {year} till omkörningen {unfinished} avbröts halvvägs. Kör det bytet igen (POST …/{unfinished}/switch) innan något annat görs med året.");
        }

        var lease = new YearLockEntity
        {
            PartitionKey = StorageKeys.Year(year),
            RowKey = YearLockEntity.LockRowKey,
            Holder = holder,
            Operation = operation,
            HeldBy = actor,
            AcquiredAt = now,
            HeartbeatAt = now,
            ExpiresAt = now + LeaseDuration,
            UnfinishedSwitch = operation == YearLockOperations.Switch ? holder : null,
        };
        try
        {
            var response = current is null
                ? await _table.AddEntityAsync(lease, cancellationToken)
                : await _table.UpdateEntityAsync(lease, current.ETag, TableUpdateMode.Replace, cancellationToken);
            lease.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw Locked(year, await FindAsync(year, cancellationToken) ?? lease);
        }

        LogAcquired(year, holder, operation);
        return new YearLease(this, lease);
    }

    /// <summary>
    /// Marks an intake of the year as in progress, unless the year is switching: then waits up to
    /// <see cref="YearLockOptions.IntakeWaitSeconds"/> and throws <see cref="YearSwitchingException"/>. Dispose the answer
    /// when the intake's writes are done.
    /// </summary>
    public async Task<IAsyncDisposable> EnterIntakeAsync(int year, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow().AddSeconds(options.Value.IntakeWaitSeconds);
        while (true)
        {
            var mark = new TableEntity(StorageKeys.Year(year), YearLockEntity.IntakeMarkPrefix + Guid.NewGuid().ToString("N"))
            {
                ["EnteredAt"] = time.GetUtcNow(),
            };
            await _table.AddEntityAsync(mark, cancellationToken);
            var current = await FindAsync(year, cancellationToken);
            if (current?.UnfinishedSwitch is not { Length: > 0 } switching)
            {
                return new IntakeMark(_table, mark);
            }

            await new IntakeMark(_table, mark).DisposeAsync();
            if (time.GetUtcNow() >= deadline)
            {
                LogIntakeGaveUp(year, switching);
                throw new YearSwitchingException(year, switching);
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    Task<IAsyncDisposable> IYearIntakeGate.EnterAsync(int year, CancellationToken cancellationToken) => EnterIntakeAsync(year, cancellationToken);

    /// <summary>The intakes of the year in progress (their marks younger than <see cref="YearLockOptions.IntakeMarkStaleSeconds"/>).</summary>
    public async Task<int> CountIntakesAsync(int year, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddSeconds(-options.Value.IntakeMarkStaleSeconds);
        var y = StorageKeys.Year(year);
        var marks = await _table.QueryAllAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {y} and RowKey ge {YearLockEntity.IntakeMarkPrefix} and RowKey lt {YearLockEntity.IntakeMarkPrefix + "\uffff"}"),
            cancellationToken);
        return marks.Count(m => m.GetDateTimeOffset("EnteredAt") is { } at && at >= since);
    }

    /// <summary>Waits until no intake of the year is in progress, at most <see cref="YearLockOptions.SwitchWaitSeconds"/>; false when some still is.</summary>
    public async Task<bool> WaitForIntakesAsync(int year, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow().AddSeconds(options.Value.SwitchWaitSeconds);
        while (await CountIntakesAsync(year, cancellationToken) > 0)
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        return true;
    }

    internal static YearLockedException Locked(int year, YearLockEntity holder) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"År {year} är låst av {Describe(holder.Operation)} {holder.Holder} ({holder.HeldBy}, sedan {holder.AcquiredAt?.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC). Vänta tills den är klar och försök igen."));

    private static string Describe(string operation) => operation switch
    {
        YearLockOperations.Replay => "omkörningen",
        YearLockOperations.Switch => "bytet till omkörningen",
        YearLockOperations.CleanUp => "städningen av omkörningen",
        _ => operation,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Year {Year} locked by {Holder} for {Operation}")]
    private partial void LogAcquired(int year, string holder, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake of {Year} waited in vain while the year switches to {ReplayId}; the host retries it")]
    private partial void LogIntakeGaveUp(int year, string replayId);

    private sealed class IntakeMark(TableClient table, TableEntity mark) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Not the caller's token: a mark left behind holds a switch back until it is stale.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await table.DeleteEntityAsync(mark.PartitionKey, mark.RowKey, ETag.All, timeout.Token);
            }
            catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
            {
                // Left behind: stale after YearLockOptions.IntakeMarkStaleSeconds.
            }
        }
    }
}

/// <summary>
/// A held year lock. <see cref="StartHeartbeat"/> renews it every third of the lease (and runs the holder's own heartbeat,
/// e.g. the replay's <c>HeartbeatAt</c>); <see cref="ReleaseAsync"/> frees it. Disposing stops the heartbeat only: a
/// lock not released expires.
/// </summary>
public sealed class YearLease : IAsyncDisposable
{
    private readonly YearLockStore _store;
    private readonly YearLockEntity _row;
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _heartbeat;

    internal YearLease(YearLockStore store, YearLockEntity row)
    {
        _store = store;
        _row = row;
    }

    public int Year => int.Parse(_row.PartitionKey, CultureInfo.InvariantCulture);

    /// <summary>False once a renewal found the lock taken by someone else (this holder's lease had expired).</summary>
    public bool Held { get; private set; } = true;

    public void StartHeartbeat(Func<DateTimeOffset, CancellationToken, Task>? onBeat = null)
    {
        if (_heartbeat is not null)
        {
            return;
        }

        // The timer starts now, not when the task first runs.
        var timer = new PeriodicTimer(_store.LeaseDuration / 3, _store.Time);
        _heartbeat = Task.Run(async () =>
        {
            using var owned = timer;
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    try
                    {
                        await RenewAsync(_stop.Token);
                        if (onBeat is not null)
                        {
                            await onBeat(_store.Time.GetUtcNow(), _stop.Token);
                        }
                    }
                    catch (RequestFailedException)
                    {
                        // A missed beat: the next one, or the lease's expiry, decides.
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (YearLockedException)
            {
                // Lost (Held is false): the holder finds out at its next write of the lock.
            }
        });
    }

    /// <summary>Extends the lease (ETag-conditional); throws <see cref="YearLockedException"/> when another took the lock meanwhile.</summary>
    public Task RenewAsync(CancellationToken cancellationToken) => WriteAsync(
        row =>
        {
            var now = _store.Time.GetUtcNow();
            row.HeartbeatAt = now;
            row.ExpiresAt = now + _store.LeaseDuration;
        },
        cancellationToken);

    /// <summary>
    /// Frees the lock. <paramref name="switchDone"/>: a switch finished, or gave up before it changed anything; otherwise an
    /// unfinished switch stays marked and holds the year's intake until its rerun.
    /// </summary>
    public async Task ReleaseAsync(bool switchDone, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await WriteAsync(
            row =>
            {
                row.Holder = "";
                row.ExpiresAt = null;
                if (switchDone)
                {
                    row.UnfinishedSwitch = null;
                }
            },
            cancellationToken);
    }

    private async Task WriteAsync(Action<YearLockEntity> change, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            if (!Held)
            {
                throw YearLockStore.Locked(Year, await _store.FindAsync(Year, cancellationToken) ?? _row);
            }

            change(_row);
            try
            {
                var response = await _store.Table.UpdateEntityAsync(_row, _row.ETag, TableUpdateMode.Replace, cancellationToken);
                _row.ETag = response.Headers.ETag ?? default;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                Held = false;
                throw YearLockStore.Locked(Year, await _store.FindAsync(Year, cancellationToken) ?? _row);
            }
        }
        finally
        {
            _write.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_heartbeat is not null)
        {
            await _heartbeat;
        }

        _stop.Dispose();
        _write.Dispose();
    }
}
