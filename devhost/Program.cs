using PoIntake.DevHost.Commands;

if (DevCommands.TryRun(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();
return 0;
