using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PoIntake.Tests.Storage;

/// <summary>
/// One Azurite (npm package pinned in the repo's package.json) for all storage tests: free random ports, a temp
/// workspace, stopped and started again on the same ports and workspace for outage tests, killed on dispose.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    internal const string AccountName = "devstoreaccount1";

    // The well-known Azurite development key, public in Microsoft's docs; not a secret.
    internal const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _location = Path.Combine(Path.GetTempPath(), "pointake-azurite-" + Guid.NewGuid().ToString("N"));
    private readonly string _repoRoot = FindRepoRoot();
    private Process? _process;
    private int _nextOrigin;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Storage accounts besides the shared one, each handed to one test that needs storage of its own (<see cref="IsolatedConnectionString"/>).</summary>
    internal const int IsolatedAccounts = 16;

    private int _nextIsolated;

    /// <summary>
    /// The connection string of an account no other test uses (empty at the start of the run): for tests that read a whole
    /// container or year, such as the replay of a year, where the shared account holds other tests' blobs.
    /// </summary>
    public string IsolatedConnectionString()
    {
        var n = Interlocked.Increment(ref _nextIsolated);
        if (n > IsolatedAccounts)
        {
            throw new InvalidOperationException($"Only {IsolatedAccounts} isolated accounts; raise AzuriteFixture.IsolatedAccounts.");
        }

        var account = IsolatedAccountName(n);
        return $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{account};" +
            $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{account};" +
            $"TableEndpoint=http://127.0.0.1:{TablePort}/{account};";
    }

    private static string IsolatedAccountName(int n) => "isolated" + n.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_location);
        await EnsureAzuriteInstalledAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        KillProcess();
        await Task.Yield();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>
    /// A (year, county) no other test in this run has used, so tests sharing the fixed table names do not see each
    /// other's reports. Counties vary fastest, so year − 1 of the same county is rarely another test's.
    /// </summary>
    public (int Year, string CountyCode) NextOrigin()
    {
        var counties = PoIntake.Core.Reference.MunicipalityRegistry.Default.Counties;
        var n = Interlocked.Increment(ref _nextOrigin) - 1;
        return (2015 + (n / counties.Count % 11), counties[n % counties.Count].Code);
    }

    /// <summary>Starts Azurite; the first start picks free ports, later starts reuse them and the same workspace.</summary>
    public async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (IsRunning)
            {
                return;
            }

            var firstStart = BlobPort == 0;
            var arguments = new List<string>
            {
                Path.Combine(_repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js"),
                "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--location", _location,
                "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent",
                // Shorter keep-alive lets a graceful stop finish soon after the last request instead of after 5 s.
                "--blobKeepAliveTimeout", "1", "--queueKeepAliveTimeout", "1", "--tableKeepAliveTimeout", "1",
            };
            var startInfo = new ProcessStartInfo("node")
            {
                WorkingDirectory = _location,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            // The shared account and the isolated ones (Azurite serves only the listed accounts when this is set).
            startInfo.Environment["AZURITE_ACCOUNTS"] = string.Join(
                ';', new[] { AccountName }.Concat(Enumerable.Range(1, IsolatedAccounts).Select(IsolatedAccountName)).Select(a => a + ":" + AccountKey));

            var ports = new Dictionary<string, int>(StringComparer.Ordinal);
            var allListening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new System.Text.StringBuilder();
            var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(e.Data);
                    // Port 0 lets Azurite bind free ports itself (no race with other test runs); it prints what it got.
                    if (ListeningLine().Match(e.Data) is { Success: true } match)
                    {
                        ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                        if (ports.Count == 3)
                        {
                            allListening.TrySetResult();
                        }
                    }
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (output)
                    {
                        output.AppendLine(e.Data);
                    }
                }
            };
            process.Exited += (_, _) => allListening.TrySetException(new InvalidOperationException("Azurite exited while starting."));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;

            var finished = await Task.WhenAny(allListening.Task, Task.Delay(StartTimeout));
            if (finished != allListening.Task || allListening.Task.IsFaulted)
            {
                KillProcess();
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                throw new InvalidOperationException($"Azurite did not start (first start: {firstStart}). Output:\n{log}");
            }

            if (firstStart)
            {
                BlobPort = ports["Blob"];
                QueuePort = ports["Queue"];
                TablePort = ports["Table"];
            }

            await WaitUntilAnsweringAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Azurite's table store saves its workspace this often (LokiJS <c>autosaveInterval</c> in Azurite's source).</summary>
    private static readonly TimeSpan AutosaveInterval = TimeSpan.FromSeconds(5);

    /// <summary>Stops Azurite (SIGTERM after its next workspace save), keeping ports and data for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_process is not { HasExited: false } process)
            {
                return;
            }

            // Azurite's table store (LokiJS) saves its workspace every 5 s (autosaveInterval 5000) and a stop does not save
            // what came after the last save: wait one interval, so a restart test sees storage lose nothing it acknowledged —
            // the outage tests are about our retries, not about Azurite's durability.
            await Task.Delay(AutosaveInterval + TimeSpan.FromMilliseconds(500));
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
            {
                await kill.WaitForExitAsync();
            }

            // Azurite writes its whole workspace on SIGTERM; with a full suite's data on a busy machine that can take longer
            // than a few seconds, and a kill before it has finished loses the last writes (a test of a restart would then see
            // rows vanish that storage had acknowledged).
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            _process = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    private void KillProcess()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
            _process = null;
        }
    }

    private async Task EnsureAzuriteInstalledAsync()
    {
        if (File.Exists(Path.Combine(_repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js")))
        {
            return;
        }

        var npm = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = _repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(npm)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PoIntake.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PoIntake.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}

/// <summary>Every test that needs storage joins this collection: one Azurite, tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<EndToEnd.LocalFunctionsFixture>
{
    public const string Name = "Azurite";
}
