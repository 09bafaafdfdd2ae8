using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PoIntake.Core.Access;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;
using PoIntake.Functions.Http;
using PoIntake.Tests.Access;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Http;

/// <summary>
/// The administration routes of a replay (one function class per route, functions/Http/*ReplayFunction.cs, their work
/// in core's ReplayAdministration) through the route gate as the worker runs them, with the replay engine and the switch
/// mocked (our own ports) and the replay log on Azurite. Years 2096–2098 are this class's: no other test writes ReplayLog there.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReplayAdministrationRoutesTests(AzuriteFixture azurite)
{
    private const int Year = 2098;
    private const string Actor = "administration " + TestRoleKeys.AdministrationHolder;

    private readonly Mock<IYearReplay> replays = new(MockBehavior.Strict);
    private readonly Mock<IReplaySwitch> switches = new(MockBehavior.Strict);

    public static TheoryData<string> Routes() => ["RunReplay", "ListReplays", "GetReplayReport", "SwitchReplay", "CleanUpReplay"];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRoute_WithoutAdministrationKey_403AndNoPortCalled(string route)
    {
        var (function, _) = await CreateAsync();
        var replay = await LoggedReplayAsync(minute: 1);

        foreach (var request in new[]
        {
            Request(MethodOf(route)),
            Request(MethodOf(route), nationalKey: TestRoleKeys.NationalKey),
            Request(MethodOf(route), countyKey: TestRoleKeys.KeyOf("01")),
            Request(MethodOf(route), countyKey: TestRoleKeys.KeyOf("01"), nationalKey: TestRoleKeys.NationalKey),
        })
        {
            var body = AssertProblem(await InvokeAsync(function, route, request, Year.ToString(CultureInfo.InvariantCulture), replay.Id), StatusCodes.Status403Forbidden);
            Assert.Equal("administrationKeyMissing", body.GetProperty("reason").GetString());
            Assert.Contains(AccessKeys.AdministrationHeader, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        replays.VerifyNoOtherCalls();
        switches.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRoute_WrongKey_403LoggedWithTheHolderNeverTheKey(string route)
    {
        var captured = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(captured));
        var (function, _) = await CreateAsync(logger: factory.CreateLogger<RouteGate>());
        const string Presented = "en-gissad-nyckel";

        var body = AssertProblem(
            await InvokeAsync(function, route, Request(MethodOf(route), administrationKey: Presented), "2098", ReplaySet.New(Year, DateTimeOffset.UnixEpoch.AddYears(56)).Id),
            StatusCodes.Status403Forbidden);

        Assert.Equal("administrationKeyWrong", body.GetProperty("reason").GetString());
        var refused = Assert.Single(captured.Entries, e => e.EventId.Id == 5101);
        Assert.Contains(route, refused.Message, StringComparison.Ordinal);
        Assert.Contains("unknown administration key", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(captured.StateValues, v => v.Contains(Presented, StringComparison.Ordinal));
        replays.VerifyNoOtherCalls();
        switches.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EveryRoute_NoAdministrationKeyConfigured_403NotEnabled()
    {
        var withoutAdministration = new AccessKeys(Microsoft.Extensions.Options.Options.Create(new AccessOptions
        {
            NationalKeyHashes = { [TestRoleKeys.NationalHolder] = AccessKeys.HashOf(TestRoleKeys.NationalKey) },
        }));
        var (function, _) = await CreateAsync(withoutAdministration);

        foreach (var route in Routes())
        {
            var body = AssertProblem(
                await InvokeAsync(function, route, Request(MethodOf(route), administrationKey: TestRoleKeys.AdministrationKey), "2098", "Replay2098T20260101000000"),
                StatusCodes.Status403Forbidden);
            Assert.Equal("administrationNotEnabled", body.GetProperty("reason").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRoute_BadYear_400(string route)
    {
        var (function, _) = await CreateAsync();

        AssertProblem(await InvokeAsync(function, route, Admin(MethodOf(route)), "98", "Replay0098T20260101000000"), StatusCodes.Status400BadRequest);
        replays.VerifyNoOtherCalls();
        switches.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("GetReplayReport", "Replay2097T20261202031500")]
    [InlineData("GetReplayReport", "Replay2098T2026")]
    [InlineData("SwitchReplay", "Backup2098T20261202031500")]
    [InlineData("SwitchReplay", "..")]
    [InlineData("CleanUpReplay", "Replay2098T20261332031500")]
    [InlineData("CleanUpReplay", "IntakeLog")]
    public async Task ReplayRoutes_IdNotAReplayOfTheYear_400(string route, string replayId)
    {
        var (function, _) = await CreateAsync();

        var body = AssertProblem(await InvokeAsync(function, route, Admin(MethodOf(route)), "2098", replayId), StatusCodes.Status400BadRequest);

        Assert.Equal("Ogiltig omkörning", body.GetProperty("title").GetString());
        Assert.Contains("Replay2098T", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        replays.VerifyNoOtherCalls();
        switches.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_200_TheHolderIsTheActor_AnswersTheRunWithLinks()
    {
        var (function, _) = await CreateAsync();
        var started = new DateTimeOffset(2026, 12, 2, 3, 15, 0, TimeSpan.Zero);
        var run = new ReplayRun(Year, ReplaySet.New(Year, started).Id, Actor, started, started.AddSeconds(42), 131, 3);
        replays.Setup(r => r.RunAsync(Year, Actor, It.IsAny<CancellationToken>())).ReturnsAsync(run);

        var body = AssertJson(await InvokeAsync(function, "RunReplay", Admin("POST"), "2098", ""), StatusCodes.Status200OK);

        Assert.Equal(run.ReplayId, body.GetProperty("replayId").GetString());
        Assert.Equal(Actor, body.GetProperty("startedBy").GetString());
        Assert.Equal(131, body.GetProperty("originals").GetInt32());
        Assert.Equal(3, body.GetProperty("differenceCount").GetInt32());
        var links = body.GetProperty("links");
        Assert.Equal($"/api/manage/replay/2098/{run.ReplayId}", links.GetProperty("report").GetString());
        Assert.Equal($"/api/manage/replay/2098/{run.ReplayId}?format=xlsx", links.GetProperty("reportXlsx").GetString());
        Assert.Equal($"/api/manage/replay/2098/{run.ReplayId}/switch", links.GetProperty("switch").GetString());
        replays.Verify(r => r.RunAsync(Year, Actor, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_YearLocked_409WithItsMessage()
    {
        var (function, _) = await CreateAsync();
        replays.Setup(r => r.RunAsync(Year, Actor, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new YearLockedException("En omkörning av 2098 pågår redan."));

        var body = AssertProblem(await InvokeAsync(function, "RunReplay", Admin("POST"), "2098", ""), StatusCodes.Status409Conflict);

        Assert.Equal("En omkörning av 2098 pågår redan.", body.GetProperty("detail").GetString());
        Assert.Equal("replayRefused", body.GetProperty("reason").GetString());
        Assert.Equal("yearLocked", body.GetProperty("refusal").GetString());
    }

    /// <summary>
    /// Only the known refusals are answers (ReplayAdministration.RefusalOf): any other exception, however it is typed,
    /// is a fault for the worker's ProblemMiddleware (a 500 without its text), never a 409 carrying a raw message.
    /// </summary>
    [Fact]
    public async Task Run_UnknownInvalidOperation_NotA409_ItIsAFault()
    {
        var (function, _) = await CreateAsync();
        replays.Setup(r => r.RunAsync(Year, Actor, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("Replay Replay2098T1: the prefix would name the live tables."));

        await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync(function, "RunReplay", Admin("POST"), "2098", ""));
    }

    [Fact]
    public async Task List_200_TheYearsReplaysOldestFirst_OnlyThatYear()
    {
        var (function, log) = await CreateAsync();
        const int ListYear = 2096;
        var older = ReplaySet.New(ListYear, new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        var newer = ReplaySet.New(ListYear, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await log.UpsertAsync(Entry(newer, "Completed", differences: 0), CancellationToken.None);
        await log.UpsertAsync(Entry(older, "Switched", differences: 7, switchedBy: "administration anna"), CancellationToken.None);
        await log.UpsertAsync(Entry(ReplaySet.New(ListYear + 1, DateTimeOffset.UnixEpoch.AddYears(56)), "Completed", differences: 1), CancellationToken.None);

        var body = AssertJson(await InvokeAsync(function, "ListReplays", Admin("GET"), "2096", ""), StatusCodes.Status200OK);

        var listed = body.GetProperty("replays").EnumerateArray().ToList();
        Assert.Equal([older.Id, newer.Id], listed.Select(r => r.GetProperty("replayId").GetString()));
        Assert.Equal("Switched", listed[0].GetProperty("status").GetString());
        Assert.Equal(7, listed[0].GetProperty("differenceCount").GetInt32());
        Assert.Equal("administration anna", listed[0].GetProperty("switchedBy").GetString());
        Assert.Equal("administration ops", listed[1].GetProperty("startedBy").GetString());
        Assert.Equal($"/api/manage/replay/2096/{newer.Id}?format=xlsx", listed[1].GetProperty("links").GetProperty("reportXlsx").GetString());
    }

    [Fact]
    public async Task List_YearWithoutReplays_200Empty()
    {
        var (function, _) = await CreateAsync();

        var body = AssertJson(await InvokeAsync(function, "ListReplays", Admin("GET"), "2099", ""), StatusCodes.Status200OK);

        Assert.Equal(2099, body.GetProperty("year").GetInt32());
        Assert.Equal(0, body.GetProperty("replays").GetArrayLength());
    }

    [Theory]
    [InlineData("", ReplayReportFormat.Json, "application/json")]
    [InlineData("?format=json", ReplayReportFormat.Json, "application/json")]
    [InlineData("?format=XLSX", ReplayReportFormat.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public async Task Report_200_TheStoredReportInTheAskedFormat(string query, ReplayReportFormat format, string contentType)
    {
        var (function, _) = await CreateAsync();
        var replay = ReplaySet.New(Year, new DateTimeOffset(2026, 12, 2, 3, 15, 0, TimeSpan.Zero));
        var stored = BinaryData.FromString(format == ReplayReportFormat.Json ? "{\"differences\":[]}" : "PK-xlsx-bytes");
        replays.Setup(r => r.OpenReportAsync(replay, format, It.IsAny<CancellationToken>())).ReturnsAsync(stored);

        var file = Assert.IsType<FileContentResult>(await InvokeAsync(function, "GetReplayReport", Admin("GET", query), "2098", replay.Id));

        Assert.StartsWith(contentType, file.ContentType, StringComparison.Ordinal);
        Assert.Equal(stored.ToArray(), file.FileContents);
        Assert.Equal(format == ReplayReportFormat.Xlsx ? $"{replay.Id}.xlsx" : "", file.FileDownloadName);
    }

    [Fact]
    public async Task Report_Absent_404InSwedish()
    {
        var (function, _) = await CreateAsync();
        var replay = ReplaySet.New(Year, new DateTimeOffset(2026, 12, 2, 3, 16, 0, TimeSpan.Zero));
        replays.Setup(r => r.OpenReportAsync(replay, ReplayReportFormat.Json, It.IsAny<CancellationToken>())).ReturnsAsync((BinaryData?)null);

        var body = AssertProblem(await InvokeAsync(function, "GetReplayReport", Admin("GET"), "2098", replay.Id), StatusCodes.Status404NotFound);

        Assert.Equal("Omkörningen finns inte", body.GetProperty("title").GetString());
        Assert.Contains(replay.Id, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownFormat_400()
    {
        var (function, _) = await CreateAsync();

        var body = AssertProblem(await InvokeAsync(function, "GetReplayReport", Admin("GET", "?format=pdf"), "2098", "Replay2098T20261202031500"), StatusCodes.Status400BadRequest);

        Assert.Contains("xlsx", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        replays.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Switch_200_TheHolderIsTheActor()
    {
        var (function, _) = await CreateAsync();
        var replay = await LoggedReplayAsync(minute: 2);
        var switched = new ReplaySwitch(Year, replay.Id, replay.BackupPrefix, Actor, DateTimeOffset.UnixEpoch, "rev-2", 412);
        switches.Setup(s => s.SwitchAsync(replay, Actor, It.IsAny<CancellationToken>())).ReturnsAsync(switched);

        var body = AssertJson(await InvokeAsync(function, "SwitchReplay", Admin("POST"), "2098", replay.Id), StatusCodes.Status200OK);

        Assert.Equal(replay.BackupPrefix, body.GetProperty("backupPrefix").GetString());
        Assert.Equal(412, body.GetProperty("rowsReplaced").GetInt32());
        Assert.Equal(Actor, body.GetProperty("switchedBy").GetString());
        switches.Verify(s => s.SwitchAsync(replay, Actor, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(ReplaySwitchRefusal.NotCompleted, "Omkörningen är inte klar (status Running) och kan inte bli gällande.")]
    [InlineData(ReplaySwitchRefusal.AlreadySwitched, "Omkörningen är redan gällande sedan 2026-12-02.")]
    [InlineData(ReplaySwitchRefusal.NewerUpload, "3 redovisningar har kommit in efter omkörningen; kör om året igen.")]
    public async Task Switch_Refused_409CarryingTheRefusal(ReplaySwitchRefusal reason, string refusal)
    {
        var (function, _) = await CreateAsync();
        var replay = await LoggedReplayAsync(minute: 3 + (int)reason * 10);
        switches.Setup(s => s.SwitchAsync(replay, Actor, It.IsAny<CancellationToken>())).ThrowsAsync(new ReplaySwitchRefusedException(reason, refusal));

        var body = AssertProblem(await InvokeAsync(function, "SwitchReplay", Admin("POST"), "2098", replay.Id), StatusCodes.Status409Conflict);

        Assert.Equal("Omkörningen kan inte bli gällande", body.GetProperty("title").GetString());
        Assert.Equal(refusal, body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(ReplaySwitchRefusal.NewerUpload, StatusCodes.Status409Conflict, "newerUpload")]
    [InlineData(ReplaySwitchRefusal.SwitchInProgress, StatusCodes.Status409Conflict, "switchInProgress")]
    [InlineData(ReplaySwitchRefusal.NotFound, StatusCodes.Status404NotFound, "notFound")]
    public async Task Switch_RefusedByTheSwitch_StatusAndRefusalFollowItsReason(ReplaySwitchRefusal reason, int status, string refusal)
    {
        var (function, _) = await CreateAsync();
        var replay = await LoggedReplayAsync(minute: 6);
        switches.Setup(s => s.SwitchAsync(replay, Actor, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ReplaySwitchRefusedException(reason, "Omkörningen saknar en uppladdning som kom in efter den."));

        var body = AssertProblem(await InvokeAsync(function, "SwitchReplay", Admin("POST"), "2098", replay.Id), status);

        Assert.Equal("replayRefused", body.GetProperty("reason").GetString());
        Assert.Equal(refusal, body.GetProperty("refusal").GetString());
        Assert.Equal("Omkörningen saknar en uppladdning som kom in efter den.", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("SwitchReplay")]
    [InlineData("CleanUpReplay")]
    public async Task SwitchAndCleanUp_ReplayNotInTheLog_404AndNoPortCalled(string route)
    {
        var (function, _) = await CreateAsync();
        var never = ReplaySet.New(Year, new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var body = AssertProblem(await InvokeAsync(function, route, Admin(MethodOf(route)), "2098", never.Id), StatusCodes.Status404NotFound);

        Assert.Contains(never.Id, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        switches.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CleanUp_200_TheHolderIsTheActor_AnswersTheLogEntry()
    {
        var (function, log) = await CreateAsync();
        var replay = await LoggedReplayAsync(minute: 4);
        var at = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        switches.Setup(s => s.CleanUpAsync(replay, Actor, It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                var entry = (await log.FindAsync(replay, CancellationToken.None))!;
                entry.Status = "CleanedUp";
                entry.CleanedUpBy = Actor;
                entry.CleanedUpAt = at;
                await log.UpsertAsync(entry, CancellationToken.None);
            });

        var body = AssertJson(await InvokeAsync(function, "CleanUpReplay", Admin("DELETE"), "2098", replay.Id), StatusCodes.Status200OK);

        Assert.Equal("CleanedUp", body.GetProperty("status").GetString());
        Assert.Equal(Actor, body.GetProperty("cleanedUpBy").GetString());
        Assert.Equal(at, body.GetProperty("cleanedUpAt").GetDateTimeOffset());
        switches.Verify(s => s.CleanUpAsync(replay, Actor, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task CleanUp_Refused_409CarryingTheRefusal()
    {
        var (function, _) = await CreateAsync();
        var replay = await LoggedReplayAsync(minute: 5);
        switches.Setup(s => s.CleanUpAsync(replay, Actor, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ReplaySwitchRefusedException(ReplaySwitchRefusal.AlreadySwitched, "Omkörningen är gällande för året; dess tabeller kan inte tas bort."));

        var body = AssertProblem(await InvokeAsync(function, "CleanUpReplay", Admin("DELETE"), "2098", replay.Id), StatusCodes.Status409Conflict);

        Assert.Equal("Omkörningen är gällande för året; dess tabeller kan inte tas bort.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DeveloperMachine_NoKeyNeeded_TheActorSaysKeysWereNotChecked()
    {
        var open = new AccessKeys(Microsoft.Extensions.Options.Options.Create(new AccessOptions { RequireRoleKeys = false }));
        var (function, _) = await CreateAsync(open);
        var run = new ReplayRun(Year, "Replay2098T20261202031700", AccessKeys.UncheckedAdministrator, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, 0);
        replays.Setup(r => r.RunAsync(Year, AccessKeys.UncheckedAdministrator, It.IsAny<CancellationToken>())).ReturnsAsync(run);

        AssertJson(await InvokeAsync(function, "RunReplay", Request("POST"), "2098", ""), StatusCodes.Status200OK);

        replays.Verify(r => r.RunAsync(Year, AccessKeys.UncheckedAdministrator, It.IsAny<CancellationToken>()), Times.Once);
    }

    private static HttpRequest Admin(string method, string query = "") => Request(method, query, administrationKey: TestRoleKeys.AdministrationKey);

    private static string MethodOf(string route) => route switch
    {
        "RunReplay" or "SwitchReplay" => "POST",
        "CleanUpReplay" => "DELETE",
        _ => "GET",
    };

    private static Task<IActionResult> InvokeAsync(RouteFunctions routes, string route, HttpRequest request, string year, string replayId) => route switch
    {
        "RunReplay" => CallWith(routes.Keys, routes.Logger, routes.Run.RunAsync, request, CancellationToken.None, year),
        "ListReplays" => CallWith(routes.Keys, routes.Logger, routes.List.RunAsync, request, CancellationToken.None, year),
        "GetReplayReport" => CallWith(routes.Keys, routes.Logger, routes.Report.RunAsync, request, CancellationToken.None, year, replayId),
        "SwitchReplay" => CallWith(routes.Keys, routes.Logger, routes.Switch.RunAsync, request, CancellationToken.None, year, replayId),
        "CleanUpReplay" => CallWith(routes.Keys, routes.Logger, routes.CleanUp.RunAsync, request, CancellationToken.None, year, replayId),
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };

    private static ReplayLogEntity Entry(ReplaySet replay, string status, int differences, string? switchedBy = null) => new()
    {
        PartitionKey = StorageKeys.Year(replay.Year),
        RowKey = replay.Id,
        Status = status,
        StartedBy = "administration ops",
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch.AddMinutes(1),
        Originals = 20,
        DifferenceCount = differences,
        SwitchedBy = switchedBy,
    };

    private async Task<(RouteFunctions Function, ReplayLogStore Log)> CreateAsync(AccessKeys? keys = null, ILogger<RouteGate>? logger = null)
    {
        var scenario = await StorageScenario.ForAsync(azurite);
        var log = new ReplayLogStore(scenario.Get<StorageTables>());
        var administration = new ReplayAdministration(replays.Object, switches.Object, log);
        return (new RouteFunctions(
            new RunReplayFunction(administration, NullLogger<RunReplayFunction>.Instance),
            new ListReplaysFunction(administration),
            new GetReplayReportFunction(administration),
            new SwitchReplayFunction(administration, NullLogger<SwitchReplayFunction>.Instance),
            new CleanUpReplayFunction(administration, NullLogger<CleanUpReplayFunction>.Instance),
            keys ?? TestRoleKeys.Required(),
            logger), log);
    }

    /// <summary>The five route functions over one <see cref="ReplayAdministration"/>, and the gate's keys and logger.</summary>
    private sealed record RouteFunctions(
        RunReplayFunction Run,
        ListReplaysFunction List,
        GetReplayReportFunction Report,
        SwitchReplayFunction Switch,
        CleanUpReplayFunction CleanUp,
        AccessKeys Keys,
        ILogger<RouteGate>? Logger);

    /// <summary>A completed replay of <see cref="Year"/> in the replay log; each test its own minute, so tests share no row.</summary>
    private async Task<ReplaySet> LoggedReplayAsync(int minute)
    {
        var (_, log) = await CreateAsync();
        var replay = ReplaySet.New(Year, new DateTimeOffset(2026, 6, 1, 12, minute, 0, TimeSpan.Zero));
        await log.UpsertAsync(Entry(replay, "Completed", differences: 2), CancellationToken.None);
        return replay;
    }
}
