using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>Table ReportVersions: one entity per accepted report version (PartitionKey {year}-{county}, RowKey versionId).</summary>
public sealed class ReportVersionEntity : TableRow
{
    public int Year { get; set; }

    public string County { get; set; } = "";

    public string OperationKey { get; set; } = "";

    public string OperationName { get; set; } = "";

    public string BlobName { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The day the county board received this version (<see cref="Intake.ReceivedOn"/>, yyyy-MM-dd), as its first accepted upload stated it.</summary>
    public string? ReceivedOn { get; set; }

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

    /// <summary>Stadsdel eller del av kommun; null when the version covers whole municipalities.</summary>
    public string? District { get; set; }

    public ReportVersion ToRecord() => new(
        RowKey, Year, County, OperationKey, OperationName, NullIfEmpty(ContactPerson), NullIfEmpty(ContactEmail));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

public static class VersionStatus
{
    public const string Current = "Current";
    public const string Superseded = "Superseded";
}

/// <summary>Table Facts: PartitionKey versionId, RowKey <see cref="Fact.Key"/>.</summary>
public sealed class FactEntity : TableRow
{
    public string Measure { get; set; } = "";

    /// <summary><c>name=value;…</c> ordered by name, e.g. <c>ageGroup=18-29;gender=women</c>; empty when none.</summary>
    public string Dimensions { get; set; } = "";

    public double Value { get; set; }

    /// <summary>
    /// The one decoder of a fact row (totals and the previous-year comparison both read through it). Value is stored as a
    /// double and read back rounded to two decimals: counts and öre come back exactly; a figure with more decimals
    /// (0,375 årsarbetare) comes back as 0,38, as the totals have always counted it.
    /// </summary>
    public Fact ToFact() => new(Measure, Fact.ParseDimensionText(Dimensions), Math.Round((decimal)Value, 2));

    public static FactEntity From(string versionId, Fact fact) => new()
    {
        PartitionKey = versionId,
        RowKey = fact.Key,
        Measure = fact.Measure,
        Dimensions = Fact.DimensionText(fact.Dimensions),
        Value = (double)fact.Value,
    };
}

/// <summary>Table SystemDeficiencies: PartitionKey versionId, RowKey 0001… in workbook order.</summary>
public sealed class SystemDeficiencyEntity : TableRow
{
    /// <summary>Dimension id, e.g. <c>caseworker</c>.</summary>
    public string Level { get; set; } = "";

    /// <summary>Dimension id, e.g. <c>socialServices</c>.</summary>
    public string Area { get; set; } = "";

    public string Description { get; set; } = "";

    public string? Consequence { get; set; }

    public string? Action { get; set; }

    public static SystemDeficiencyEntity From(string versionId, int number, SystemDeficiency deficiency) => new()
    {
        PartitionKey = versionId,
        RowKey = StorageKeys.DeficiencyRowKey(number),
        Level = Intake.Dimensions.Id(deficiency.Level),
        Area = Intake.Dimensions.Id(deficiency.Area),
        Description = deficiency.Description,
        Consequence = deficiency.Consequence,
        Action = deficiency.Action,
    };

    /// <summary>The row with its level and area as the catalogue's values; an id the catalogue does not know is a storage fault.</summary>
    public StoredDeficiency ToRecord() => new(
        Intake.Dimensions.DeficiencyLevels.TryFindId(Level, out var level) ? level : throw Unknown(nameof(Level), Level),
        Intake.Dimensions.DeficiencyAreas.TryFindId(Area, out var area) ? area : throw Unknown(nameof(Area), Area),
        Description,
        Consequence,
        Action);

    private InvalidDataException Unknown(string property, string id) =>
        new($"{TableNames.SystemDeficiencies} {PartitionKey}/{RowKey}: {property} '{id}' is not an id of the catalogue (core/Intake/Dimensions.cs).");
}

/// <summary>
/// Table ReportTexts: PartitionKey versionId, RowKey the text's id (<see cref="ReportTextEntity.Ids"/>); one row per
/// non-empty free text of sheet Uppföljning, plus the row <c>asked</c> (empty text) when the version answered the sheet.
/// </summary>
public sealed class ReportTextEntity : TableRow
{
    public string Text { get; set; } = "";

    public static class Ids
    {
        public const string Asked = "asked";
        public const string ClientGroupChanges = "clientGroupChanges";
        public const string UserInfluence = "userInfluence";
        public const string ThemeQuestion = "themeQuestion";
        public const string ThemeAnswer = "themeAnswer";
    }

    public static IEnumerable<ReportTextEntity> From(string versionId, FollowUpAnswers? followUp)
    {
        if (followUp is null)
        {
            yield break;
        }

        yield return new() { PartitionKey = versionId, RowKey = Ids.Asked };
        foreach (var (id, text) in new[]
                 {
                     (Ids.ClientGroupChanges, followUp.ClientGroupChanges), (Ids.UserInfluence, followUp.UserInfluence),
                     (Ids.ThemeQuestion, followUp.Theme?.Question), (Ids.ThemeAnswer, followUp.Theme?.Answer),
                 })
        {
            if (!string.IsNullOrEmpty(text))
            {
                yield return new() { PartitionKey = versionId, RowKey = id, Text = text };
            }
        }
    }

    /// <summary>The one decoder of a version's rows.</summary>
    public static ReportTexts ToRecord(IReadOnlyCollection<ReportTextEntity> rows)
    {
        if (!rows.Any(r => r.RowKey == Ids.Asked))
        {
            return ReportTexts.NotAsked;
        }

        string? Text(string id) => rows.FirstOrDefault(r => r.RowKey == id)?.Text is { Length: > 0 } text ? text : null;
        return new ReportTexts(true, Text(Ids.ClientGroupChanges), Text(Ids.UserInfluence), Text(Ids.ThemeQuestion), Text(Ids.ThemeAnswer));
    }
}

/// <summary>Table Coverage: PartitionKey versionId, RowKey municipality code.</summary>
public sealed class CoverageEntity : TableRow
{
    public int Year { get; set; }

    public string County { get; set; } = "";

    public string OperationKey { get; set; } = "";
}

/// <summary>ReportVersions and the rows keyed by versionId (Facts, SystemDeficiencies, Coverage).</summary>
public sealed class ReportVersionStore(StorageTables tables)
{
    private readonly TableClient _versions = tables.Get(TableNames.ReportVersions);
    private readonly TableClient _facts = tables.Get(TableNames.Facts);
    private readonly TableClient _deficiencies = tables.Get(TableNames.SystemDeficiencies);
    private readonly TableClient _coverage = tables.Get(TableNames.Coverage);
    private readonly TableClient _texts = tables.Get(TableNames.ReportTexts);

    /// <summary>Step 2 of the write order: facts, deficiency rows and coverage of a version (upserts, so a retry completes them).</summary>
    public async Task SaveContentAsync(string versionId, AnnualReport report, string operationKey, CancellationToken cancellationToken)
    {
        await _facts.UpsertAllAsync(ReportFacts.From(report).Select(f => FactEntity.From(versionId, f)), cancellationToken);

        await _deficiencies.UpsertAllAsync(
            (report.SystemDeficiencies ?? []).Select((d, i) => SystemDeficiencyEntity.From(versionId, i + 1, d)), cancellationToken);

        await _texts.UpsertAllAsync(ReportTextEntity.From(versionId, report.FollowUp), cancellationToken);

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

    /// <summary>Sets a version's Status by key (a merge); nothing when the version is missing.</summary>
    internal async Task SetStatusAsync(string partitionKey, string versionId, string status, CancellationToken cancellationToken)
    {
        var patch = new TableEntity(partitionKey, versionId) { [nameof(ReportVersionEntity.Status)] = status };
        try
        {
            await _versions.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not stored (yet): its intake inserts it as Superseded and places it afterwards.
        }
    }

    /// <summary>Every accepted version of a year, in one range query (none when the table does not exist yet).</summary>
    public async Task<IReadOnlyList<ReportVersion>> ListAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            return [.. (await _versions.QueryAllAsync<ReportVersionEntity>(StorageKeys.YearCountyPartitions(year), cancellationToken)).Select(v => v.ToRecord())];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>The tidy figures of one version (empty for a nil return).</summary>
    public async Task<IReadOnlyList<Fact>> GetFactsAsync(string versionId, CancellationToken cancellationToken)
    {
        var entities = await _facts.QueryAllAsync<FactEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {versionId}"),
            cancellationToken,
            [nameof(FactEntity.Measure), nameof(FactEntity.Dimensions), nameof(FactEntity.Value)]);
        return [.. entities.Select(e => e.ToFact())];
    }

    /// <summary>The Systembrister rows of one version in workbook order.</summary>
    public async Task<IReadOnlyList<StoredDeficiency>> GetDeficienciesAsync(string versionId, CancellationToken cancellationToken)
    {
        var entities = await _deficiencies.QueryAllAsync<SystemDeficiencyEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {versionId}"), cancellationToken);
        return [.. entities.OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(e => e.ToRecord())];
    }

    /// <summary>The Uppföljning texts of one version (<see cref="ReportTexts.NotAsked"/> when it did not answer the sheet).</summary>
    public async Task<ReportTexts> GetTextsAsync(string versionId, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await _texts.QueryAllAsync<ReportTextEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {versionId}"), cancellationToken);
            return ReportTextEntity.ToRecord(rows);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ReportTexts.NotAsked; // a store from before the table existed
        }
    }

    /// <summary>A current report's facts, deficiency rows and texts (none for a nil return).</summary>
    public async Task<ReportContent> GetContentAsync(CurrentReport report, CancellationToken cancellationToken)
    {
        if (report.NilReturn)
        {
            return new ReportContent(report, [], [], ReportTexts.NotAsked);
        }

        var facts = GetFactsAsync(report.VersionId, cancellationToken);
        var deficiencies = GetDeficienciesAsync(report.VersionId, cancellationToken);
        var texts = GetTextsAsync(report.VersionId, cancellationToken);
        return new ReportContent(report, await facts, await deficiencies, await texts);
    }

    /// <summary>
    /// The content of every one of <paramref name="reports"/> (current reports of <paramref name="year"/>) in three range
    /// queries — Facts, SystemDeficiencies and ReportTexts over the partitions <c>{year}-…</c> (every versionId of the year
    /// starts so) — instead of three per report; rows of versions not asked for (superseded ones) are read and dropped.
    /// Each version's rows come in RowKey order, as a query of its partition alone gives them.
    /// </summary>
    public async Task<IReadOnlyList<ReportContent>> GetYearContentsAsync(int year, IReadOnlyList<CurrentReport> reports, CancellationToken cancellationToken)
    {
        var wanted = reports.Where(r => !r.NilReturn).Select(r => r.VersionId).ToHashSet(StringComparer.Ordinal);
        var range = StorageKeys.VersionPartitions(year);
        var factRows = _facts.QueryAllAsync<FactEntity>(
            range,
            cancellationToken,
            [nameof(FactEntity.PartitionKey), nameof(FactEntity.RowKey), nameof(FactEntity.Measure), nameof(FactEntity.Dimensions), nameof(FactEntity.Value)]);
        var deficiencyRows = _deficiencies.QueryAllAsync<SystemDeficiencyEntity>(range, cancellationToken);
        var textRows = ReadTextRowsAsync(range, cancellationToken);

        var facts = (await factRows).Where(f => wanted.Contains(f.PartitionKey)).ToLookup(f => f.PartitionKey, StringComparer.Ordinal);
        var deficiencies = (await deficiencyRows).Where(d => wanted.Contains(d.PartitionKey)).ToLookup(d => d.PartitionKey, StringComparer.Ordinal);
        var texts = await textRows;
        return [.. reports.Select(report => report.NilReturn
            ? new ReportContent(report, [], [], ReportTexts.NotAsked)
            : new ReportContent(
                report,
                [.. facts[report.VersionId].OrderBy(f => f.RowKey, StringComparer.Ordinal).Select(f => f.ToFact())],
                [.. deficiencies[report.VersionId].OrderBy(d => d.RowKey, StringComparer.Ordinal).Select(d => d.ToRecord())],
                texts is null ? ReportTexts.NotAsked : ReportTextEntity.ToRecord([.. texts[report.VersionId]])))];
    }

    private async Task<ILookup<string, ReportTextEntity>?> ReadTextRowsAsync(string filter, CancellationToken cancellationToken)
    {
        try
        {
            return (await _texts.QueryAllAsync<ReportTextEntity>(filter, cancellationToken)).ToLookup(t => t.PartitionKey, StringComparer.Ordinal);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // a store from before the table existed
        }
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
            MunicipalityCodes = StorageKeys.JoinCodes(operation.MunicipalityCodes),
            ContactPerson = operation.ContactPerson,
            ContactEmail = operation.ContactEmail,
            OperatingForm = operation.OperatingForm.ToString(),
            ProviderName = operation.ProviderName,
            OrganisationForm = OrganisationFormId(operation),
            District = operation.District,
        };
    }

    /// <summary>The organisation form's dimension id of a verksamhet run by another provider, else null.</summary>
    public static string? OrganisationFormId(OperationInfo operation) =>
        operation.OrganisationForm is { } form ? Dimensions.OrganisationForms.Id(form) : null;
}
