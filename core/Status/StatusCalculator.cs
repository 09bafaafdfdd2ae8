using System.Text.Json;
using PoIntake.Core.Calendar;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;
using PoIntake.Core.Totals;

namespace PoIntake.Core.Status;

/// <summary>Completeness of a reporting year from its current reports, the year before and the upload log. Pure.</summary>
public sealed class StatusCalculator(MunicipalityRegistry registry)
{
    /// <summary>15 January of the year after <paramref name="year"/>, moved off non-working days (lag 1930:173).</summary>
    public static ReportDeadline DeadlineFor(int year)
    {
        var nominal = new DateOnly(year + 1, 1, 15);
        var moved = SwedishCalendar.NextWorkingDayOnOrAfter(nominal);
        return new ReportDeadline(nominal, moved.Date, moved.Reason, SwedishCalendar.EndOfDay(moved.Date));
    }

    public StatusReport Calculate(
        int year,
        IReadOnlyCollection<CurrentReport> current,
        IReadOnlyCollection<CurrentReport> previousYear,
        IReadOnlyCollection<IntakeLogEntry> log,
        DateTimeOffset generatedAt)
    {
        var deadline = DeadlineFor(year);
        var accepted = log
            .Where(e => e.Outcome == IntakeOutcome.Accepted && e.OperationKey is not null && e.ReceivedAt is not null)
            .GroupBy(e => (e.CountyCode, e.OperationKey!))
            .ToArray();
        var firstAccepted = accepted.ToDictionary(g => g.Key, g => g.Min(e => e.ReceivedAt!.Value));

        // On time is judged by the day the county board received the report (Intake.ReceivedOn), not by the upload.
        var firstReceivedOn = accepted.ToDictionary(g => g.Key, g => g.Min(e => e.ReceivedDay!.Value));
        var names = log
            .Where(e => e.Outcome == IntakeOutcome.Accepted && e.OperationKey is not null && !string.IsNullOrEmpty(e.OperationName))
            .GroupBy(e => (e.CountyCode, e.OperationKey!))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.ReceivedAt).First().OperationName);
        var previousOffering = TotalsCalculator.OfferingPo(previousYear);

        var counties = registry.Counties.Select(county =>
        {
            var reports = current
                .Where(r => r.CountyCode == county.Code)
                .OrderBy(r => r.OperationKey, StringComparer.Ordinal)
                .Select(r =>
                {
                    var key = (r.CountyCode, r.OperationKey);
                    var first = firstAccepted.TryGetValue(key, out var earliest) && earliest < r.ReceivedAt ? earliest : r.ReceivedAt;
                    var ownDay = ReceivedOn.Default(r.ReceivedAt);
                    var receivedOn = firstReceivedOn.TryGetValue(key, out var earliestDay) && earliestDay < ownDay ? earliestDay : ownDay;
                    return new ReportStatus(r.OperationKey, names.GetValueOrDefault(key), r.VersionId, r.NilReturn, r.MunicipalityCodes, r.ReceivedAt, first, receivedOn <= deadline.Date)
                    {
                        ReceivedOn = receivedOn,
                    };
                })
                .ToArray();
            var covered = current.Where(r => r.CountyCode == county.Code).SelectMany(r => r.MunicipalityCodes).ToHashSet(StringComparer.Ordinal);
            var inCounty = registry.InCounty(county.Code).ToArray();
            return new CountyStatus(
                county.Code,
                county.Name,
                inCounty.Length,
                inCounty.Where(m => covered.Contains(m.Code)).Select(Ref).ToArray(),
                inCounty.Where(m => previousOffering.Contains(m.Code) && !covered.Contains(m.Code)).Select(Ref).ToArray(),
                reports.Count(r => r.OnTime),
                reports.Count(r => !r.OnTime),
                reports,
                log.Where(e => e.CountyCode == county.Code).OrderBy(e => e.ReceivedAt).ThenBy(e => e.BlobName, StringComparer.Ordinal).Select(Upload).ToArray(),
                CoverageOverlaps.Find(current.Where(r => r.CountyCode == county.Code), registry));
        }).ToArray();

        return new StatusReport(
            year,
            generatedAt,
            deadline,
            counties.Sum(c => c.Reports.Count),
            counties.Sum(c => c.ReportsOnTime),
            counties.Sum(c => c.ReportsLate),
            counties.Sum(c => c.Covered.Count),
            counties.Sum(c => c.MissingFromPreviousYear.Count),
            counties);
    }

    /// <summary>
    /// <paramref name="report"/> with each county's reports owed vs received (<see cref="Obligations"/>, the rule the
    /// reminders use) and their national sums.
    /// </summary>
    public StatusReport WithObligations(StatusReport report, YearObligations obligations)
    {
        var counties = report.Counties.Select(c =>
        {
            var county = obligations.For(c.Code);
            var owed = county.Owed.Select(o => new OwedReportStatus(
                    o.OperationKey,
                    o.OperationName,
                    o.MunicipalityCodes.Select(m => registry.FindMunicipality(m) is { } found ? Ref(found) : new MunicipalityRef(m, m)).ToArray(),
                    o.GrantedSek,
                    !o.Missing,
                    o.FulfilledBy))
                .ToArray();
            return c with
            {
                Obligations = new CountyObligationStatus(
                    Obligations.IdOf(county.Rule),
                    Obligations.Describe(county.Rule, report.Year),
                    owed.Length,
                    owed.Count(o => o.Received),
                    owed.Count(o => !o.Received),
                    owed,
                    county.NotOwed.Select(r => new NotOwedReportStatus(r.OperationKey, r.OperationName)).ToArray()),
            };
        }).ToArray();
        return report with
        {
            Counties = counties,
            Obligations = new ObligationTotals(
                counties.Sum(c => c.Obligations!.Owed),
                counties.Sum(c => c.Obligations!.Received),
                counties.Sum(c => c.Obligations!.Missing),
                counties.Count(c => c.Obligations!.Rule == Obligations.IdOf(ObligationRule.GrantRegister))),
        };
    }

    private static MunicipalityRef Ref(Municipality m) => new(m.Code, m.Name);

    private static UploadStatus Upload(IntakeLogEntry entry)
    {
        JsonElement? findings = null;
        var truncated = false;
        if (!string.IsNullOrEmpty(entry.FindingsJson))
        {
            try
            {
                using var document = JsonDocument.Parse(entry.FindingsJson);
                findings = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // The log keeps at most 30 000 characters; the full list is in the results blob.
                truncated = true;
            }
        }

        return new UploadStatus(
            entry.BlobName,
            entry.ReceivedAt,
            entry.ProcessedAt,
            entry.Outcome.ToString(),
            string.IsNullOrEmpty(entry.Disposition) ? null : entry.Disposition,
            entry.OperationName,
            entry.ErrorCount,
            entry.WarningCount,
            entry.Outcome == IntakeOutcome.Accepted && entry.WarningCount == 0 ? null : findings,
            truncated,
            entry.FailureReason)
        {
            ReceivedOn = entry.ReceivedDay,
        };
    }
}
