using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PoIntake.DevHost.Functions;
using PoIntake.Functions.Intake;

namespace PoIntake.Tests.DevHost;

/// <summary>Counts invocations, to show the function class is built from DI.</summary>
public sealed class InvocationCounter
{
    private int count;

    public int Count => count;

    public int Next() => Interlocked.Increment(ref count);
}

/// <summary>Functions written the way functions/ writes them, to host in devhost.</summary>
public sealed class SampleHttpFunctions(InvocationCounter counter)
{
    [Function("GetThing")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "things/{id:int}")] HttpRequest request, int id) =>
        new OkObjectResult(new { id, query = request.Query["q"].ToString(), invocation = counter.Next() });

    [Function("PostThing")]
    public async Task<IActionResult> PostAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "things/{year}/{county}")] HttpRequest request,
        string year,
        string county,
        CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return new ObjectResult(new { year, county, length = body.Length }) { StatusCode = StatusCodes.Status201Created };
    }

    [Function("Ping")]
    public IActionResult Ping([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) =>
        new ContentResult { Content = "pong", ContentType = "text/plain" };

    [Function("Problem")]
    public IResult Problem([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "problem")] HttpRequest request) =>
        Results.Problem(statusCode: 404, title: "Inga uppgifter");

    [Function("Broken")]
    public Task<IActionResult> BrokenAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "broken")] HttpRequest request) =>
        throw new InvalidOperationException("secret-detail-in-exception");

    [Function("NeedsContext")]
    public IActionResult NeedsContext([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "context")] HttpRequest request, FunctionContext context) =>
        new OkResult();

    [Function("Morning")]
    public void Morning([TimerTrigger("0 0 6 * * *", RunOnStartup = true)] TimerInfo timer)
    {
    }

    public IActionResult NotAFunction(HttpRequest request) => new OkResult();
}

public sealed class HttpFunctionEndpointsTests : IAsyncLifetime
{
    private readonly InvocationCounter counter = new();
    private WebApplication? app;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMvcCore();
        builder.Services.AddSingleton(counter);
        app = builder.Build();
        app.MapHttpFunctions(new FunctionCatalog([typeof(SampleHttpFunctions)]));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void Catalog_FindsHttpAndTimerTriggersButNotPlainMethods()
    {
        var catalog = new FunctionCatalog([typeof(SampleHttpFunctions)]);

        Assert.Equal(["Broken", "GetThing", "NeedsContext", "Ping", "PostThing", "Problem"], catalog.Http.Select(f => f.Function.Name).Order());
        var timer = Assert.Single(catalog.Timers);
        Assert.Equal("0 0 6 * * *", timer.Schedule);
        Assert.True(timer.RunOnStartup);
        Assert.Empty(catalog.Blobs);
    }

    [Fact]
    public void Catalog_HttpTriggerWithoutRoute_UsesFunctionName()
    {
        var ping = new FunctionCatalog([typeof(SampleHttpFunctions)]).Http.Single(f => f.Function.Name == "Ping");

        Assert.Equal("Ping", ping.Route);
        Assert.Equal(["GET"], ping.Methods);
    }

    [Fact]
    public void Catalog_FunctionsAssembly_HasTheBlobTriggeredIntake()
    {
        var catalog = FunctionCatalog.FromAssembly(typeof(IngestReportFunction).Assembly);

        var blob = Assert.Single(catalog.Blobs, f => f.Function.Type == typeof(IngestReportFunction));
        Assert.Equal(IngestReportFunction.BlobPath, blob.BlobPath);
        Assert.Equal("PoIntakeStorage", blob.Connection);
    }

    [Fact]
    public async Task Get_RouteValueAndQuery_AreBoundAndResultExecuted()
    {
        var response = await client.GetFromJsonAsync<ThingResponse>("/api/things/42?q=hej");

        Assert.NotNull(response);
        Assert.Equal(42, response.Id);
        Assert.Equal("hej", response.Query);
    }

    [Fact]
    public async Task Get_EachRequest_BuildsTheFunctionClassFromDi()
    {
        await client.GetAsync("/api/things/1");
        await client.GetAsync("/api/things/2");

        Assert.Equal(2, counter.Count);
    }

    [Fact]
    public async Task Get_RouteConstraintNotMet_Answers404()
    {
        var response = await client.GetAsync("/api/things/abc");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_StringRouteValuesAndBody_AreBound()
    {
        var response = await client.PostAsync("/api/things/2025/25", new StringContent("12345"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<PostResponse>();
        Assert.Equal(new PostResponse("2025", "25", 5), body);
    }

    [Fact]
    public async Task Get_OnPostOnlyRoute_IsNotAllowed()
    {
        var response = await client.GetAsync("/api/things/2025/25");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Get_DefaultRoute_IsApiSlashFunctionName()
    {
        Assert.Equal("pong", await client.GetStringAsync("/api/Ping"));
    }

    [Fact]
    public async Task Get_FunctionReturningIResult_IsExecuted()
    {
        var response = await client.GetAsync("/api/problem");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_FunctionNeedingFunctionContext_IsNotMapped()
    {
        var response = await client.GetAsync("/api/context");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_FunctionThrows_SwedishProblemOf500WithoutExceptionDetails()
    {
        var response = await client.GetAsync("/api/broken");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Internt fel", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    private sealed record ThingResponse(int Id, string Query, int Invocation);

    private sealed record PostResponse(string Year, string County, int Length);
}
