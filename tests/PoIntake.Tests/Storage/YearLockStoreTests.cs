using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PoIntake.Core.Storage;

namespace PoIntake.Tests.Storage;

/// <summary>The one lock per year on Azurite: exactly one holder, leases that expire, heartbeats, and the intake's side of it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class YearLockStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EightAcquiresAtOnce_ExactlyOneHoldsTheYear_TheOthersAreRefusedInSwedish()
    {
        var (locks, _, year) = await CreateAsync();

        var attempts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => locks.AcquireAsync(year, $"Replay{year}T2026120203150{i}", YearLockOperations.Replay, "admin:" + i, CancellationToken.None)))
            .ToList();
        var outcomes = await Task.WhenAll(attempts.Select(a => Record.ExceptionAsync(() => a)));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<Exception>(), e => Assert.Contains($"År {year} är låst av omkörningen", Assert.IsType<YearLockedException>(e).Message, StringComparison.Ordinal));
        var winner = await attempts.Single(a => a.IsCompletedSuccessfully);
        Assert.Equal(year, winner.Year);
    }

    [Fact]
    public async Task ALeaseWithoutHeartbeat_Expires_AndItsHolderFindsItLost()
    {
        var (locks, time, year) = await CreateAsync();
        var first = await locks.AcquireAsync(year, "Replay2000T20261202031500", YearLockOperations.Replay, "admin:ett", CancellationToken.None);
        await Assert.ThrowsAsync<YearLockedException>(() => locks.AcquireAsync(year, "Replay2000T20261202031501", YearLockOperations.Replay, "admin:två", CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(31));
        var second = await locks.AcquireAsync(year, "Replay2000T20261202031501", YearLockOperations.Replay, "admin:två", CancellationToken.None);

        await Assert.ThrowsAsync<YearLockedException>(() => first.RenewAsync(CancellationToken.None));
        Assert.False(first.Held);
        Assert.Equal("Replay2000T20261202031501", (await locks.FindAsync(year, CancellationToken.None))!.Holder);
        await second.ReleaseAsync(switchDone: false, CancellationToken.None);
        Assert.Equal("", (await locks.FindAsync(year, CancellationToken.None))!.Holder);
    }

    [Fact]
    public async Task AHeartbeat_KeepsTheLeaseAndRunsTheHoldersBeat()
    {
        var (locks, time, year) = await CreateAsync();
        await using var lease = await locks.AcquireAsync(year, "Replay2000T20261202031500", YearLockOperations.Replay, "admin:ett", CancellationToken.None);
        var beats = new List<DateTimeOffset>();
        lease.StartHeartbeat((at, _) =>
        {
            lock (beats)
            {
                beats.Add(at);
            }

            return Task.CompletedTask;
        });

        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await WaitUntilAsync(() => { lock (beats) { return beats.Count > i; } });
        }

        // 40 s after taking a 30 s lease it is still held, as the beats renewed it.
        Assert.True((await locks.FindAsync(year, CancellationToken.None))!.ExpiresAt > time.GetUtcNow());
        await Assert.ThrowsAsync<YearLockedException>(() => locks.AcquireAsync(year, "Replay2000T20261202031501", YearLockOperations.Replay, "admin:två", CancellationToken.None));
        await lease.ReleaseAsync(switchDone: false, CancellationToken.None);
    }

    [Fact]
    public async Task AnUnfinishedSwitch_HoldsTheIntakeAndEveryOtherOperation_UntilItsRerunFinishes()
    {
        var (locks, time, year) = await CreateAsync();
        var crashed = await locks.AcquireAsync(year, "Replay2000T20261202031500", YearLockOperations.Switch, "admin:ett", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5)); // the switch died: its lease is long gone

        await Assert.ThrowsAsync<YearSwitchingException>(() => locks.EnterIntakeAsync(year, CancellationToken.None));
        var other = await Assert.ThrowsAsync<YearLockedException>(() => locks.AcquireAsync(year, "Replay2000T20261202031501", YearLockOperations.CleanUp, "admin:två", CancellationToken.None));
        Assert.Contains("avbröts halvvägs", other.Message, StringComparison.Ordinal);
        Assert.Equal(0, await locks.CountIntakesAsync(year, CancellationToken.None));

        var rerun = await locks.AcquireAsync(year, "Replay2000T20261202031500", YearLockOperations.Switch, "admin:omtag", CancellationToken.None);
        await rerun.ReleaseAsync(switchDone: true, CancellationToken.None);

        await using (await locks.EnterIntakeAsync(year, CancellationToken.None))
        {
            Assert.Equal(1, await locks.CountIntakesAsync(year, CancellationToken.None));
        }

        Assert.Equal(0, await locks.CountIntakesAsync(year, CancellationToken.None));
        await crashed.DisposeAsync();
    }

    [Fact]
    public async Task AMissingLockTable_IsAnError_NotAFreeYear()
    {
        await azurite.StartAsync();
        var tables = new StorageTables(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString), "Nolock" + Guid.NewGuid().ToString("N")[..12]);
        var locks = new YearLockStore(tables, new FakeTimeProvider(), Options.Create(new YearLockOptions()), NullLogger<YearLockStore>.Instance);

        var e = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => locks.AcquireAsync(2025, "Replay2025T20261202031500", YearLockOperations.Replay, "admin", CancellationToken.None));

        Assert.Equal(404, e.Status);
    }

    private async Task<(YearLockStore Locks, FakeTimeProvider Time, int Year)> CreateAsync()
    {
        await azurite.StartAsync();
        var tables = new StorageTables(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString), "Lock" + Guid.NewGuid().ToString("N")[..12]);
        await tables.Get(TableNames.ReplayLog).CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 3, 15, 0, TimeSpan.Zero));
        var options = new YearLockOptions { LeaseSeconds = 30, IntakeWaitSeconds = 0, SwitchWaitSeconds = 0 };
        return (new YearLockStore(tables, time, Options.Create(options), NullLogger<YearLockStore>.Instance), time, 2000);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
