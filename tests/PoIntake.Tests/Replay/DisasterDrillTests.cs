using System.Text;
using System.Text.RegularExpressions;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Replay;

/// <summary>
/// The disaster drill of docs/deploy.md on Azurite: a year's rows deleted from every table, then replayed from the kept
/// originals and switched live, must give back the totals JSON byte for byte (generatedAt aside).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class DisasterDrillTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task YearDeletedFromEveryTable_ReplayedAndSwitched_GivesBackTheSameTotalsJson()
    {
        await azurite.StartAsync();
        await using var world = await ReplayWorld.CreateAsync(azurite.IsolatedConnectionString());
        await world.LoadSamplesAsync();
        var totals = world.Get<TotalsService>();
        var before = (await totals.GetAsync(2021, CancellationToken.None))!.Json;
        var previousYear = (await totals.GetAsync(2020, CancellationToken.None))!.Json;

        var deleted = await YearScope.DeleteYearAsync(world.Get<StorageTables>(), 2021, CancellationToken.None);

        Assert.True(deleted > 100, $"only {deleted} rows deleted");
        Assert.Null(await totals.GetAsync(2021, CancellationToken.None));

        var (run, report) = await world.RunAsync(2021, "drill@socialstyrelsen.example.se");
        Assert.True(run.DifferenceCount > 0, "the replay must see the deleted year");
        Assert.NotEmpty(report["differences"]!.AsArray());

        var replay = ReplaySet.Parse(2021, run.ReplayId)!;
        var switched = await world.Get<IReplaySwitch>().SwitchAsync(replay, "drill@socialstyrelsen.example.se", CancellationToken.None);

        Assert.Equal("drill@socialstyrelsen.example.se", switched.SwitchedBy);
        var after = (await totals.GetAsync(2021, CancellationToken.None))!.Json;
        Assert.Equal(WithoutGeneratedAt(before), WithoutGeneratedAt(after));
        Assert.NotEqual(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString(after)); // only generatedAt differs: it is not a cached answer
        Assert.Equal(WithoutGeneratedAt(previousYear), WithoutGeneratedAt((await totals.GetAsync(2020, CancellationToken.None))!.Json));

        // Live is whole again: a second replay of the year finds nothing to change.
        var (again, _) = await world.RunAsync(2021, "drill@socialstyrelsen.example.se");
        Assert.Equal(0, again.DifferenceCount);
    }

    private static string WithoutGeneratedAt(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        Assert.Single(GeneratedAt().Matches(text));
        return GeneratedAt().Replace(text, "\"generatedAt\":\"…\"");
    }

    [GeneratedRegex("\"generatedAt\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex GeneratedAt();
}
