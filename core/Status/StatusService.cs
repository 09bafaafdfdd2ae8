using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Status;

/// <summary>Reads the upload log of a year.</summary>
public interface IIntakeLogReader
{
    Task<IReadOnlyList<IntakeLogEntry>> ReadAsync(int year, CancellationToken cancellationToken);
}

/// <summary><c>IntakeLog</c> partitions <c>{year}-{county}</c> of one year, read as one range query.</summary>
public sealed class IntakeLogReader(TableServiceClient tables) : IIntakeLogReader
{
    public async Task<IReadOnlyList<IntakeLogEntry>> ReadAsync(int year, CancellationToken cancellationToken)
    {
        var y = year.ToString("D4", CultureInfo.InvariantCulture);
        // '-' < '.' so the range holds exactly the partitions "{year}-…".
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {y + "-"} and PartitionKey lt {y + "."}");
        var entries = new List<IntakeLogEntry>();
        try
        {
            await foreach (var e in tables.GetTableClient(TableNames.IntakeLog).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                entries.Add(new IntakeLogEntry(
                    e.PartitionKey[(y.Length + 1)..],
                    e.GetString("BlobName") ?? string.Empty,
                    e.GetDateTimeOffset("ReceivedAt"),
                    e.GetDateTimeOffset("ProcessedAt"),
                    e.GetString("Outcome") ?? string.Empty,
                    e.GetString("Disposition"),
                    e.GetString("OperationKey"),
                    e.GetString("OperationName"),
                    e.GetString("VersionId"),
                    e.GetInt32("ErrorCount") ?? 0,
                    e.GetInt32("WarningCount") ?? 0,
                    e.GetString("FindingsJson"),
                    e.GetString("FailureReason")));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return entries;
    }
}

/// <summary>Completeness of a reporting year for <c>GET /api/status/{year}</c> and one county's for <c>…/{countyCode}</c>.</summary>
/// <remarks>
/// With <paramref name="obligations"/> (registered with the reminders) each county also lists the reports it owes and
/// which have arrived (<see cref="CountyStatus.Obligations"/>), by the rule the reminders use.
/// </remarks>
public sealed class StatusService(
    ITotalsStore store,
    IIntakeLogReader log,
    StatusCalculator calculator,
    TimeProvider timeProvider,
    ObligationService? obligations = null)
{
    public async Task<StatusReport> GetAsync(int year, CancellationToken cancellationToken)
    {
        var current = store.ReadCurrentReportsAsync(year, cancellationToken);
        var previous = store.ReadCurrentReportsAsync(year - 1, cancellationToken);
        var entries = log.ReadAsync(year, cancellationToken);
        var owed = obligations?.ForYearAsync(year, cancellationToken);
        var report = calculator.Calculate(year, await current, await previous, await entries, timeProvider.GetUtcNow());
        return owed is null ? report : calculator.WithObligations(report, await owed);
    }

    /// <summary>One county's status: the same calculation as <see cref="GetAsync"/>, only that county's part returned.</summary>
    public async Task<CountyStatusReport> GetCountyAsync(int year, string countyCode, CancellationToken cancellationToken)
    {
        var report = await GetAsync(year, cancellationToken);
        return new CountyStatusReport(report.Year, report.GeneratedAt, report.Deadline, report.Counties.Single(c => c.Code == countyCode));
    }
}
