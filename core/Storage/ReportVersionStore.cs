using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>Table ReportVersions: one entity per accepted report version (PartitionKey {year}-{county}, RowKey versionId).</summary>
public sealed class ReportVersionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Year { get; set; }

    public string County { get; set; } = "";

    public string OperationKey { get; set; } = "";

    public string OperationName { get; set; } = "";

    public string BlobName { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary><see cref="VersionStatus"/> value.</summary>
    public string Status { get; set; } = VersionStatus.Superseded;

    public int WarningCount { get; set; }

    public bool NilReturn { get; set; }

    /// <summary>Comma-separated four-digit municipality codes.</summary>
    public string MunicipalityCodes { get; set; } = "";

    public string ContactPerson { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    /// <summary><see cref="Intake.OperatingForm"/> name.</summary>
    public string OperatingForm { get; set; } = "";

    /// <summary>Utförarens namn when Driftform is Annan utförare, else null.</summary>
    public string? ProviderName { get; set; }

    /// <summary>Organisationsform's dimension id (<see cref="Dimensions.OrganisationForms"/>) when run by another provider, else null.</summary>
    public string? OrganisationForm { get; set; }
}

public static class VersionStatus
{
    public const string Current = "Current";
    public const string Superseded = "Superseded";
}

/// <summary>Table Facts: PartitionKey versionId, RowKey <see cref="Fact.Key"/>.</summary>
public sealed class FactEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Measure { get; set; } = "";

    /// <summary><c>name=value;…</c> ordered by name, e.g. <c>ageGroup=18-29;gender=women</c>; empty when none.</summary>
    public string Dimensions { get; set; } = "";

    public double Value { get; set; }

    public Fact ToFact() => new(Measure, ParseDimensions(Dimensions), (decimal)Value);

    public static FactEntity From(string versionId, Fact fact) => new()
    {
        PartitionKey = versionId,
        RowKey = fact.Key,
        Measure = fact.Measure,
        Dimensions = string.Join(';', fact.Dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value)),
        Value = (double)fact.Value,
    };

    public static IReadOnlyDictionary<string, string> ParseDimensions(string dimensions) =>
        dimensions.Length == 0
            ? new Dictionary<string, string>()
            : dimensions.Split(';').Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}

/// <summary>Table SystemDeficiencies: PartitionKey versionId, RowKey 0001… in workbook order.</summary>
public sealed class SystemDeficiencyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Dimension id, e.g. <c>caseworker</c>.</summary>
    public string Level { get; set; } = "";

    /// <summary>Dimension id, e.g. <c>socialServices</c>.</summary>
    public string Area { get; set; } = "";

    public string Description { get; set; } = "";

    public string? Consequence { get; set; }

    public string? Action { get; set; }
}

/// <summary>Table Coverage: PartitionKey versionId, RowKey municipality code.</summary>
public sealed class CoverageEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Year { get; set; }

    public string County { get; set; } = "";

    public string OperationKey { get; set; } = "";
}

/// <summary>ReportVersions and the rows keyed by versionId (Facts, SystemDeficiencies, Coverage).</summary>
public sealed class ReportVersionStore(TableServiceClient tables)
{
    private readonly TableClient _versions = tables.GetTableClient(TableNames.ReportVersions);
    private readonly TableClient _facts = tables.GetTableClient(TableNames.Facts);
    private readonly TableClient _deficiencies = tables.GetTableClient(TableNames.SystemDeficiencies);
    private readonly TableClient _coverage = tables.GetTableClient(TableNames.Coverage);

    /// <summary>Step 2 of the write order: facts, deficiency rows and coverage of a version (upserts, so a retry completes them).</summary>
    public async Task SaveContentAsync(string versionId, AnnualReport report, string operationKey, CancellationToken cancellationToken)
    {
        await _facts.UpsertAllAsync(ReportFacts.From(report).Select(f => FactEntity.From(versionId, f)), cancellationToken);

        var deficiencies = (report.SystemDeficiencies ?? []).Select((d, i) => new SystemDeficiencyEntity
        {
            PartitionKey = versionId,
            RowKey = StorageKeys.DeficiencyRowKey(i + 1),
            Level = Dimensions.Id(d.Level),
            Area = Dimensions.Id(d.Area),
            Description = d.Description,
            Consequence = d.Consequence,
            Action = d.Action,
        });
        await _deficiencies.UpsertAllAsync(deficiencies, cancellationToken);

        var coverage = report.Operation.MunicipalityCodes.Distinct(StringComparer.Ordinal).Select(code => new CoverageEntity
        {
            PartitionKey = versionId,
            RowKey = code,
            Year = report.Operation.Year,
            County = report.Operation.CountyCode,
            OperationKey = operationKey,
        });
        await _coverage.UpsertAllAsync(coverage, cancellationToken);
    }

    /// <summary>Step 3: inserts the version entity; when it exists already (same bytes before, or a retry) returns the stored one unchanged.</summary>
    public async Task<ReportVersionEntity?> AddIfMissingAsync(ReportVersionEntity version, CancellationToken cancellationToken)
    {
        try
        {
            await _versions.AddEntityAsync(version, cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await _versions.FindAsync<ReportVersionEntity>(version.PartitionKey, version.RowKey, cancellationToken)
                ?? throw new InvalidOperationException("Version conflicted on insert but cannot be read.", e);
        }
    }

    /// <summary>Every accepted version of one verksamhet in (year, county).</summary>
    public Task<List<ReportVersionEntity>> ListAsync(int year, string countyCode, string operationKey, CancellationToken cancellationToken) =>
        _versions.QueryAllAsync<ReportVersionEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.YearCounty(year, countyCode)} and OperationKey eq {operationKey}"),
            cancellationToken);

    internal async Task SetStatusAsync(ReportVersionEntity version, string status, CancellationToken cancellationToken)
    {
        var patch = new TableEntity(version.PartitionKey, version.RowKey) { [nameof(ReportVersionEntity.Status)] = status };
        await _versions.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The tidy figures of one version (empty for a nil return).</summary>
    public async Task<IReadOnlyList<Fact>> GetFactsAsync(string versionId, CancellationToken cancellationToken)
    {
        var entities = await _facts.QueryAllAsync<FactEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {versionId}"), cancellationToken);
        return entities.Select(e => e.ToFact()).ToArray();
    }

    internal static ReportVersionEntity Create(string versionId, string blobName, string sha256, DateTimeOffset receivedAt, int warningCount, AnnualReport report)
    {
        var operation = report.Operation;
        return new ReportVersionEntity
        {
            PartitionKey = StorageKeys.YearCounty(operation.Year, operation.CountyCode),
            RowKey = versionId,
            Year = operation.Year,
            County = operation.CountyCode,
            OperationKey = Intake.OperationKey.From(operation.Name),
            OperationName = operation.Name,
            BlobName = blobName,
            Sha256 = sha256,
            ReceivedAt = receivedAt,
            Status = VersionStatus.Superseded,
            WarningCount = warningCount,
            NilReturn = report.IsNilReturn,
            MunicipalityCodes = string.Join(',', operation.MunicipalityCodes),
            ContactPerson = operation.ContactPerson,
            ContactEmail = operation.ContactEmail,
            OperatingForm = operation.OperatingForm.ToString(),
            ProviderName = operation.ProviderName,
            OrganisationForm = OrganisationFormId(operation),
        };
    }

    /// <summary>The organisation form's dimension id of a verksamhet run by another provider, else null.</summary>
    public static string? OrganisationFormId(OperationInfo operation) =>
        operation.OrganisationForm is { } form ? Dimensions.OrganisationForms.Id(form) : null;
}
