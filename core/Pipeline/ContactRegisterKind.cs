using System.Text.Json;
using Azure.Storage.Blobs;
using PoIntake.Core.Contacts;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Pipeline;

/// <summary>
/// The county boards' contacts registers, <c>contacts/{countyCode}.xlsx</c> (Socialstyrelsen's own is
/// <c>contacts/socialstyrelsen.xlsx</c>, <see cref="ContactRegisterRules"/>): good rows replace the county's register rows,
/// bad cells are reported in <c>intake-results/contacts/{countyCode}.xlsx.{sha16}.json</c>. An unreadable file leaves the
/// register as it was. Any other name in the container is not a register and is ignored.
/// </summary>
public sealed class ContactRegisterKind(
    ContactsWorkbookParser parser,
    ContactStore store,
    BlobServiceClient blobs,
    StorageTables tables,
    MunicipalityRegistry registry) : IWorkbookKind
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Name => "contacts";

    public string Container => ContainerNames.Contacts;

    public bool IsYearScoped => false;

    public PathReading ParsePath(string name) =>
        CountyCodeOf(name) is { } county && (county == ContactRegisterRules.NationalRegister || registry.FindCountyByCode(county) is not null)
            ? PathReading.Valid(null, county)
            : PathReading.Ignore;

    public async Task<KindOutcome> ProcessAsync(IntakeContext context, IReadOnlyList<Finding>? refusal, CancellationToken cancellationToken)
    {
        var countyCode = context.CountyCode;
        var parsed = refusal is not null ? new ContactsParseResult([], refusal) : parser.Parse(context.Content, countyCode);
        if (!parsed.Unreadable)
        {
            await store.ReplaceCountyAsync(countyCode, parsed.Contacts, cancellationToken);
        }

        var version = context.Sha256.StartsWith("etag-", StringComparison.Ordinal) ? context.Sha256 : context.Sha256[..16];
        var resultBlob = $"contacts/{countyCode}.xlsx.{version}.json";
        var results = blobs.GetBlobContainerClient(tables.ResultsContainer);
        await results.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await results.GetBlobClient(resultBlob).UploadAsync(
            BinaryData.FromObjectAsJson(new { countyCode, replaced = !parsed.Unreadable, loaded = parsed.Contacts.Count, findings = parsed.Findings }, Json),
            overwrite: true,
            cancellationToken);
        return new KindOutcome(
            parsed.Unreadable ? IntakeOutcome.Rejected : IntakeOutcome.Accepted,
            parsed.Findings,
            parsed.Unreadable ? null : Dispositions.Current,
            null,
            resultBlob,
            parsed.Contacts.Count);
    }

    /// <summary>Nothing to record: a failed import leaves the register as it was, and the host's retry runs it again.</summary>
    public Task RecordFailureAsync(string name, PathReading path, IntakeContext? context, Exception exception, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>None: contacts registers are dropped into the container, there is no upload over HTTP.</summary>
    public IEnumerable<string> UploadNames(UploadTarget target, string sha256, DateTimeOffset at) => [];

    internal static string? CountyCodeOf(string name)
    {
        if (name.Equals(ContactRegisterRules.NationalRegister + ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return ContactRegisterRules.NationalRegister;
        }

        return name.Length == 7 && name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(name[0]) && char.IsAsciiDigit(name[1])
            ? name[..2]
            : null;
    }
}
