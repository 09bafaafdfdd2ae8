using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.DevHost.Commands;

/// <summary>
/// `replay-scale {year} {count}` (docs/performance.md, "Replaying a national year"): the first intake of a national year
/// with a rejected earlier upload of every report, then a replay of that year through the running devhost's
/// <c>POST /api/manage/replay/{year}</c>, both timed in the same run. The replay must report no difference.
/// </summary>
internal static class NationalYearReplay
{
    private const int UploadParallelism = 8;

    /// <summary>
    /// The reports of <see cref="NationalYearDrop.Build"/>, each preceded by a rejected first attempt under another name:
    /// the same report listing a municipality of another county (MUNICIPALITY_OTHER_COUNTY).
    /// </summary>
    public static IReadOnlyList<DroppedReport> Rejected(int year, int count) =>
        NationalYearDrop.Build(year, count, "-forsta-forsoket", (county, operation) => operation with
        {
            MunicipalityCodes = [.. operation.MunicipalityCodes, MunicipalityRegistry.Default.InCounty(county == "10" ? "01" : "10").First().Code],
        });

    public static async Task<int> RunAsync(int year, int count, string storageConnection, Uri baseUrl, TextWriter output, TextWriter error)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10) };
        var rejected = Rejected(year, count);
        var valid = NationalYearDrop.Build(year, count);
        output.WriteLine($"Built {valid.Count} reports and {rejected.Count} rejected first attempts (not timed below).");

        var container = new BlobServiceClient(storageConnection).GetBlobContainerClient(ContainerNames.Reports);
        await container.CreateIfNotExistsAsync();
        var tables = new TableServiceClient(storageConnection);

        var clock = Stopwatch.StartNew();
        foreach (var batch in new[] { rejected, valid })
        {
            await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = UploadParallelism },
                async (report, token) => await container.GetBlobClient(report.BlobName).UploadAsync(BinaryData.FromBytes(report.Content), overwrite: false, token));
        }

        while (await ProcessedAsync(tables, year) < 2 * count)
        {
            if (clock.Elapsed > NationalYearDrop.Timeout)
            {
                error.WriteLine($"Not all {2 * count} uploads were processed after {NationalYearDrop.Timeout.TotalSeconds:F0} s; look at devhost's log.");
                return 1;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var intake = clock.Elapsed;
        output.WriteLine(Invariant($"First intake: {2 * count} uploads processed in {intake.TotalSeconds:F2} s from the first blob written"));

        clock.Restart();
        using var response = await http.PostAsync(Invariant($"api/manage/replay/{year}"), content: null);
        var replay = clock.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            error.WriteLine($"POST api/manage/replay/{year} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return 1;
        }

        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        var originals = run.GetProperty("originals").GetInt32();
        var differences = run.GetProperty("differenceCount").GetInt32();
        output.WriteLine(Invariant($"Replay {run.GetProperty("replayId").GetString()}: {originals} originals, {differences} differences, {replay.TotalSeconds:F2} s"));
        output.WriteLine("| uploads | first intake (baseline) | replay | ratio | differences |");
        output.WriteLine(Invariant($"| {2 * count} | {intake.TotalSeconds:F2} s | {replay.TotalSeconds:F2} s | {replay / intake:F2} | {differences} |"));
        if (differences > 0)
        {
            // The report says what differs; a national drop writes every report in one second, and reports of one county
            // taken by two triggers at the same moment may both miss the other's COVERAGE_OVERLAP (docs/replay.md, Limits).
            var report = await http.GetFromJsonAsync<JsonElement>(run.GetProperty("links").GetProperty("report").GetString()!.TrimStart('/'));
            foreach (var kind in Kinds(report))
            {
                output.WriteLine($"  {kind.Count} × {kind.Kind}");
            }
        }

        return 0;
    }

    /// <summary>The differences of a replay report by area and change; for uploads, which fields differ.</summary>
    internal static IEnumerable<(string Kind, int Count)> Kinds(JsonElement report) =>
        report.GetProperty("differences").EnumerateArray()
            .Select(d =>
            {
                var kind = d.GetProperty("area").GetString() + " " + d.GetProperty("change").GetString();
                if (d.GetProperty("before").ValueKind != JsonValueKind.Object || d.GetProperty("after").ValueKind != JsonValueKind.Object)
                {
                    return kind;
                }

                var fields = d.GetProperty("before").EnumerateObject()
                    .Where(p => !d.GetProperty("after").TryGetProperty(p.Name, out var after) || after.GetRawText() != p.Value.GetRawText())
                    .Select(p => p.Name);
                return kind + ": " + string.Join(", ", fields);
            })
            .GroupBy(k => k, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => (g.Key, g.Count()));

    /// <summary>The year's IntakeLog rows with a verdict (Accepted or Rejected), read through the log's store.</summary>
    private static async Task<int> ProcessedAsync(TableServiceClient tables, int year) =>
        (await new IntakeLogStore(new StorageTables(tables)).ReadAsync(year, CancellationToken.None))
            .Count(e => e.Outcome is IntakeOutcome.Accepted or IntakeOutcome.Rejected);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
