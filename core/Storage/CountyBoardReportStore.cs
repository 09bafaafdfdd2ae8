using Azure;
using Azure.Data.Tables;
using PoIntake.Core.CountyBoards;

namespace PoIntake.Core.Storage;

/// <summary>A stored county board report: the form as accepted, which upload it came from, and whether it is the county's current one.</summary>
public sealed record StoredCountyBoardReport(
    CountyBoardReport Report,
    string VersionId,
    string BlobName,
    DateTimeOffset ReceivedAt,
    int WarningCount);

/// <summary>
/// The county boards' own reports in Table Storage (docs/storage.md), written in the intake's order so a retry completes
/// what a failed attempt began:
/// 1. CountyBoardReports (PartitionKey {year}-{county}, RowKey versionId): every accepted version with its fields, inserted once;
/// 2. CurrentCountyBoardReports (PartitionKey year, RowKey county): which version counts, replaced with optimistic
///    concurrency by the upload with the latest ReceivedAt (ties: the greater versionId), the rule of CurrentReports.
/// Nothing is deleted: every accepted version stays readable as history.
/// </summary>
public sealed class CountyBoardReportStore(StorageTables tables)
{
    private const int MaxAttempts = 50;

    private readonly TableClient _versions = tables.Get(TableNames.CountyBoardReports);
    private readonly TableClient _current = tables.Get(TableNames.CurrentCountyBoardReports);

    /// <summary>Stores an accepted form and places it; true when it is now the county's current report for the year.</summary>
    public async Task<bool> SaveAsync(CountyBoardReport report, string blobName, string sha256, DateTimeOffset receivedAt, int warningCount, CancellationToken cancellationToken)
    {
        var versionId = StorageKeys.VersionId(report.Year, report.CountyCode, sha256);
        var version = ToEntity(report, versionId, blobName, receivedAt, warningCount);
        try
        {
            await _versions.AddEntityAsync(version, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same bytes again (a re-upload or a retry): the stored version keeps its first upload's time.
            var stored = await _versions.GetEntityAsync<TableEntity>(version.PartitionKey, versionId, cancellationToken: cancellationToken);
            var first = stored.Value.GetDateTimeOffset("ReceivedAt") ?? receivedAt;
            receivedAt = receivedAt > first ? receivedAt : first;
        }

        return await PlaceAsync(report.Year, report.CountyCode, versionId, receivedAt, blobName, cancellationToken);
    }

    /// <summary>Every county's current report of a year (one partition query, then one point read per county), by county code.</summary>
    public async Task<IReadOnlyList<StoredCountyBoardReport>> ReadYearAsync(int year, CancellationToken cancellationToken)
    {
        var reports = new List<StoredCountyBoardReport>();
        foreach (var current in await QueryAsync(_current, TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Year(year)}"), cancellationToken))
        {
            if (await _versions.FindAsync<TableEntity>(StorageKeys.YearCounty(year, current.RowKey), current.GetString("VersionId") ?? string.Empty, cancellationToken) is { } version)
            {
                reports.Add(FromEntity(version));
            }
        }

        return [.. reports.OrderBy(r => r.Report.CountyCode, StringComparer.Ordinal)];
    }

    /// <summary>Every accepted version of a county's report for a year, newest first: the history.</summary>
    public async Task<IReadOnlyList<StoredCountyBoardReport>> ListVersionsAsync(int year, string countyCode, CancellationToken cancellationToken)
    {
        var entities = await QueryAsync(_versions, TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.YearCounty(year, countyCode)}"), cancellationToken);
        return [.. entities.Select(FromEntity).OrderByDescending(v => v.ReceivedAt).ThenByDescending(v => v.VersionId, StringComparer.Ordinal)];
    }

    private async Task<bool> PlaceAsync(int year, string countyCode, string versionId, DateTimeOffset receivedAt, string blobName, CancellationToken cancellationToken)
    {
        var partitionKey = StorageKeys.Year(year);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _current.FindAsync<TableEntity>(partitionKey, countyCode, cancellationToken);
            var entity = new TableEntity(partitionKey, countyCode)
            {
                ["VersionId"] = versionId,
                ["ReceivedAt"] = receivedAt,
                ["BlobName"] = blobName,
            };
            var currentVersion = current?.GetString("VersionId") ?? string.Empty;
            var currentAt = current?.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue;
            try
            {
                if (current is null)
                {
                    await _current.AddEntityAsync(entity, cancellationToken);
                    return true;
                }

                if ((currentVersion != versionId && CurrentReportStore.IsLater(receivedAt, versionId, currentAt, currentVersion)) ||
                    (currentVersion == versionId && receivedAt > currentAt))
                {
                    await _current.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
                    return true;
                }

                return currentVersion == versionId;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken);
            }
        }
    }

    private static TableEntity ToEntity(CountyBoardReport report, string versionId, string blobName, DateTimeOffset receivedAt, int warningCount) =>
        new(StorageKeys.YearCounty(report.Year, report.CountyCode), versionId)
        {
            ["Year"] = report.Year,
            ["County"] = report.CountyCode,
            ["BlobName"] = blobName,
            ["ReceivedAt"] = receivedAt,
            ["WarningCount"] = warningCount,
            ["NetworkMeetings"] = report.NetworkMeetings,
            ["Trainings"] = report.Trainings,
            ["TrainingParticipants"] = report.TrainingParticipants,
            ["Visits"] = report.Visits,
            ["ManagementGroupMeetings"] = report.ManagementGroupMeetings,
            ["ActionPlanSubmitted"] = report.ActionPlanSubmitted,
            ["Work"] = report.Work,
            ["Assessment"] = report.Assessment,
            ["Proposals"] = report.Proposals,
            ["ContactPerson"] = report.ContactPerson,
            ["ContactEmail"] = report.ContactEmail,
            ["ContactPhone"] = report.ContactPhone,
        };

    private static StoredCountyBoardReport FromEntity(TableEntity e) => new(
        new CountyBoardReport(
            e.GetInt32("Year") ?? 0,
            e.GetString("County") ?? StorageKeys.CountyOf(e.PartitionKey),
            e.GetInt32("NetworkMeetings") ?? 0,
            e.GetInt32("Trainings") ?? 0,
            e.GetInt32("TrainingParticipants") ?? 0,
            e.GetInt32("Visits") ?? 0,
            e.GetInt32("ManagementGroupMeetings") ?? 0,
            e.GetBoolean("ActionPlanSubmitted") ?? false,
            e.GetString("Work"),
            e.GetString("Assessment"),
            e.GetString("Proposals"),
            e.GetString("ContactPerson") ?? string.Empty,
            e.GetString("ContactEmail") ?? string.Empty,
            e.GetString("ContactPhone")),
        e.RowKey,
        e.GetString("BlobName") ?? string.Empty,
        e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        e.GetInt32("WarningCount") ?? 0);

    private static async Task<List<TableEntity>> QueryAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        try
        {
            return await table.QueryAllAsync<TableEntity>(filter, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
