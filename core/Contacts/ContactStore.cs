using PoIntake.Core.Storage;

namespace PoIntake.Core.Contacts;

/// <summary>The contacts registers as records; the table's rows and writes are <see cref="ContactRows"/>'s (core/Storage).</summary>
public sealed class ContactStore(StorageTables tables) : IContactDirectory
{
    private readonly ContactRows _rows = new(tables);

    public async Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _rows.ListAsync(cancellationToken))
            .Where(e => Enum.TryParse<ContactRole>(e.Role, out _))
            .Select(e => new Contact(
                e.PartitionKey,
                Enum.Parse<ContactRole>(e.Role),
                NullIfEmpty(e.MunicipalityCode),
                e.Name,
                NullIfEmpty(e.Email),
                e.GrantInformation))];

    /// <summary>Replaces a county's register: upserts the new rows by ordinal, then deletes the rows past the new count.</summary>
    public Task ReplaceCountyAsync(string countyCode, IReadOnlyList<Contact> contacts, CancellationToken cancellationToken) =>
        _rows.ReplaceCountyAsync(
            countyCode,
            [.. contacts.Select(contact => new ContactEntity
            {
                Role = contact.Role.ToString(),
                MunicipalityCode = contact.MunicipalityCode ?? string.Empty,
                Name = contact.Name,
                Email = contact.Email ?? string.Empty,
                GrantInformation = contact.GrantInformation,
            })],
            cancellationToken);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
