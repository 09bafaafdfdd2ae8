using PoIntake.DevHost;
using PoIntake.DevHost.Commands;
using PoIntake.DevHost.Reminders;
using PoIntake.DevHost.Totals;
using PoIntake.Functions;

if (DevCommands.TryRun(args) is { } exitCode)
{
    return exitCode;
}

var options = DevHostOptions.FromArgs(args, out var hostArgs);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = hostArgs,
    EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Development,
});
builder.AddDevHostConfiguration(options, hostArgs);
// devhost's own routes below (/dev/…) use the app's services in-process; the functions themselves run only in the worker.
builder.Services.AddPoIntakeFunctionApp(builder.Configuration);
builder.Services.AddDevHost(options);

var app = builder.Build();
app.MapDevHost();
app.MapReminderDevEndpoints();
app.MapTotalsDevEndpoints();
app.Run();
return 0;
