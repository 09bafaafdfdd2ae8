using System.Text.Json;
using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.DevHost.Worker;

/// <summary>One binding of a function as the worker describes it (its raw binding JSON, as function.json would hold it).</summary>
internal sealed class WorkerBinding
{
    private readonly Dictionary<string, JsonElement> properties;

    private WorkerBinding(Dictionary<string, JsonElement> properties)
    {
        this.properties = properties;
        Name = Text("name") ?? "";
        Type = Text("type") ?? "";
        Direction = Text("direction") ?? "In";
    }

    public string Name { get; }

    public string Type { get; }

    public string Direction { get; }

    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public static WorkerBinding Parse(string rawBinding)
    {
        using var document = JsonDocument.Parse(rawBinding);
        return new WorkerBinding(document.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.OrdinalIgnoreCase));
    }

    public string? Text(string property) => properties.TryGetValue(property, out var value) && value.ValueKind != JsonValueKind.Null
        ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
        : null;

    public bool Flag(string property) => properties.TryGetValue(property, out var value) &&
        (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var flag) && flag));

    public IReadOnlyList<string> List(string property) => properties.TryGetValue(property, out var value) && value.ValueKind == JsonValueKind.Array
        ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")]
        : [];
}

/// <summary>A function the worker reported in its metadata, with the id devhost loads and invokes it by.</summary>
internal sealed record WorkerFunction(string Name, string Id, string EntryPoint, IReadOnlyList<WorkerBinding> Bindings, RpcFunctionMetadata Metadata)
{
    public WorkerBinding? Trigger => Bindings.FirstOrDefault(b => b.IsTrigger);
}

/// <summary>An HTTP-triggered function: route under <c>/api</c> (the function's name when the trigger names none), methods, level.</summary>
internal sealed record HttpRoute(WorkerFunction Function, string TriggerName, string Route, IReadOnlyList<string> Methods, string AuthLevel);

/// <summary>A blob-triggered function: the path pattern (container/…), the connection setting's name and the source (EventGrid).</summary>
internal sealed record BlobTrigger(WorkerFunction Function, string TriggerName, string Path, string? Connection, string? Source);

/// <summary>A timer-triggered function: its NCRONTAB schedule as written (may hold %Setting%), and whether it runs at start.</summary>
internal sealed record TimerTrigger(WorkerFunction Function, string TriggerName, string Schedule, bool RunOnStartup);

/// <summary>
/// The function app as the worker's own metadata describes it (FunctionsMetadataRequest): every function it reported,
/// grouped by the trigger devhost raises. Nothing here is read from the function classes.
/// </summary>
internal sealed class WorkerFunctions
{
    /// <summary>Every HTTP method the Functions host accepts when an HTTP trigger names none.</summary>
    public static readonly IReadOnlyList<string> AllHttpMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    public static readonly WorkerFunctions None = new([]);

    public WorkerFunctions(IReadOnlyList<WorkerFunction> all)
    {
        All = all;
        var http = new List<HttpRoute>();
        var blobs = new List<BlobTrigger>();
        var timers = new List<TimerTrigger>();
        foreach (var function in all)
        {
            switch (function.Trigger)
            {
                case { Type: var type } trigger when type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase):
                    var methods = trigger.List("methods");
                    http.Add(new HttpRoute(
                        function,
                        trigger.Name,
                        (trigger.Text("route") ?? function.Name).Trim('/'),
                        methods.Count > 0 ? [.. methods.Select(m => m.ToUpperInvariant())] : AllHttpMethods,
                        trigger.Text("authLevel") ?? "Function"));
                    break;
                case { Type: var type } trigger when type.Equals("blobTrigger", StringComparison.OrdinalIgnoreCase):
                    blobs.Add(new BlobTrigger(function, trigger.Name, trigger.Text("path") ?? "", trigger.Text("connection"), trigger.Text("source")));
                    break;
                case { Type: var type } trigger when type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase):
                    timers.Add(new TimerTrigger(function, trigger.Name, trigger.Text("schedule") ?? "", trigger.Flag("runOnStartup")));
                    break;
            }
        }

        Http = http;
        Blobs = blobs;
        Timers = timers;
    }

    public IReadOnlyList<WorkerFunction> All { get; }

    public IReadOnlyList<HttpRoute> Http { get; }

    public IReadOnlyList<BlobTrigger> Blobs { get; }

    public IReadOnlyList<TimerTrigger> Timers { get; }

    /// <summary>The functions of a metadata response; a function without an id gets one (the host assigns ids when the worker does not).</summary>
    public static WorkerFunctions FromMetadata(IEnumerable<RpcFunctionMetadata> metadata) => new(
        [.. metadata.Select(m =>
        {
            if (string.IsNullOrEmpty(m.FunctionId))
            {
                m.FunctionId = Guid.NewGuid().ToString();
            }

            return new WorkerFunction(m.Name, m.FunctionId, m.EntryPoint, [.. m.RawBindings.Select(WorkerBinding.Parse)], m);
        })]);
}
