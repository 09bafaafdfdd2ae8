using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;
using PoIntake.DevHost.Samples;

namespace PoIntake.DevHost.Commands;

/// <summary>One report workbook to drop at <c>reports/{BlobName}</c>.</summary>
internal sealed record DroppedReport(string BlobName, byte[] Content);

/// <summary>
/// `drop-year {year} {count}` (docs/performance.md, "A national year from drop to totals"): writes <c>count</c> distinct
/// valid reports for <c>year</c> as blobs straight into the <c>reports</c> container, as county boards do, and times
/// until <c>GET /api/totals/{year}</c> includes all of them, against the time to write the blobs alone (the floor).
/// Needs a running devhost; the year must have no reports yet, so the count is exact.
/// While the intake runs it polls the year's partition of <c>CurrentReports</c> (one small query), not the totals:
/// every totals request after an intake recomputes the year from all fact rows, which on Azurite costs about as much
/// CPU as the intakes themselves and would slow down what is measured. Once all reports are current, it polls
/// <c>GET /api/totals/{year}</c> until the totals include them.
/// </summary>
internal static class NationalYearDrop
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private const int UploadParallelism = 8;

    /// <summary>
    /// <paramref name="count"/> reports for <paramref name="year"/>: the 20 county samples of 2021 in rounds, each
    /// round renaming the verksamhet ("… 2", "… 3"), so every report is a distinct operation of its county.
    /// </summary>
    public static IReadOnlyList<DroppedReport> Build(int year, int count) => Build(year, count, fileSuffix: "", vary: null);

    /// <summary>
    /// The reports of <see cref="Build(int, int)"/>, each operation passed through <paramref name="vary"/> (with the county
    /// code) and filed under its slug followed by <paramref name="fileSuffix"/>.
    /// </summary>
    internal static IReadOnlyList<DroppedReport> Build(int year, int count, string fileSuffix, Func<string, OperationInfo, OperationInfo>? vary)
    {
        var counties = SampleSet.Valid(2021);
        return [.. Enumerable.Range(0, count)
            .AsParallel().AsOrdered()
            .Select(i =>
            {
                var sample = counties[i % counties.Count];
                var round = (i / counties.Count) + 1;
                var name = round == 1 ? sample.Report.Operation.Name : string.Create(CultureInfo.InvariantCulture, $"{sample.Report.Operation.Name} {round}");
                var operation = sample.Report.Operation with { Year = year, Name = name };
                operation = vary?.Invoke(sample.CountyCode, operation) ?? operation;
                var blobName = string.Create(CultureInfo.InvariantCulture, $"{year}/{sample.CountyCode}/{SampleSet.Slug(name)}{fileSuffix}.xlsx");
                return new DroppedReport(blobName, ReportWorkbookWriter.Write(sample.Report with { Operation = operation }));
            })];
    }

    public static async Task<int> RunAsync(int year, int count, string storageConnection, Uri baseUrl, TextWriter output, TextWriter error)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        int already;
        try
        {
            already = await ReportsIncludedAsync(http, year);
        }
        catch (HttpRequestException)
        {
            error.WriteLine($"devhost is not answering on {baseUrl} (dotnet run -c Release --project devhost -- --no-samples)");
            return 1;
        }

        if (already > 0)
        {
            error.WriteLine($"{year} already has {already} reports in the totals; pick a year without data (or start with a fresh .azurite/).");
            return 1;
        }

        var building = Stopwatch.StartNew();
        var reports = Build(year, count);
        output.WriteLine($"Built {reports.Count} workbooks in {building.Elapsed.TotalSeconds:F1} s (not timed below).");

        var container = new BlobServiceClient(storageConnection).GetBlobContainerClient(ContainerNames.Reports);
        await container.CreateIfNotExistsAsync();

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            reports,
            new ParallelOptions { MaxDegreeOfParallelism = UploadParallelism },
            async (report, token) => await container.GetBlobClient(report.BlobName).UploadAsync(BinaryData.FromBytes(report.Content), overwrite: true, token));
        var written = clock.Elapsed;
        output.WriteLine(Invariant($"Wrote {reports.Count} blobs to reports/{year}/… in {written.TotalSeconds:F2} s"));

        var tables = new StorageTables(new TableServiceClient(storageConnection));
        var currentReports = new CurrentReportStore(tables, new ReportVersionStore(tables), new IntakeLogStore(tables));
        var lastReported = TimeSpan.Zero;
        var progress = 0;
        var included = 0;
        while (included < count)
        {
            if (clock.Elapsed > Timeout)
            {
                error.WriteLine(Invariant($"Only {progress} of {count} reports current ({included} in the totals) after {Timeout.TotalSeconds:F0} s; look at devhost's log for refused or failed reports."));
                return 1;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
            if (progress < count)
            {
                progress = (await currentReports.ListAsync(year, CancellationToken.None)).Count;
            }
            else
            {
                included = await ReportsIncludedAsync(http, year);
            }

            if (clock.Elapsed - lastReported >= TimeSpan.FromSeconds(2))
            {
                lastReported = clock.Elapsed;
                output.WriteLine(Invariant($"  {clock.Elapsed.TotalSeconds,5:F1} s: {progress} of {count} current"));
            }
        }

        var current = clock.Elapsed;
        output.WriteLine(Invariant($"All {count} reports in GET /api/totals/{year} after {current.TotalSeconds:F2} s from the first blob written"));
        output.WriteLine(Invariant($"| reports | write the blobs (baseline) | drop to totals | ratio | per report |"));
        output.WriteLine(Invariant($"| {count} | {written.TotalSeconds:F2} s | {current.TotalSeconds:F2} s | {current / written:F1} | {current.TotalMilliseconds / count:F0} ms |"));
        return 0;
    }

    /// <summary>reportsIncluded of the year's totals; 0 while the year has none (404).</summary>
    private static async Task<int> ReportsIncludedAsync(HttpClient http, int year)
    {
        using var response = await http.GetAsync(Invariant($"api/totals/{year}"));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("reportsIncluded").GetInt32();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
