using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using PoIntake.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddPoIntakeFunctionApp(builder.Configuration);
builder.Services.AddPoIntakeTelemetry();
builder.Build().Run();
