using Moq;
using PoIntake.Core.Access;
using PoIntake.Core.Replay;
using PoIntake.DevHost.Commands;

namespace PoIntake.Tests.DevHost;

/// <summary>devhost's `replay`, `replay-switch`, `replay-cleanup` and `admin-key`: argument parsing and what they print, the ports mocked.</summary>
public sealed class ReplayCommandsTests
{
    private const string Id = "Replay2025T20261202031500";

    [Theory]
    [InlineData(new[] { "replay", "2025" }, "Run", null, "os-user")]
    [InlineData(new[] { "replay", "2025", "--by", "anna" }, "Run", null, "anna")]
    [InlineData(new[] { "replay", "--by", " Anna Andersson ", "2025" }, "Run", null, "Anna Andersson")]
    [InlineData(new[] { "replay-switch", "2025", Id }, "Switch", Id, "os-user")]
    [InlineData(new[] { "replay-switch", "2025", Id, "--by", "ops" }, "Switch", Id, "ops")]
    [InlineData(new[] { "replay-cleanup", "--by", "ops", "2025", Id }, "CleanUp", Id, "ops")]
    public void Parse_Commands(string[] args, string verb, string? replayId, string actor)
    {
        var command = ReplayCommands.Parse(args, "os-user");

        Assert.NotNull(command);
        Assert.Equal(Enum.Parse<ReplayVerb>(verb), command.Verb);
        Assert.Equal(2025, command.Year);
        Assert.Equal(replayId, command.Replay?.Id);
        Assert.Equal(actor, command.Actor);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("replay", "25")]
    [InlineData("replay", "02025")]
    [InlineData("replay", "+2025")]
    [InlineData("replay", "2012")]
    [InlineData("replay", "2025", "2026")]
    [InlineData("replay", "2025", Id)]
    [InlineData("replay", "2025", "--by")]
    [InlineData("replay", "2025", "--by", "  ")]
    [InlineData("replay", "2025", "--by", "a\tb")]
    [InlineData("replay", "2025", "--force")]
    [InlineData("replay-switch", "2025")]
    [InlineData("replay-switch", "2025", "Replay2024T20261202031500")]
    [InlineData("replay-switch", "2025", "Backup2025T20261202031500")]
    [InlineData("replay-cleanup", "2025", "Replay2025T2026120203150")]
    [InlineData("replay-cleanup", Id)]
    public void TryRun_BadArguments_PrintsTheVerbsUsageAndReturns2(params string[] args)
    {
        var error = new StringWriter();

        Assert.Equal(2, DevCommands.TryRun(args, TextWriter.Null, error));

        Assert.StartsWith($"usage: {args[0]} ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ActorLongerThanTheLimit_Refused()
    {
        Assert.NotNull(ReplayCommands.Parse(["replay", "2025", "--by", new string('a', ReplayCommands.MaxActorLength)], "x"));
        Assert.Null(ReplayCommands.Parse(["replay", "2025", "--by", new string('a', ReplayCommands.MaxActorLength + 1)], "x"));
    }

    [Fact]
    public async Task Execute_Run_PrintsIdOriginalsDifferencesAndWhereTheReportIs()
    {
        var replays = new Mock<IYearReplay>(MockBehavior.Strict);
        var started = new DateTimeOffset(2026, 12, 2, 3, 15, 0, TimeSpan.Zero);
        replays.Setup(r => r.RunAsync(2025, "anna", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ReplayRun(2025, Id, "anna", started, started.AddSeconds(12.5), 131, 4));
        var output = new StringWriter();

        var exit = await ReplayCommands.ExecuteAsync(ReplayCommands.Parse(["replay", "2025", "--by", "anna"], "x")!, replays.Object, Mock.Of<IReplaySwitch>(MockBehavior.Strict), output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains($"Replay {Id} of 2025 by anna: 131 originals replayed in 12.5 s, 4 differences", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:7071/api/manage/replay/2025/{Id}?format=xlsx", text, StringComparison.Ordinal);
        Assert.Contains($"replay-switch 2025 {Id}", text, StringComparison.Ordinal);
        Assert.Contains("container replays", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_SwitchAndCleanUp_PassTheReplayAndTheActor()
    {
        var replay = ReplaySet.Parse(2025, Id)!;
        var switches = new Mock<IReplaySwitch>(MockBehavior.Strict);
        switches.Setup(s => s.SwitchAsync(replay, "ops", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ReplaySwitch(2025, Id, replay.BackupPrefix, "ops", DateTimeOffset.UnixEpoch, "rev-9", 250));
        switches.Setup(s => s.CleanUpAsync(replay, "ops", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var output = new StringWriter();
        var replays = Mock.Of<IYearReplay>(MockBehavior.Strict);

        Assert.Equal(0, await ReplayCommands.ExecuteAsync(ReplayCommands.Parse(["replay-switch", "2025", Id, "--by", "ops"], "x")!, replays, switches.Object, output, TextWriter.Null, CancellationToken.None));
        Assert.Equal(0, await ReplayCommands.ExecuteAsync(ReplayCommands.Parse(["replay-cleanup", "2025", Id, "--by", "ops"], "x")!, replays, switches.Object, output, TextWriter.Null, CancellationToken.None));

        Assert.Contains($"{Id} is now live for 2025", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("250 rows replaced, revision rev-9", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(replay.BackupPrefix, output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"Cleaned up {Id} of 2025", output.ToString(), StringComparison.Ordinal);
        switches.VerifyAll();
    }

    [Fact]
    public async Task Execute_Refused_PrintsTheRefusalAndReturns1()
    {
        var switches = new Mock<IReplaySwitch>(MockBehavior.Strict);
        switches.Setup(s => s.SwitchAsync(It.IsAny<ReplaySet>(), "ops", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("Omkörningen är redan gällande."));
        var error = new StringWriter();

        var exit = await ReplayCommands.ExecuteAsync(ReplayCommands.Parse(["replay-switch", "2025", Id, "--by", "ops"], "x")!, Mock.Of<IYearReplay>(), switches.Object, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("Omkörningen är redan gällande.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryRun_AdminKey_PrintsAKeyWhoseHashTheSettingLineCarries()
    {
        var output = new StringWriter();

        Assert.Equal(0, DevCommands.TryRun(["admin-key", "ops-socialstyrelsen"], output, TextWriter.Null));

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var key = lines[1];
        Assert.Equal($"Access__AdministrationKeyHashes__ops-socialstyrelsen={AccessKeys.HashOf(key)}", lines[3]);
    }

    [Theory]
    [InlineData("admin-key")]
    [InlineData("admin-key", "Ops Team")]
    public void TryRun_AdminKey_BadHolder_Usage(params string[] args)
    {
        var error = new StringWriter();

        Assert.Equal(2, DevCommands.TryRun(args, TextWriter.Null, error));
        Assert.Contains("usage: admin-key", error.ToString(), StringComparison.Ordinal);
    }
}
