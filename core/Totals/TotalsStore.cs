using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Totals;

/// <summary>The revision of a year in <c>YearRevisions</c>; a new value whenever an intake changed its current reports.</summary>
public sealed record YearRevision(int Year, string Revision, DateTimeOffset? ChangedAt);

/// <summary>What totals and status read from storage (docs/storage.md).</summary>
public interface ITotalsStore
{
    /// <summary>The revisions of <paramref name="fromYear"/> … <paramref name="toYear"/> in one range query.</summary>
    Task<IReadOnlyList<YearRevision>> ReadRevisionsAsync(int fromYear, int toYear, CancellationToken cancellationToken);

    Task<IReadOnlyList<YearRevision>> ReadAllRevisionsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<CurrentReport>> ReadCurrentReportsAsync(int year, CancellationToken cancellationToken);

    Task<ReportContent> ReadContentAsync(CurrentReport report, CancellationToken cancellationToken);
}

/// <summary>Reads <c>YearRevisions</c>, <c>CurrentReports</c>, <c>Facts</c> and <c>SystemDeficiencies</c>.</summary>
public sealed class TotalsStore(TableServiceClient tables) : ITotalsStore
{
    private const string YearsPartition = "years";

    public async Task<IReadOnlyList<YearRevision>> ReadRevisionsAsync(int fromYear, int toYear, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {YearsPartition} and RowKey ge {Year(fromYear)} and RowKey le {Year(toYear)}");
        return await QueryRevisionsAsync(filter, cancellationToken);
    }

    public Task<IReadOnlyList<YearRevision>> ReadAllRevisionsAsync(CancellationToken cancellationToken) =>
        QueryRevisionsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {YearsPartition}"), cancellationToken);

    public async Task<IReadOnlyList<CurrentReport>> ReadCurrentReportsAsync(int year, CancellationToken cancellationToken)
    {
        var reports = new List<CurrentReport>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Year(year)}");
        try
        {
            await foreach (var entity in tables.GetTableClient(TableNames.CurrentReports).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                reports.Add(ToCurrentReport(year, entity));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        return reports;
    }

    public async Task<ReportContent> ReadContentAsync(CurrentReport report, CancellationToken cancellationToken)
    {
        if (report.NilReturn)
        {
            return new ReportContent(report, [], []);
        }

        var facts = ReadFactsAsync(report.VersionId, cancellationToken);
        var deficiencies = ReadDeficienciesAsync(report.VersionId, cancellationToken);
        return new ReportContent(report, await facts, await deficiencies);
    }

    internal static CurrentReport ToCurrentReport(int year, TableEntity entity)
    {
        var rowKey = entity.RowKey;
        var dash = rowKey.IndexOf('-', StringComparison.Ordinal);
        return new CurrentReport(
            year,
            dash > 0 ? rowKey[..dash] : rowKey,
            dash > 0 ? rowKey[(dash + 1)..] : string.Empty,
            entity.GetString("VersionId") ?? string.Empty,
            entity.GetBoolean("NilReturn") ?? false,
            SplitCodes(entity.GetString("MunicipalityCodes")),
            entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
            entity.GetString("BlobName"),
            entity.GetString("OperationName"),
            entity.GetString("ProviderName"),
            entity.GetString("OrganisationForm"));
    }

    internal static IReadOnlyList<string> SplitCodes(string? codes) =>
        string.IsNullOrWhiteSpace(codes)
            ? []
            : codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static IReadOnlyDictionary<string, string> ParseDimensions(string? dimensions)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(dimensions))
        {
            return result;
        }

        foreach (var pair in dimensions.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<YearRevision>> QueryRevisionsAsync(string filter, CancellationToken cancellationToken)
    {
        var revisions = new List<YearRevision>();
        try
        {
            await foreach (var entity in tables.GetTableClient(TableNames.YearRevisions).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (int.TryParse(entity.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                {
                    revisions.Add(new YearRevision(year, entity.GetString("Revision") ?? entity.ETag.ToString(), entity.GetDateTimeOffset("ChangedAt")));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        return revisions.OrderBy(r => r.Year).ToArray();
    }

    private async Task<IReadOnlyList<Fact>> ReadFactsAsync(string versionId, CancellationToken cancellationToken)
    {
        var facts = new List<Fact>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {versionId}");
        await foreach (var entity in tables.GetTableClient(TableNames.Facts)
            .QueryAsync<TableEntity>(filter, select: ["Measure", "Dimensions", "Value"], cancellationToken: cancellationToken))
        {
            var measure = entity.GetString("Measure");
            if (measure is null)
            {
                continue;
            }

            facts.Add(new Fact(measure, ParseDimensions(entity.GetString("Dimensions")), ReadDecimal(entity, "Value")));
        }

        return facts;
    }

    private async Task<IReadOnlyList<StoredDeficiency>> ReadDeficienciesAsync(string versionId, CancellationToken cancellationToken)
    {
        var rows = new List<(string RowKey, StoredDeficiency Deficiency)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {versionId}");
        await foreach (var entity in tables.GetTableClient(TableNames.SystemDeficiencies).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add((entity.RowKey, new StoredDeficiency(
                entity.GetString("Level") ?? string.Empty,
                entity.GetString("Area") ?? string.Empty,
                entity.GetString("Description") ?? string.Empty,
                entity.GetString("Consequence"),
                entity.GetString("Action"))));
        }

        return rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => r.Deficiency).ToArray();
    }

    // Value is documented as double; whole counts and öre survive the round trip through decimal rounding.
    private static decimal ReadDecimal(TableEntity entity, string name) => entity[name] switch
    {
        double d => Math.Round((decimal)d, 2),
        int i => i,
        long l => l,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0m,
    };

    private static string Year(int year) => year.ToString("D4", CultureInfo.InvariantCulture);
}
