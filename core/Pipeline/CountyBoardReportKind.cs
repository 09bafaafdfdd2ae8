using PoIntake.Core.CountyBoards;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Pipeline;

/// <summary>
/// The county boards' own reports (docs/workbook-contract.md, "The county board's report"): <c>countyboard/{year}/{countyCode}.xlsx</c>
/// dropped, or <c>countyboard/{year}/{countyCode}/{uploaded}.xlsx</c> uploaded over HTTP with the county's own key.
/// Parsed by <see cref="CountyBoardReportParser"/>; an accepted form goes to <see cref="CountyBoardReportStore"/>, where the
/// latest upload supersedes the earlier ones and every version stays as history. Every file gets a validation report in
/// <c>intake-results/countyboard/{name}.{sha16}.json</c>; a rejected one changes nothing: the previous form still counts.
/// </summary>
public sealed class CountyBoardReportKind(
    CountyBoardReportParser parser,
    CountyBoardReportStore store,
    IntakeResultStore results,
    MunicipalityRegistry registry) : IWorkbookKind
{
    public string Name => "countyboard";

    public string Container => ContainerNames.CountyBoard;

    public bool IsYearScoped => true;

    public PathReading ParsePath(string name) => CountyBoardReportPath.Parse(name, registry) switch
    {
        (var year, var county, null) => PathReading.Valid(year, county),
        (_, _, var finding) => PathReading.Refused(finding),
    };

    public async Task<KindOutcome> ProcessAsync(IntakeContext context, IReadOnlyList<Finding>? refusal, CancellationToken cancellationToken)
    {
        var parsed = refusal is not null ? new CountyBoardParseResult(null, refusal) : parser.Parse(context.Content, context.Year, context.CountyCode);
        string? disposition = null;
        string? versionId = null;
        if (parsed is { Outcome: IntakeOutcome.Accepted, Report: { } report })
        {
            var current = await store.SaveAsync(report, context.Name, context.Sha256, context.ReceivedAt, parsed.WarningCount, cancellationToken);
            disposition = current ? Dispositions.Current : Dispositions.OlderThanCurrent;
            versionId = StorageKeys.VersionId(context.Year, context.CountyCode, context.Sha256);
        }

        var resultBlob = ResultBlobName(context.Name, context.Path.IsValid, context.Sha256);
        await results.WriteAsync(
            resultBlob,
            new IntakeResultDocument(
                ContainerNames.CountyBoard + "/" + context.Name,
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
        return new KindOutcome(parsed.Outcome, parsed.Findings, disposition, versionId, resultBlob, parsed.Report is null ? 0 : 1);
    }

    /// <summary>Nothing to record: a failed form leaves no row, and the host's retry runs it again.</summary>
    public Task RecordFailureAsync(string name, PathReading path, IntakeContext? context, Exception exception, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public IEnumerable<string> UploadNames(UploadTarget target, string sha256, DateTimeOffset at)
    {
        yield return CountyBoardReportPath.UploadName(target.Year ?? 0, target.CountyCode, at, sha256);
    }

    /// <summary>The validation report's name: <c>countyboard/{name}.{sha16}.json</c> (<c>_invalid/countyboard/…</c> for a bad path).</summary>
    public static string ResultBlobName(string blobName, bool pathIsValid, string version) =>
        (pathIsValid ? "" : StorageKeys.InvalidPartition + "/") + ContainerNames.CountyBoard + "/" + blobName + "." + version[..Math.Min(16, version.Length)] + ".json";
}
