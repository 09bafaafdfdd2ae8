using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PoIntake.Core.Storage;

/// <summary>Table Contacts: one row of a county's contacts register (PartitionKey county code, RowKey the row's ordinal 0001 …).</summary>
public sealed class ContactEntity : TableRow
{
    /// <summary>The role's enum name (Contacts' <c>ContactRole</c>).</summary>
    public string Role { get; set; } = "";

    /// <summary>Four-digit municipality code; empty for a county-wide contact.</summary>
    public string MunicipalityCode { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public bool GrantInformation { get; set; }
}

/// <summary>The rows of table Contacts; the contacts store maps them to its records.</summary>
public sealed class ContactRows(StorageTables tables)
{
    private const int BatchSize = 100;

    private readonly TableClient _table = tables.Get(TableNames.Contacts);

    /// <summary>Every row of every county (none when the table does not exist yet).</summary>
    public async Task<IReadOnlyList<ContactEntity>> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            var rows = new List<ContactEntity>();
            await foreach (var row in _table.QueryAsync<ContactEntity>(cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }

            return rows;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>
    /// Replaces a county's register: upserts <paramref name="rows"/> as rows 0001… in order, then deletes the rows past
    /// their count (one range query of keys).
    /// </summary>
    public async Task ReplaceCountyAsync(string countyCode, IReadOnlyList<ContactEntity> rows, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].PartitionKey = countyCode;
            rows[i].RowKey = RowKey(i);
        }

        foreach (var chunk in rows.Chunk(BatchSize))
        {
            await _table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }

        var stale = await _table.QueryAllAsync<ContactEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {countyCode} and RowKey ge {RowKey(rows.Count)}"),
            cancellationToken,
            [nameof(ContactEntity.PartitionKey), nameof(ContactEntity.RowKey)]);
        foreach (var chunk in stale.Chunk(BatchSize))
        {
            await _table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        }
    }

    private static string RowKey(int index) => (index + 1).ToString("0000", CultureInfo.InvariantCulture);
}
