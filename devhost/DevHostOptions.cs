using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace PoIntake.DevHost;

/// <summary>What `dotnet run --project devhost [-- --no-samples] [--port N]` was asked to do, where the repository is, and the ports.</summary>
internal sealed record DevHostOptions(string RepositoryRoot, bool UploadSamples)
{
    public const int DefaultHttpPort = 7071;
    public const string Url = "http://localhost:7071";
    public const string NoSamplesSwitch = "--no-samples";

    /// <summary>Another HTTP port than 7071 (<c>--port 7181</c>), when a Functions host or another devhost already has it.</summary>
    public const string PortSwitch = "--port";

    /// <summary>Where the functions answer HTTP (7071, the Functions host's local port).</summary>
    public int HttpPort { get; init; } = DefaultHttpPort;

    /// <summary>Where the worker connects to devhost's gRPC endpoint (FunctionRpc); a free loopback port by default.</summary>
    public int GrpcPort { get; init; } = FreeLoopbackPort();

    /// <summary>The functions project's build output the worker runs from (its PoIntake.Functions.dll, functions.metadata, extensions).</summary>
    public string FunctionAppDirectory { get; init; } = DefaultFunctionAppDirectory(RepositoryRoot);

    /// <summary>Whether devhost brings up Azurite itself (false when the settings name a storage that is already running, as in the tests).</summary>
    public bool StartAzurite { get; init; } = true;

    public string BaseUrl => $"http://localhost:{HttpPort}";

    public Uri GrpcUri => new($"http://127.0.0.1:{GrpcPort}/");

    public string SamplesDirectory => Path.Combine(RepositoryRoot, "samples");

    public string AzuriteDirectory => Path.Combine(RepositoryRoot, ".azurite");

    /// <summary>Reads devhost's own switches and returns the remaining arguments for the web host.</summary>
    public static DevHostOptions FromArgs(string[] args, out string[] hostArgs)
    {
        var port = DefaultHttpPort;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Equals(PortSwitch, StringComparison.OrdinalIgnoreCase) && i + 1 < args.Length
                && int.TryParse(args[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked) && asked is > 0 and < 65536)
            {
                port = asked;
                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        hostArgs = [.. rest.Where(a => !a.Equals(NoSamplesSwitch, StringComparison.OrdinalIgnoreCase))];
        return new DevHostOptions(FindRepositoryRoot(), UploadSamples: hostArgs.Length == rest.Count) { HttpPort = port };
    }

    /// <summary>functions/bin/{the configuration devhost was built in}/{its target framework}: devhost's build builds it there.</summary>
    public static string DefaultFunctionAppDirectory(string repositoryRoot)
    {
        var configuration = typeof(DevHostOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        return Path.Combine(repositoryRoot, "functions", "bin", configuration, framework.StartsWith("net", StringComparison.Ordinal) ? framework : "net10.0");
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The nearest folder above the working directory (or the build output) that holds PoIntake.sln.</summary>
    internal static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "PoIntake.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
