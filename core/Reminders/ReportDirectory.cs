using PoIntake.Core.Storage;

namespace PoIntake.Core.Reminders;

/// <summary>A verksamhet's current accepted report for a year (nil returns included), with its contact.</summary>
public sealed record AcceptedReport(
    int Year,
    string CountyCode,
    string OperationKey,
    string OperationName,
    bool NilReturn,
    IReadOnlyList<string> MunicipalityCodes,
    string? ContactPerson,
    string? ContactEmail);

/// <summary>Who has an accepted report for a year.</summary>
public interface IReportDirectory
{
    Task<IReadOnlyList<AcceptedReport>> ListCurrentAsync(int year, CancellationToken cancellationToken);
}

/// <summary>The current reports of a year (<c>CurrentReports</c>) with their versions' names and contacts (<c>ReportVersions</c>).</summary>
internal sealed class TableReportDirectory(CurrentReportStore currentReports, ReportVersionStore versions) : IReportDirectory
{
    public async Task<IReadOnlyList<AcceptedReport>> ListCurrentAsync(int year, CancellationToken cancellationToken)
    {
        var byId = (await versions.ListAsync(year, cancellationToken)).ToDictionary(v => v.VersionId, StringComparer.Ordinal);
        return
        [
            .. (await currentReports.ListAsync(year, cancellationToken)).Select(current =>
            {
                var version = byId.GetValueOrDefault(current.VersionId);
                return new AcceptedReport(
                    year,
                    current.CountyCode,
                    current.OperationKey,
                    version?.OperationName ?? current.OperationKey,
                    current.NilReturn,
                    current.MunicipalityCodes,
                    version?.ContactPerson,
                    version?.ContactEmail);
            }),
        ];
    }
}
