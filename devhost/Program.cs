using PoIntake.DevHost;
using PoIntake.DevHost.Commands;

if (DevCommands.TryRun(args) is { } exitCode)
{
    return exitCode;
}

var options = DevHostOptions.FromArgs(args, out var hostArgs);
DevHostApp.Build(options, hostArgs).Run();
return 0;
