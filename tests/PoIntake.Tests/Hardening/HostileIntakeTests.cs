using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Data.Tables;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Hardening;

/// <summary>
/// Each hostile file through the real intake (real screener, parser and stores on Azurite), dropped under reports/ as a
/// county board would: it ends with the expected outcome and finding code, inside the resource bounds, with the
/// original kept, an intake-log entry written and no exception escaping.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileIntakeTests(AzuriteFixture azurite)
{
    // The 2 s bound applies to the work a file forces (screen + parse). The whole intake adds a handful of Azurite
    // round trips, which on the shared 2-core machine vary with the other helpers' load; its bound only catches runaways.
    private static readonly TimeSpan MaxParseTime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxIntakeTime = TimeSpan.FromSeconds(10);
    private const long MaxParseAllocation = 200L * 1024 * 1024;

    public static TheoryData<HostileCase> Cases()
    {
        var data = new TheoryData<HostileCase>();
        foreach (var c in HostileCorpus.All())
        {
            data.Add(c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Ingest_HostileFile_EndsWithExpectedFindingWithinBoundsAndKeepsOriginal(HostileCase hostile)
    {
        await using var h = await IntakeHarness.CreateAsync(azurite, maxFileBytes: 10 * 1024 * 1024);
        var content = hostile.Content();
        var blobName = $"{hostile.Folder}/{Guid.NewGuid():N}.xlsx";
        await h.DropAsync(blobName, content);

        // Allocations are counted on this thread around a synchronous parse (the part that touches the bytes);
        // the process-wide counter would include whatever other test classes run at the same time.
        var origin = ReportBlobPath.Parse(blobName, Core.Reference.MunicipalityRegistry.Default).Origin;
        if (origin is not null)
        {
            var parseWatch = Stopwatch.StartNew();
            var before = GC.GetAllocatedBytesForCurrentThread();
            // The parser's one bounded read applies the screening rules too: this is all the intake does with the bytes.
            h.Get<IReportParser>().Parse(content, origin);

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            parseWatch.Stop();
            Assert.True(parseWatch.Elapsed <= MaxParseTime, $"{hostile.Name}: parse took {parseWatch.Elapsed.TotalMilliseconds:F0} ms");
            Assert.True(allocated <= MaxParseAllocation, $"{hostile.Name}: parse allocated {allocated / (1024 * 1024)} MB");
        }

        var watch = Stopwatch.StartNew();
        var record = await h.Intake.IngestAsync(blobName, CancellationToken.None);
        watch.Stop();

        Assert.True(watch.Elapsed <= MaxIntakeTime, $"{hostile.Name}: intake took {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(hostile.Outcome, record.Outcome);
        if (hostile.Code is not null)
        {
            Assert.Contains(hostile.Code, record.Findings.Select(f => f.Code));
        }
        else
        {
            Assert.DoesNotContain(record.Findings, f => f.Severity == Severity.Error);
        }

        var kept = await h.Reports.GetBlobClient(blobName).DownloadContentAsync();
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(kept.Value.Content.ToArray()));

        var partition = origin is null ? StorageKeys.InvalidPartition : StorageKeys.YearCounty(origin.Year, origin.CountyCode);
        var logged = Assert.Single(await h.PartitionAsync<TableEntity>("IntakeLog", partition), l => l.GetString("BlobName") == blobName);
        Assert.Equal(hostile.Outcome.ToString(), logged.GetString("Outcome"));
        Assert.DoesNotContain(h.Logs.Entries, e => e.Exception is not null);
    }
}
