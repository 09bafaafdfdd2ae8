using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace PoIntake.DevHost.Worker;

/// <summary>
/// One ASP.NET Core endpoint per HTTP function the worker reported, on <c>/api/{route}</c> with the trigger's methods and
/// the route's constraints, as the Functions host routes them. Empty until the worker has loaded its functions.
/// </summary>
internal sealed class WorkerEndpointDataSource : EndpointDataSource
{
    private readonly Lock gate = new();
    private IReadOnlyList<Endpoint> endpoints = [];
    private CancellationTokenSource changed = new();

    public WorkerEndpointDataSource(WorkerHost worker, HttpFunctionForwarder forwarder)
    {
        worker.Ready.ContinueWith(
            loaded =>
            {
                if (loaded.IsCompletedSuccessfully)
                {
                    Load(loaded.Result, forwarder);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public override IReadOnlyList<Endpoint> Endpoints => endpoints;

    public override IChangeToken GetChangeToken()
    {
        lock (gate)
        {
            return new CancellationChangeToken(changed.Token);
        }
    }

    private void Load(WorkerFunctions functions, HttpFunctionForwarder forwarder)
    {
        var built = new List<Endpoint>();
        foreach (var route in functions.Http)
        {
            var builder = new RouteEndpointBuilder(
                context => forwarder.ForwardAsync(route, context),
                RoutePatternFactory.Parse($"{HttpFunctionForwarder.RoutePrefix}/{route.Route}"),
                order: 0)
            {
                DisplayName = route.Function.Name,
            };
            builder.Metadata.Add(new HttpMethodMetadata(route.Methods));
            built.Add(builder.Build());
        }

        CancellationTokenSource previous;
        lock (gate)
        {
            endpoints = built;
            previous = changed;
            changed = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }
}
