using PoIntake.DevHost;
using PoIntake.DevHost.Commands;
using PoIntake.DevHost.Functions;
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
builder.Services.AddPoIntakeFunctionApp(builder.Configuration);
builder.Services.AddDevHost(options);

var app = builder.Build();
app.MapHttpFunctions(app.Services.GetRequiredService<FunctionCatalog>());
app.MapReminderDevEndpoints();
app.MapTotalsDevEndpoints();
app.Run();
return 0;
