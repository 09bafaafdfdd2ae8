namespace PoIntake.Core.Contacts;

/// <summary>Roll in the contacts register (sheet Kontakter).</summary>
public enum ContactRole
{
    /// <summary>"Kommun": a municipality's contact for personligt ombud.</summary>
    Municipality,

    /// <summary>"Länsstyrelse": the county board.</summary>
    CountyBoard,

    /// <summary>"Socialstyrelsen".</summary>
    NationalBoard,
}

/// <summary>
/// One row of a county's contacts register. <see cref="Email"/> is null when the row gave none (reported to the county
/// board). <see cref="GrantInformation"/> is the county board's opt-in (column "Informera om statsbidrag" = Ja) for a
/// municipality contact: a municipality that owes nothing may then get one informational mail a year about applying.
/// </summary>
public sealed record Contact(string CountyCode, ContactRole Role, string? MunicipalityCode, string Name, string? Email, bool GrantInformation = false);

/// <summary>Reads the contacts register.</summary>
public interface IContactDirectory
{
    Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken);
}
