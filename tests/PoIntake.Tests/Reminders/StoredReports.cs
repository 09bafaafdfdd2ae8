using Azure.Data.Tables;
using PoIntake.Core.Intake;
using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;

namespace PoIntake.Tests.Reminders;

/// <summary>Writes accepted reports the way the intake does (CurrentReports + ReportVersions, docs/storage.md).</summary>
internal static class StoredReports
{
    /// <summary>The report directory reminders use, over the typed stores of these tables.</summary>
    public static IReportDirectory Directory(TableServiceClient tables)
    {
        var versions = new ReportVersionStore(tables);
        return new TableReportDirectory(new CurrentReportStore(tables, versions, new IntakeLogStore(tables)), versions);
    }

    public static async Task AddAsync(
        TableServiceClient tables, int year, string county, string operationName, string[] municipalityCodes, string? contactEmail, bool nilReturn = false)
    {
        var versionId = $"{year}-{county}-{Guid.NewGuid():N}";
        var operationKey = OperationKey.From(operationName);
        var versions = tables.GetTableClient(TableNames.ReportVersions);
        var current = tables.GetTableClient(TableNames.CurrentReports);
        await versions.CreateIfNotExistsAsync();
        await current.CreateIfNotExistsAsync();
        await versions.UpsertEntityAsync(new TableEntity($"{year}-{county}", versionId)
        {
            ["Year"] = year,
            ["County"] = county,
            ["OperationKey"] = operationKey,
            ["OperationName"] = operationName,
            ["Status"] = "Current",
            ["NilReturn"] = nilReturn,
            ["MunicipalityCodes"] = string.Join(',', municipalityCodes),
            ["ContactPerson"] = "Kontakt " + operationName,
            ["ContactEmail"] = contactEmail ?? string.Empty,
        });
        await current.UpsertEntityAsync(new TableEntity(year.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{county}-{operationKey}")
        {
            ["VersionId"] = versionId,
            ["ReceivedAt"] = DateTimeOffset.UtcNow,
            ["BlobName"] = $"{year}/{county}/{operationKey}.xlsx",
            ["NilReturn"] = nilReturn,
            ["MunicipalityCodes"] = string.Join(',', municipalityCodes),
        });
    }
}
