using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PoIntake.Core.Calendar;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

/// <summary>Configuration section <c>YearClosing</c> (docs/replay.md, "Closing a year").</summary>
public sealed class YearClosingOptions
{
    public const string SectionName = "YearClosing";

    /// <summary>
    /// The day of the year after a reporting year on which that year closes by itself, as <c>MM-dd</c> (for example
    /// <c>05-15</c>: year 2025 closes at 00:00 on 15 May 2026, Europe/Stockholm). Empty (the default): years close only
    /// when the administration key closes them. A reopening after that day keeps the year open.
    /// </summary>
    [RegularExpression(@"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    public string? DefaultClosesOn { get; set; }
}

/// <summary>Table YearClosures: PartitionKey year, RowKey the instant (UTC ticks, 19 digits); one row per closing or reopening, never changed.</summary>
public sealed class YearClosureEntity : TableRow
{
    /// <summary><see cref="YearClosureActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>Who: the administration key's holder.</summary>
    public string By { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public string Reason { get; set; } = "";
}

public static class YearClosureActions
{
    public const string Close = "Close";
    public const string Reopen = "Reopen";
}

/// <summary>Whether a year is closed at an instant, and since when and by whom (null <see cref="By"/>: the configured default day).</summary>
public sealed record YearClosure(int Year, bool Closed, DateTimeOffset? Since, string? By, string? Reason);

/// <summary>
/// Closing a year (docs/replay.md, "Closing a year"): once closed, no upload received from then on changes the year — the
/// intake rejects it with <see cref="FindingCodes.YearClosed"/> (the original is kept, as for every rejection) — until
/// the administration key reopens it. Every closing and reopening is a row of its own: who, when, why.
/// Whether an upload is refused depends on when it was received, not when it is processed, so a replay of the year
/// decides as the live intake did.
/// </summary>
public sealed class YearClosureStore(StorageTables tables, TimeProvider time, IOptions<YearClosingOptions> options)
{
    private readonly TableClient _table = tables.Get(TableNames.YearClosures);

    public Task<YearClosureEntity> CloseAsync(int year, string actor, string reason, CancellationToken cancellationToken) =>
        RecordAsync(year, YearClosureActions.Close, actor, reason, cancellationToken);

    public Task<YearClosureEntity> ReopenAsync(int year, string actor, string reason, CancellationToken cancellationToken) =>
        RecordAsync(year, YearClosureActions.Reopen, actor, reason, cancellationToken);

    /// <summary>The closings and reopenings of the year, oldest first.</summary>
    public async Task<IReadOnlyList<YearClosureEntity>> HistoryAsync(int year, CancellationToken cancellationToken) =>
        [.. (await _table.QueryAllAsync<YearClosureEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Year(year)}"), cancellationToken)).OrderBy(e => e.RowKey, StringComparer.Ordinal)];

    /// <summary>The year's state at <paramref name="at"/>: the last closing or reopening before it, the configured default day counting as a closing.</summary>
    public async Task<YearClosure> StateAtAsync(int year, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var events = (await HistoryAsync(year, cancellationToken)).Select(e => (e.At, e.Action, (string?)e.By, (string?)e.Reason)).ToList();
        if (DefaultClosing(year) is { } closesOn)
        {
            events.Add((closesOn, YearClosureActions.Close, null, null));
        }

        var last = events.Where(e => e.At <= at).OrderBy(e => e.At).LastOrDefault();
        return last.Action == YearClosureActions.Close
            ? new YearClosure(year, true, last.At, last.Item3, last.Item4)
            : new YearClosure(year, false, null, null, null);
    }

    /// <summary>The year's state now.</summary>
    public Task<YearClosure> StateAsync(int year, CancellationToken cancellationToken) => StateAtAsync(year, time.GetUtcNow(), cancellationToken);

    /// <summary>The instant the year closes by itself (<see cref="YearClosingOptions.DefaultClosesOn"/>), or null.</summary>
    public DateTimeOffset? DefaultClosing(int year)
    {
        if (options.Value.DefaultClosesOn is not { Length: 5 } monthDay)
        {
            return null;
        }

        var day = DateOnly.ParseExact($"{year + 1:0000}-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return SwedishCalendar.EndOfDay(day.AddDays(-1));
    }

    /// <summary>The finding of an upload for a closed year (Swedish; the message names when and why it was closed).</summary>
    public static Finding Refusal(YearClosure closure) => Finding.ForFile(
        FindingCodes.YearClosed,
        string.Create(
            CultureInfo.InvariantCulture,
            $"Redovisningsåret {closure.Year} är stängt sedan {SwedishCalendar.SwedishDate(closure.Since ?? default):yyyy-MM-dd}{(closure.Reason is { Length: > 0 } reason ? " (" + reason + ")" : "")}. Uppgifterna för året ändras inte längre; filen har sparats men inte lästs in."),
        $"Kontakta Socialstyrelsen om uppgifterna för {closure.Year} behöver rättas; året kan öppnas igen.");

    private async Task<YearClosureEntity> RecordAsync(int year, string action, string actor, string reason, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var entity = new YearClosureEntity
        {
            PartitionKey = StorageKeys.Year(year),
            RowKey = at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture),
            Action = action,
            By = actor,
            At = at,
            Reason = reason,
        };
        await _table.AddEntityAsync(entity, cancellationToken);
        return entity;
    }
}
