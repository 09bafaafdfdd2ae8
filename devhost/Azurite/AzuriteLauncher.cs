using System.Diagnostics;
using System.Net.Sockets;

namespace PoIntake.DevHost.Azurite;

/// <summary>
/// Uses the Azurite already answering on 127.0.0.1:10000, or starts the repository's pinned one (npm package
/// azurite, installed with `npm ci` when missing) with its data in .azurite/, and stops it again on exit.
/// </summary>
internal sealed partial class AzuriteLauncher(DevHostOptions options, ILogger<AzuriteLauncher> logger) : IDisposable
{
    public const int BlobPort = 10000;
    public const int QueuePort = 10001;
    public const int TablePort = 10002;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private Process? process;

    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (await IsListeningAsync(BlobPort, cancellationToken))
        {
            LogAlreadyRunning(logger, BlobPort);
            return;
        }

        var script = Path.Combine(options.RepositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            LogInstalling(logger, options.RepositoryRoot);
            await RunToEndAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", "ci --no-audit --no-fund", cancellationToken);
        }

        Directory.CreateDirectory(options.AzuriteDirectory);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = options.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            script, "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--location", options.AzuriteDirectory,
            "--blobPort", $"{BlobPort}", "--queuePort", $"{QueuePort}", "--tablePort", $"{TablePort}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { LogOutput(logger, line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { LogOutput(logger, line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!(await IsListeningAsync(BlobPort, cancellationToken) && await IsListeningAsync(TablePort, cancellationToken)))
        {
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"Azurite did not start on ports {BlobPort}-{TablePort} (is another program using them?). Run `npx azurite` in {options.RepositoryRoot} to see why.");
            }

            await Task.Delay(200, cancellationToken);
        }

        LogStarted(logger, process.Id, options.AzuriteDirectory);
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            LogStopping(logger, process.Id);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }

        process?.Dispose();
        process = null;
    }

    internal static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RunToEndAsync(string fileName, string arguments, CancellationToken cancellationToken)
    {
        using var npm = Process.Start(new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = options.RepositoryRoot,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{fileName} {arguments}` failed with exit code {npm.ExitCode} in {options.RepositoryRoot}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite already answers on port {Port}; using it")]
    private static partial void LogAlreadyRunning(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "node_modules/azurite is missing; running `npm ci` in {Root}")]
    private static partial void LogInstalling(ILogger logger, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (process {ProcessId}), data in {Location}")]
    private static partial void LogStarted(ILogger logger, int processId, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping Azurite (process {ProcessId})")]
    private static partial void LogStopping(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "azurite: {Line}")]
    private static partial void LogOutput(ILogger logger, string line);
}
