namespace PoIntake.DevHost;

/// <summary>What `dotnet run --project devhost [-- --no-samples]` was asked to do, and where the repository is.</summary>
internal sealed record DevHostOptions(string RepositoryRoot, bool UploadSamples)
{
    public const string Url = "http://localhost:7071";
    public const string NoSamplesSwitch = "--no-samples";

    public string SamplesDirectory => Path.Combine(RepositoryRoot, "samples");

    public string AzuriteDirectory => Path.Combine(RepositoryRoot, ".azurite");

    /// <summary>Reads devhost's own switches and returns the remaining arguments for the web host.</summary>
    public static DevHostOptions FromArgs(string[] args, out string[] hostArgs)
    {
        hostArgs = [.. args.Where(a => !a.Equals(NoSamplesSwitch, StringComparison.OrdinalIgnoreCase))];
        return new DevHostOptions(FindRepositoryRoot(), UploadSamples: hostArgs.Length == args.Length);
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
