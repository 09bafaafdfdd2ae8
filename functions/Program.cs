using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using PoIntake.Functions;
using PoIntake.Functions.Http;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemMiddleware>();
builder.UseMiddleware<AccessMiddleware>(); // inside the problem middleware: a fault of the gate is the 500 problem
builder.Services.AddPoIntakeFunctionApp(builder.Configuration);
builder.Services.AddPoIntakeTelemetry();
builder.Build().Run();
