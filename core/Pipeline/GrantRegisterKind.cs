using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Pipeline;

/// <summary>
/// The county boards' grant registers (docs/grants.md): <c>grants/{year}/{countyCode}.xlsx</c> dropped, or
/// <c>grants/{year}/{countyCode}/{uploaded}.xlsx</c> uploaded over HTTP (a blob per upload, never replaced). Parsed by
/// <see cref="GrantRegisterParser"/>; an accepted register goes to <see cref="GrantRegisterStore"/>, where the latest upload
/// supersedes the earlier ones and every version stays as history. Every file gets a validation report in
/// <c>intake-results/grants/{name}.{sha16}.json</c>; a rejected one changes nothing: the previous register still counts.
/// </summary>
public sealed class GrantRegisterKind(
    GrantRegisterParser parser,
    GrantRegisterStore store,
    IntakeResultStore results,
    MunicipalityRegistry registry,
    AppropriationSource? appropriation = null) : IWorkbookKind
{
    public string Name => "grants";

    public string Container => ContainerNames.Grants;

    public bool IsYearScoped => true;

    public PathReading ParsePath(string name) => GrantRegisterPath.Parse(name, registry) switch
    {
        (var year, var county, null) => PathReading.Valid(year, county),
        (_, _, var finding) => PathReading.Refused(finding),
    };

    public async Task<KindOutcome> ProcessAsync(IntakeContext context, IReadOnlyList<Finding>? refusal, CancellationToken cancellationToken)
    {
        GrantParseResult parsed;
        if (refusal is not null)
        {
            parsed = new GrantParseResult([], refusal);
        }
        else if (appropriation is not null)
        {
            // The rate the granted kronor are checked against is the one the figures use: Socialstyrelsen's entered figures, else the settings.
            var resolved = await appropriation.ForAsync(context.Year, cancellationToken);
            parsed = parser.Parse(context.Content, context.Year, context.CountyCode, resolved.Appropriation);
        }
        else
        {
            parsed = parser.Parse(context.Content, context.Year, context.CountyCode);
        }

        string? disposition = null;
        string? versionId = null;
        if (parsed.Outcome == IntakeOutcome.Accepted)
        {
            var current = await store.SaveAsync(context.Year, context.CountyCode, context.Name, context.Sha256, context.ReceivedAt, parsed.WarningCount, parsed.Applications, cancellationToken);
            disposition = current ? Dispositions.Current : Dispositions.OlderThanCurrent;
            versionId = StorageKeys.VersionId(context.Year, context.CountyCode, context.Sha256);
        }

        var resultBlob = ResultBlobName(context.Name, context.Path.IsValid, context.Sha256);
        await results.WriteAsync(
            resultBlob,
            new IntakeResultDocument(
                ContainerNames.Grants + "/" + context.Name,
                context.Sha256,
                context.ReceivedAt,
                parsed.Outcome,
                context.Path.Year,
                context.Path.CountyCode,
                null,
                versionId,
                parsed.ErrorCount,
                parsed.WarningCount,
                parsed.Findings),
            cancellationToken);
        return new KindOutcome(parsed.Outcome, parsed.Findings, disposition, versionId, resultBlob, parsed.Applications.Count);
    }

    /// <summary>Nothing to record: a failed register leaves no row, and the host's retry runs it again.</summary>
    public Task RecordFailureAsync(string name, PathReading path, IntakeContext? context, Exception exception, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public IEnumerable<string> UploadNames(UploadTarget target, string sha256, DateTimeOffset at)
    {
        // A new name per upload (time and content): the same bytes uploaded again later are a new upload that counts from then.
        yield return GrantRegisterPath.UploadName(target.Year ?? 0, target.CountyCode, at, sha256);
    }

    /// <summary>The validation report's name: <c>grants/{name}.{sha16}.json</c> (<c>_invalid/grants/…</c> for a bad path).</summary>
    public static string ResultBlobName(string blobName, bool pathIsValid, string version) =>
        (pathIsValid ? "" : StorageKeys.InvalidPartition + "/") + ContainerNames.Grants + "/" + blobName + "." + version[..Math.Min(16, version.Length)] + ".json";
}
