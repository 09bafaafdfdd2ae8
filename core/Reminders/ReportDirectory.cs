using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Reminders;

/// <summary>A verksamhet's current accepted report for a year (nil returns included), with its contact.</summary>
public sealed record AcceptedReport(
    int Year,
    string CountyCode,
    string OperationKey,
    string OperationName,
    bool NilReturn,
    IReadOnlyList<string> MunicipalityCodes,
    string? ContactPerson,
    string? ContactEmail);

/// <summary>Who has an accepted report for a year.</summary>
public interface IReportDirectory
{
    Task<IReadOnlyList<AcceptedReport>> ListCurrentAsync(int year, CancellationToken cancellationToken);
}

/// <summary>Reads CurrentReports (which version counts) and the versions' contacts from ReportVersions (docs/storage.md).</summary>
internal sealed class TableReportDirectory(TableServiceClient tables) : IReportDirectory
{
    public async Task<IReadOnlyList<AcceptedReport>> ListCurrentAsync(int year, CancellationToken cancellationToken)
    {
        var yearText = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var versions = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        try
        {
            // ReportVersions partitions are "{year}-{county}": one range query covers the year.
            await foreach (var version in tables.GetTableClient(TableNames.ReportVersions).QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"PartitionKey ge {yearText + "-"} and PartitionKey lt {yearText + "."}"),
                               cancellationToken: cancellationToken))
            {
                versions[version.RowKey] = version;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        var reports = new List<AcceptedReport>();
        try
        {
            await foreach (var current in tables.GetTableClient(TableNames.CurrentReports).QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"PartitionKey eq {yearText}"),
                               cancellationToken: cancellationToken))
            {
                var dash = current.RowKey.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0)
                {
                    continue;
                }

                var versionId = current.GetString("VersionId") ?? string.Empty;
                versions.TryGetValue(versionId, out var version);
                var operationKey = current.RowKey[(dash + 1)..];
                reports.Add(new AcceptedReport(
                    year,
                    current.RowKey[..dash],
                    operationKey,
                    version?.GetString("OperationName") ?? operationKey,
                    current.GetBoolean("NilReturn") ?? false,
                    (current.GetString("MunicipalityCodes") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    version?.GetString("ContactPerson"),
                    version?.GetString("ContactEmail")));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        return reports;
    }
}
