using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

/// <summary>
/// Table NationalFigures: PartitionKey year, RowKey the instant (UTC ticks, 19 digits); one row per version of
/// Socialstyrelsen's figures for the year, never changed. Amounts are invariant decimal text (exact kronor and öre).
/// </summary>
public sealed class NationalFiguresEntity : TableRow
{
    public string? GrantsSek { get; set; }

    public string? AmountPerFullTimeEquivalentSek { get; set; }

    public string? RepaidSek { get; set; }

    /// <summary>The other budget lines (Socialstyrelsen's own costs …) as JSON: <c>[{"label","budgetSek","outcomeSek"}]</c>.</summary>
    public string OtherLinesJson { get; set; } = "[]";

    /// <summary>Who: the administration key's holder.</summary>
    public string By { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public string? Comment { get; set; }
}

/// <summary>A budget line of Tabell 5 besides the statsbidrag (for example Socialstyrelsen's own costs), in kronor.</summary>
public sealed record NationalBudgetLine(string Label, decimal BudgetSek, decimal? OutcomeSek);

/// <summary>
/// One version of Socialstyrelsen's figures for <see cref="Year"/>: the anslag for ombudstjänster, the fixed amount per
/// årsarbetare it decided, what municipalities repaid, and its other budget lines; null = not (yet) decided.
/// <see cref="VersionId"/> is the row's key (UTC ticks), so a later version sorts after an earlier one.
/// </summary>
public sealed record NationalFigures(
    int Year,
    string VersionId,
    decimal? GrantsSek,
    decimal? AmountPerFullTimeEquivalentSek,
    decimal? RepaidSek,
    IReadOnlyList<NationalBudgetLine> OtherLines,
    string By,
    DateTimeOffset At,
    string? Comment);

/// <summary>
/// Socialstyrelsen's figures per year as data (docs/grants.md, "Socialstyrelsen's figures"), entered with the
/// administration key: every entry is a new version, nothing is overwritten, who and when are kept, and the latest
/// version is the one used. A year without any version falls back to the settings (section <c>Appropriation</c>).
/// </summary>
public sealed class NationalFiguresStore(StorageTables tables, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = tables.Get(TableNames.NationalFigures);

    /// <summary>Stores a new version (the latest from now on) and returns it.</summary>
    public async Task<NationalFigures> AddAsync(
        int year,
        decimal? grantsSek,
        decimal? amountPerFullTimeEquivalentSek,
        decimal? repaidSek,
        IReadOnlyList<NationalBudgetLine> otherLines,
        string actor,
        string? comment,
        CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var ticks = at.UtcTicks;
        var history = await HistoryAsync(year, cancellationToken);
        if (history.Count > 0 && long.Parse(history[^1].VersionId, CultureInfo.InvariantCulture) >= ticks)
        {
            // Two entries within one tick (or a clock behind the last entry) still make a later version, never an overwrite.
            ticks = long.Parse(history[^1].VersionId, CultureInfo.InvariantCulture) + 1;
        }

        var entity = new NationalFiguresEntity
        {
            PartitionKey = StorageKeys.Year(year),
            RowKey = ticks.ToString("D19", CultureInfo.InvariantCulture),
            GrantsSek = Text(grantsSek),
            AmountPerFullTimeEquivalentSek = Text(amountPerFullTimeEquivalentSek),
            RepaidSek = Text(repaidSek),
            OtherLinesJson = JsonSerializer.Serialize(otherLines, Json),
            By = actor,
            At = at,
            Comment = comment,
        };
        await _table.AddEntityAsync(entity, cancellationToken);
        return FromEntity(year, entity);
    }

    /// <summary>Every version of the year, oldest first.</summary>
    public async Task<IReadOnlyList<NationalFigures>> HistoryAsync(int year, CancellationToken cancellationToken) =>
        [.. (await _table.QueryAllAsync<NationalFiguresEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Year(year)}"), cancellationToken))
            .OrderBy(e => e.RowKey, StringComparer.Ordinal)
            .Select(e => FromEntity(year, e))];

    /// <summary>The version that counts (the latest), or null when the year has none.</summary>
    public async Task<NationalFigures?> CurrentAsync(int year, CancellationToken cancellationToken) =>
        (await HistoryAsync(year, cancellationToken)).LastOrDefault();

    private static NationalFigures FromEntity(int year, NationalFiguresEntity e) => new(
        year,
        e.RowKey,
        Parse(e.GrantsSek),
        Parse(e.AmountPerFullTimeEquivalentSek),
        Parse(e.RepaidSek),
        JsonSerializer.Deserialize<NationalBudgetLine[]>(e.OtherLinesJson, Json) ?? [],
        e.By,
        e.At,
        e.Comment);

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static decimal? Parse(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
