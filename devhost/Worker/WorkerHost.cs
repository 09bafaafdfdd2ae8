using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using PoIntake.DevHost.Worker.Rpc;

namespace PoIntake.DevHost.Worker;

/// <summary>
/// Plays the Functions host for the real isolated worker: starts <c>dotnet PoIntake.Functions.dll</c> from the functions
/// project's build output with the arguments and environment the host gives it, then over the gRPC stream initialises it
/// (WorkerInitRequest), asks for its functions (FunctionsMetadataRequest) and loads each one (FunctionLoadRequest).
/// Invocations of every kind go through <see cref="InvokeAsync"/>.
/// </summary>
internal sealed partial class WorkerHost(
    DevHostOptions options,
    WorkerChannel channel,
    WorkerSettings settings,
    IHostApplicationLifetime lifetime,
    ILogger<WorkerHost> logger) : BackgroundService, IWorkerInvoker
{
    /// <summary>How long the worker may take from process start to its loaded functions (a cold start on a busy 2-core machine).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The version devhost announces as the host's; the worker only logs it.</summary>
    public const string HostVersion = "4.1000.0";

    public const string AssemblyFileName = "PoIntake.Functions.dll";

    private readonly TaskCompletionSource<WorkerFunctions> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? process;

    /// <summary>Completes with the loaded functions, or fails when the worker could not be started.</summary>
    public Task<WorkerFunctions> Ready => ready.Task;

    /// <summary>The worker's own HTTP server (its HttpUri capability), where HTTP invocations are forwarded.</summary>
    public Uri? HttpUri { get; private set; }

    public int? ProcessId { get; private set; }

    /// <summary>The capabilities the worker announced in its WorkerInitResponse.</summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    public string? WorkerId { get; private set; }

    /// <summary>The worker's runtime and version as it reported them (WorkerMetadata).</summary>
    public string? WorkerDescription { get; private set; }

    /// <summary>How long the worker took from process start to its loaded functions.</summary>
    public TimeSpan? StartDuration { get; private set; }

    public string FunctionAppDirectory => options.FunctionAppDirectory;

    public string CommandLine => $"dotnet {Path.Combine(options.FunctionAppDirectory, AssemblyFileName)} --functions-uri {options.GrpcUri}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(StartTimeout);
            ready.TrySetResult(await StartWorkerAsync(timeout.Token));
        }
        catch (Exception ex)
        {
            LogStartFailed(logger, ex, CommandLine);
            ready.TrySetException(ex);
            return;
        }

        await process!.WaitForExitAsync(stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        if (!stoppingToken.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested && process.HasExited)
        {
            LogExited(logger, process.ExitCode);
        }
    }

    /// <summary>Sends <paramref name="request"/> to the worker and returns its InvocationResponse.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        await Ready.WaitAsync(cancellationToken);
        var answer = await channel.RequestAsync(
            new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request },
            WorkerChannel.InvocationKey(request.InvocationId),
            cancellationToken);
        return answer.InvocationResponse;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (process is not { HasExited: false } running)
        {
            return;
        }

        try
        {
            await channel.SendAsync(
                new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } },
                cancellationToken);
            await running.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            LogTerminateFailed(logger, ex.Message);
        }
        finally
        {
            if (!running.HasExited)
            {
                running.Kill(entireProcessTree: true);
            }

            running.Dispose();
        }
    }

    private async Task<WorkerFunctions> StartWorkerAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var directory = options.FunctionAppDirectory;
        var assembly = Path.Combine(directory, AssemblyFileName);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException(
                $"The functions app is not built: {assembly} is missing. Build it with `dotnet build functions` (devhost's build does it).", assembly);
        }

        process = Process.Start(StartInfo(directory, assembly)) ?? throw new InvalidOperationException("dotnet did not start.");
        ProcessId = process.Id;
        process.OutputDataReceived += (_, line) => { if (line.Data is { Length: > 0 } text) { LogWorkerOutput(logger, text); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { Length: > 0 } text) { LogWorkerError(logger, text); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(channel.Started, exited) != channel.Started)
        {
            await exited;
            throw new InvalidOperationException($"The worker exited with code {process.ExitCode} before it connected (see its output above).");
        }

        WorkerId = await channel.Started;

        var init = (await channel.RequestAsync(
            new StreamingMessage
            {
                RequestId = Guid.NewGuid().ToString(),
                WorkerInitRequest = new WorkerInitRequest
                {
                    HostVersion = HostVersion,
                    WorkerDirectory = directory,
                    FunctionAppDirectory = directory,
                },
            },
            WorkerChannel.InitKey,
            cancellationToken)).WorkerInitResponse;
        EnsureSuccess(init.Result, "initialise");
        Capabilities = init.Capabilities.ToDictionary(StringComparer.Ordinal);
        HttpUri = init.Capabilities.TryGetValue("HttpUri", out var httpUri) && Uri.TryCreate(httpUri, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException("The worker announced no HttpUri capability; devhost needs the ASP.NET Core integration (ConfigureFunctionsWebApplication).");
        WorkerDescription = init.WorkerMetadata is { } metadata
            ? $"{metadata.RuntimeName} {metadata.RuntimeVersion}, worker {metadata.WorkerVersion}"
            : null;

        var metadataResponse = (await channel.RequestAsync(
            new StreamingMessage
            {
                RequestId = Guid.NewGuid().ToString(),
                FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = directory },
            },
            WorkerChannel.MetadataKey,
            cancellationToken)).FunctionMetadataResponse;
        EnsureSuccess(metadataResponse.Result, "describe its functions");
        var described = WorkerFunctions.FromMetadata(metadataResponse.FunctionMetadataResults);

        var loaded = await Task.WhenAll(described.All.Select(async function =>
        {
            var response = (await channel.RequestAsync(
                new StreamingMessage
                {
                    RequestId = Guid.NewGuid().ToString(),
                    FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.Id, Metadata = function.Metadata },
                },
                WorkerChannel.LoadKey(function.Id),
                cancellationToken)).FunctionLoadResponse;
            if (response.Result?.Status == StatusResult.Types.Status.Success)
            {
                return function;
            }

            LogLoadFailed(logger, function.Name, response.Result?.Exception?.Message ?? response.Result?.Result ?? "no reason given");
            return null;
        }));

        StartDuration = clock.Elapsed;
        var functions = new WorkerFunctions([.. loaded.OfType<WorkerFunction>()]);
        LogReady(logger, ProcessId.Value, functions.All.Count, StartDuration.Value.TotalSeconds, HttpUri);
        return functions;
    }

    private ProcessStartInfo StartInfo(string directory, string assembly)
    {
        var info = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            assembly,
            "--functions-uri", options.GrpcUri.ToString(),
            "--functions-worker-id", Guid.NewGuid().ToString(),
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        // devhost's own URLs must not leak into the worker's Kestrel (it picks its own port and announces it as HttpUri).
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (key, value) in settings.Values)
        {
            info.Environment[WorkerSettings.EnvironmentName(key)] = value;
        }

        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = directory;
        info.Environment["FUNCTIONS_WORKER_DIRECTORY"] = directory;
        info.Environment["AzureWebJobsScriptRoot"] = directory;
        info.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        return info;
    }

    /// <summary>The dotnet that runs devhost (the SDK sets DOTNET_HOST_PATH for `dotnet run`), else dotnet on PATH.</summary>
    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    private static void EnsureSuccess(StatusResult? result, string step)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker failed to {step}: {result?.Exception?.Message ?? result?.Result ?? "no status"}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker process {ProcessId} ready: {Count} functions loaded in {Seconds:0.0} s, HTTP at {HttpUri}")]
    private static partial void LogReady(ILogger logger, int processId, int count, double seconds, Uri httpUri);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The worker could not be started ({CommandLine}); no function will run")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string commandLine);

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker could not load function {Function}: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The worker process exited with code {ExitCode}; restart devhost")]
    private static partial void LogExited(ILogger logger, int exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The worker did not stop cleanly ({Reason}); it is killed")]
    private static partial void LogTerminateFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "worker: {Line}")]
    private static partial void LogWorkerOutput(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker (stderr): {Line}")]
    private static partial void LogWorkerError(ILogger logger, string line);
}
