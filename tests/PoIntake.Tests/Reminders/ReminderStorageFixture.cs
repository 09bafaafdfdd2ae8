using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace PoIntake.Tests.Reminders;

/// <summary>
/// Interim Azurite for the reminder and contacts tests (free ports chosen by Azurite, temp workspace) until the shared
/// Storage fixture is on main. Uses the repo's node_modules/azurite when present, else a copy installed under /tmp.
/// </summary>
public sealed partial class ReminderStorageFixture : IAsyncLifetime
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly string FallbackInstall = Path.Combine(Path.GetTempPath(), "pointake-reminders-azurite");
    private readonly string _location = Path.Combine(Path.GetTempPath(), "pointake-reminders-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public TableServiceClient Tables => new(ConnectionString);

    public BlobServiceClient Blobs => new(ConnectionString);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_location);
        var script = await FindOrInstallAsync();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _location,
        };
        foreach (var argument in new[]
                 {
                     script, "--blobPort", "0", "--queuePort", "0", "--tablePort", "0", "--location", _location,
                     "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var ports = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } match)
            {
                lock (ports)
                {
                    ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(60))) != ready.Task)
        {
            throw new InvalidOperationException("Azurite did not start.");
        }

        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{ports["Blob"]}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{ports["Queue"]}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{ports["Table"]}/devstoreaccount1;";
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }

    private static async Task<string> FindOrInstallAsync()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var fallback = Path.Combine(FallbackInstall, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(fallback))
        {
            Directory.CreateDirectory(FallbackInstall);
            using var npm = Process.Start(new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "azurite@3.37.0"])
            {
                WorkingDirectory = FallbackInstall,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            await npm.WaitForExitAsync();
        }

        return fallback;
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://[^:]+:(\d+)")]
    private static partial Regex Listening();
}

[CollectionDefinition(Name)]
public sealed class ReminderStorageCollection : ICollectionFixture<ReminderStorageFixture>
{
    public const string Name = "ReminderStorage";
}
