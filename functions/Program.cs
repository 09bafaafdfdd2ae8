using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using PoIntake.Functions;
using PoIntake.Functions.Http;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemMiddleware>();
builder.Services.AddPoIntakeFunctionApp(builder.Configuration);
builder.Services.AddPoIntakeTelemetry();
builder.Build().Run();
