using System.Globalization;
using PoIntake.Core.Replay;
using PoIntake.Core.Storage;
using PoIntake.Core.Intake;
using PoIntake.DevHost.Azurite;
using PoIntake.Functions;

namespace PoIntake.DevHost.Commands;

/// <summary>The verbs of a replay on devhost's Azurite (docs/replay.md).</summary>
internal enum ReplayVerb
{
    /// <summary><c>replay {year}</c>: run a replay of the year into a fresh table set and report the differences.</summary>
    Run,

    /// <summary><c>replay-switch {year} {replayId}</c>: make the replay live for its year.</summary>
    Switch,

    /// <summary><c>replay-cleanup {year} {replayId}</c>: delete the replay's tables and the backup of its switch.</summary>
    CleanUp,
}

/// <summary>A parsed replay command: what to do, to which year or replay, and who does it (logged in ReplayLog).</summary>
internal sealed record ReplayCommand(ReplayVerb Verb, int Year, ReplaySet? Replay, string Actor);

/// <summary>
/// `replay {year}`, `replay-switch {year} {replayId}`, `replay-cleanup {year} {replayId}`, each with `--by {name}` (the
/// actor in the replay log; default the OS user). They compose the app as devhost does (the same settings, the same
/// <see cref="FunctionAppServiceCollectionExtensions.AddPoIntakeFunctionApp"/>) and run against devhost's Azurite: the
/// one already answering on 127.0.0.1:10000, or the repository's started for the command (data in .azurite/). A
/// running devhost is not needed; its routes under /api/manage/replay serve the report afterwards.
/// </summary>
internal static class ReplayCommands
{
    public const string ByOption = "--by";

    /// <summary>The longest actor name accepted (it is stored in ReplayLog and shown in the list of replays).</summary>
    public const int MaxActorLength = 100;

    public static readonly IReadOnlyDictionary<string, ReplayVerb> Verbs = new Dictionary<string, ReplayVerb>(StringComparer.Ordinal)
    {
        ["replay"] = ReplayVerb.Run,
        ["replay-switch"] = ReplayVerb.Switch,
        ["replay-cleanup"] = ReplayVerb.CleanUp,
    };

    public static string Usage(ReplayVerb verb) => (verb switch
    {
        ReplayVerb.Run => "usage: replay <year>",
        ReplayVerb.Switch => "usage: replay-switch <year> <replayId>",
        _ => "usage: replay-cleanup <year> <replayId>",
    }) + $" [{ByOption} <name>]   (year: {ContractLimits.FirstYear}–{ContractLimits.LastYear}; replayId as printed by `replay`, e.g. Replay2025T20261202031500; --by: who does it, default the OS user)";

    /// <summary>The command <paramref name="args"/> name, or null (then print <see cref="Usage"/>) when they are not one.</summary>
    public static ReplayCommand? Parse(string[] args, string defaultActor)
    {
        if (args.Length == 0 || !Verbs.TryGetValue(args[0], out var verb))
        {
            return null;
        }

        var positional = new List<string>();
        var actor = defaultActor;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == ByOption)
            {
                if (i + 1 >= args.Length)
                {
                    return null;
                }

                actor = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        actor = actor.Trim();
        if (actor.Length is 0 or > MaxActorLength || actor.Any(char.IsControl) ||
            positional.Count != (verb == ReplayVerb.Run ? 1 : 2) ||
            !int.TryParse(positional[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            positional[0].Length != 4 || year is < ContractLimits.FirstYear or > ContractLimits.LastYear)
        {
            return null;
        }

        if (verb == ReplayVerb.Run)
        {
            return new ReplayCommand(verb, year, null, actor);
        }

        return ReplaySet.Parse(year, positional[1]) is { } replay ? new ReplayCommand(verb, year, replay, actor) : null;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args, Environment.UserName) is not { } command)
        {
            error.WriteLine(Usage(Verbs[args[0]]));
            return 2;
        }

        return RunOnAzuriteAsync(command, output, error).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Does <paramref name="command"/> with the replay engine and the switch: prints what it did, or the refusal (exit 1)
    /// when the engine or the switch refuses (<see cref="InvalidOperationException"/>, as the HTTP routes answer 409).
    /// </summary>
    public static async Task<int> ExecuteAsync(ReplayCommand command, IYearReplay replays, IReplaySwitch switches, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            switch (command.Verb)
            {
                case ReplayVerb.Run:
                    var run = await replays.RunAsync(command.Year, command.Actor, cancellationToken);
                    PrintRun(run, output);
                    break;
                case ReplayVerb.Switch:
                    var switched = await switches.SwitchAsync(command.Replay!, command.Actor, cancellationToken);
                    output.WriteLine($"{switched.ReplayId} is now live for {switched.Year} (switched by {switched.SwitchedBy} at {switched.SwitchedAt:u}): {switched.RowsReplaced} rows replaced, revision {switched.Revision}.");
                    output.WriteLine($"The replaced rows are kept under {switched.BackupPrefix} until: dotnet run --project devhost -- replay-cleanup {switched.Year} {switched.ReplayId}");
                    break;
                default:
                    await switches.CleanUpAsync(command.Replay!, command.Actor, cancellationToken);
                    output.WriteLine($"Cleaned up {command.Replay!.Id} of {command.Year} (its tables, results container and the backup of its switch, if any), by {command.Actor}.");
                    break;
            }

            return 0;
        }
        catch (InvalidOperationException refused)
        {
            error.WriteLine($"Refused: {refused.Message}");
            return 1;
        }
    }

    private static void PrintRun(ReplayRun run, TextWriter output)
    {
        var seconds = (run.FinishedAt - run.StartedAt).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        output.WriteLine($"Replay {run.ReplayId} of {run.Year} by {run.StartedBy}: {run.Originals} originals replayed in {seconds} s, {run.DifferenceCount} differences from the live tables.");
        output.WriteLine(run.DifferenceCount == 0
            ? "No differences: the replay matches the live tables."
            : "Read the report of differences before making the replay live.");
        var route = $"{DevHostOptions.Url}/api/{ReplayAdministration.YearRoute.Replace("{year}", run.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}/{run.ReplayId}";
        output.WriteLine($"Report (JSON and xlsx) in Azurite, container {ContainerNames.Replays} (docs/replay.md); with devhost running:");
        output.WriteLine($"  {route}?format=xlsx");
        output.WriteLine($"Make it live: dotnet run --project devhost -- replay-switch {run.Year} {run.ReplayId}");
        output.WriteLine($"Throw it away: dotnet run --project devhost -- replay-cleanup {run.Year} {run.ReplayId}");
    }

    private static async Task<int> RunOnAzuriteAsync(ReplayCommand command, TextWriter output, TextWriter error)
    {
        var options = new DevHostOptions(DevHostOptions.FindRepositoryRoot(), UploadSamples: false);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Development,
        });
        builder.AddDevHostConfiguration(options, []);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPoIntakeFunctionApp(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<AzuriteLauncher>();
        await using var app = builder.Build();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        try
        {
            await app.Services.GetRequiredService<AzuriteLauncher>().EnsureRunningAsync(stop.Token);
            await app.Services.GetRequiredService<StorageInitializer>().InitializeAsync(stop.Token);
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }

        return await ExecuteAsync(
            command,
            app.Services.GetRequiredService<IYearReplay>(),
            app.Services.GetRequiredService<IReplaySwitch>(),
            output,
            error,
            stop.Token);
    }
}
