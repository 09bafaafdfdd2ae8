using System.Globalization;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Template;
using PoIntake.Core.Access;
using PoIntake.DevHost.Samples;

namespace PoIntake.DevHost.Commands;

/// <summary>
/// Command-line verbs of devhost besides running the host (template, samples, drop-year, replay-scale, county-key, national-key,
/// admin-key, replay, replay-switch, replay-cleanup). Returns null when args name no command.
/// </summary>
internal static class DevCommands
{
    public static int? TryRun(string[] args) => TryRun(args, Console.Out, Console.Error);

    internal static int? TryRun(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            return null;
        }

        return args[0] switch
        {
            "template" => Template(args, output, error),
            "samples" => Samples(args, output, error),
            "drop-year" => NationalYear(args, output, error, NationalYearDrop.RunAsync),
            "replay-scale" => NationalYear(args, output, error, NationalYearReplay.RunAsync),
            "county-key" => CountyKey(args, output, error),
            "national-key" => NationalKey(args, output, error),
            "admin-key" => AdministrationKey(args, output, error),
            var verb when ReplayCommands.Verbs.ContainsKey(verb) => ReplayCommands.Run(args, output, error),
            _ => null,
        };
    }

    private static int Template(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 3 ||
            !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            year is < ContractLimits.FirstYear or > ContractLimits.LastYear)
        {
            error.WriteLine($"usage: template <year> <path.xlsx>   (year: {ContractLimits.FirstYear}–{ContractLimits.LastYear})");
            return 2;
        }

        var path = Path.GetFullPath(args[2]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, ReportTemplate.Write(year));
        output.WriteLine($"Wrote the {year} report template to {path}");
        return 0;
    }

    private static int Samples(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 2)
        {
            error.WriteLine("usage: samples [directory]   (default: ./samples)");
            return 2;
        }

        var root = Path.GetFullPath(args.Length == 2 ? args[1] : Path.Combine(RepositoryRoot(), "samples"));
        var written = SampleWriter.Write(root);
        output.WriteLine($"Wrote {written.Count} sample workbooks and README.md to {root}");
        return 0;
    }

    /// <summary>
    /// `drop-year` and `replay-scale` (docs/performance.md): a national year of <c>count</c> reports against the running
    /// devhost (BASE_URL) and its storage (AzureWebJobsStorage).
    /// </summary>
    private static int NationalYear(
        string[] args, TextWriter output, TextWriter error, Func<int, int, string, Uri, TextWriter, TextWriter, Task<int>> run)
    {
        if (args.Length != 3 ||
            !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            year < 2013 || year > TimeProvider.System.GetUtcNow().Year ||
            !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ||
            count is < 1 or > 1000)
        {
            error.WriteLine($"usage: {args[0]} <year> <count>   (year: 2013–this year, without data; count: 1–1000; needs a running devhost)");
            return 2;
        }

        var storage = Environment.GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";
        var baseUrl = new Uri((Environment.GetEnvironmentVariable("BASE_URL") ?? DevHostOptions.Url).TrimEnd('/') + "/");
        return run(year, count, storage, baseUrl, output, error).GetAwaiter().GetResult();
    }

    /// <summary>
    /// A new role key for one county board (its uploads and its county's status): the key goes to the county board
    /// (over a channel fit for a password), only its hash into the app settings.
    /// </summary>
    private static int CountyKey(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 2 || MunicipalityRegistry.Default.FindCountyByCode(args[1]) is not { } county)
        {
            error.WriteLine("usage: county-key <county code>   (01–25, as in the municipality register)");
            return 2;
        }

        return PrintKey(
            $"County board key for {county.OfficialName()} ({county.Code}); give it to the county board only:",
            "countyUploadKeyHashes",
            $"Access__CountyKeyHashes__{county.Code}",
            output);
    }

    /// <summary>A new national key for one named holder at Socialstyrelsen (totals, every county's status, reminder preview).</summary>
    private static int NationalKey(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 2 || !AccessKeys.IsHolderName(args[1]))
        {
            error.WriteLine("usage: national-key <holder>   (1–40 of a–z, 0–9 and '-', e.g. socialstyrelsen-2027)");
            return 2;
        }

        return PrintKey($"National key for holder {args[1]} (Socialstyrelsen); give it to that holder only:", "nationalKeyHashes", $"Access__NationalKeyHashes__{args[1]}", output);
    }

    /// <summary>A new administration key for one named holder (replaying a year, switching and cleaning up a replay).</summary>
    private static int AdministrationKey(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 2 || !AccessKeys.IsHolderName(args[1]))
        {
            error.WriteLine("usage: admin-key <holder>   (1–40 of a–z, 0–9 and '-', e.g. ops-socialstyrelsen)");
            return 2;
        }

        return PrintKey($"Administration key for holder {args[1]} (operating the service: replays); give it to that holder only:", "administrationKeyHashes", $"Access__AdministrationKeyHashes__{args[1]}", output);
    }

    private static int PrintKey(string heading, string bicepParameter, string setting, TextWriter output)
    {
        var key = AccessKeys.NewKey();
        output.WriteLine(heading);
        output.WriteLine($"  {key}");
        output.WriteLine($"Its hash, for the app settings (Bicep parameter {bicepParameter}, or local settings):");
        output.WriteLine($"  {setting}={AccessKeys.HashOf(key)}");
        return 0;
    }

    /// <summary>`dotnet run --project devhost` may start in devhost/, so the default is found from the solution file.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PoIntake.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
