using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Contacts;

/// <summary>Table Contacts: PartitionKey county code, RowKey the register row's ordinal (0001 …).</summary>
public sealed class ContactStore(StorageTables tables) : IContactDirectory
{
    private const int BatchSize = 100;

    private readonly TableClient _table = tables.Get(TableNames.Contacts);

    public async Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken)
    {
        var contacts = new List<Contact>();
        try
        {
            await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                if (Enum.TryParse<ContactRole>(entity.GetString("Role"), out var role))
                {
                    contacts.Add(new Contact(
                        entity.PartitionKey,
                        role,
                        NullIfEmpty(entity.GetString("MunicipalityCode")),
                        entity.GetString("Name") ?? string.Empty,
                        NullIfEmpty(entity.GetString("Email")),
                        entity.GetBoolean("GrantInformation") ?? false));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        return contacts;
    }

    /// <summary>Replaces a county's register: upserts the new rows by ordinal, then deletes the rows past the new count.</summary>
    public async Task ReplaceCountyAsync(string countyCode, IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        var upserts = contacts.Select((contact, index) => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace,
            new TableEntity(countyCode, RowKey(index))
            {
                ["Role"] = contact.Role.ToString(),
                ["MunicipalityCode"] = contact.MunicipalityCode ?? string.Empty,
                ["Name"] = contact.Name,
                ["Email"] = contact.Email ?? string.Empty,
                ["GrantInformation"] = contact.GrantInformation,
            })).ToList();
        foreach (var chunk in upserts.Chunk(BatchSize))
        {
            await _table.SubmitTransactionAsync(chunk, cancellationToken);
        }

        var stale = new List<TableTransactionAction>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {countyCode} and RowKey ge {RowKey(contacts.Count)}"),
                           select: ["PartitionKey", "RowKey"],
                           cancellationToken: cancellationToken))
        {
            stale.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
        }

        foreach (var chunk in stale.Chunk(BatchSize))
        {
            await _table.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }

    private static string RowKey(int index) => (index + 1).ToString("0000", CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
