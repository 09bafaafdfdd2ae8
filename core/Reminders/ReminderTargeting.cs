using PoIntake.Core.Contacts;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Reminders;

/// <summary>Who gets which reminder of a slot (spec/reminders.md), with the rendered mail for each address.</summary>
public sealed class ReminderTargeting(
    IReportDirectory reports,
    IContactDirectory contacts,
    MunicipalityRegistry registry,
    ReminderMailRenderer renderer)
{
    public async Task<IReadOnlyList<ReminderMail>> PlanAsync(ReminderSlot slot, DateOnly today, CancellationToken cancellationToken)
    {
        var register = await contacts.ListAsync(cancellationToken);
        return slot.Deadline.Kind switch
        {
            DeadlineKind.AnnualReport => await AnnualReportAsync(slot, today, register, cancellationToken),
            DeadlineKind.GrantApplication => GrantApplication(slot, today, register),
            _ => await StatusReportAsync(slot, today, register, cancellationToken),
        };
    }

    /// <summary>Verksamheter with an accepted report for the year before <paramref name="year"/> and none (nor a nil return) for it.</summary>
    public async Task<IReadOnlyList<AcceptedReport>> MissingAsync(int year, CancellationToken cancellationToken)
    {
        var before = await reports.ListCurrentAsync(year - 1, cancellationToken);
        var now = await reports.ListCurrentAsync(year, cancellationToken);
        var done = now.Select(r => (r.CountyCode, r.OperationKey)).ToHashSet();
        var covered = now.SelectMany(r => r.MunicipalityCodes).ToHashSet(StringComparer.Ordinal);

        // A renamed verksamhet whose municipalities all report under the new name is not missing.
        return before
            .Where(r => !done.Contains((r.CountyCode, r.OperationKey)))
            .Where(r => r.MunicipalityCodes.Count == 0 || !r.MunicipalityCodes.All(covered.Contains))
            .OrderBy(r => r.CountyCode, StringComparer.Ordinal)
            .ThenBy(r => r.OperationName, StringComparer.CurrentCulture)
            .ToArray();
    }

    private async Task<IReadOnlyList<ReminderMail>> AnnualReportAsync(
        ReminderSlot slot, DateOnly today, IReadOnlyList<Contact> register, CancellationToken cancellationToken)
    {
        var missing = await MissingAsync(slot.Deadline.ReportedYear, cancellationToken);
        var byAddress = new Dictionary<string, (string Address, List<MissingReport> Reports)>(StringComparer.OrdinalIgnoreCase);
        var unreachable = new List<UnreachableContact>();
        foreach (var report in missing)
        {
            var entry = Describe(report);
            if (Address(report.ContactEmail) is { } reportContact)
            {
                Add(byAddress, reportContact, entry);
            }
            else
            {
                unreachable.Add(new UnreachableContact(report.CountyCode, report.ContactPerson ?? "Kontaktperson saknas", $"kontaktperson för {report.OperationName}"));
            }

            foreach (var contact in register.Where(c => c.Role == ContactRole.Municipality &&
                                                        c.MunicipalityCode is not null &&
                                                        report.MunicipalityCodes.Contains(c.MunicipalityCode)))
            {
                if (Address(contact.Email) is { } address)
                {
                    Add(byAddress, address, entry);
                }
                else
                {
                    unreachable.Add(new UnreachableContact(report.CountyCode, contact.Name, $"kontakt för {MunicipalityName(contact.MunicipalityCode!)}"));
                }
            }
        }

        var mails = new List<ReminderMail>();
        foreach (var (address, entries) in byAddress.Values.OrderBy(v => v.Address, StringComparer.OrdinalIgnoreCase))
        {
            var (subject, plain, html) = renderer.ReportContact(slot, today, entries);
            mails.Add(new ReminderMail(slot, ReminderAudience.ReportContact, address, subject, plain, html));
        }

        foreach (var county in missing.Select(r => r.CountyCode).Distinct())
        {
            var countyName = registry.FindCountyByCode(county)?.Name ?? county;
            var countyMissing = missing.Where(r => r.CountyCode == county).Select(Describe).ToArray();
            var countyUnreachable = unreachable.Where(u => u.CountyCode == county).Distinct().ToArray();
            foreach (var board in BoardAddresses(register, county))
            {
                var (subject, plain, html) = renderer.CountyBoardSummary(slot, today, countyName, countyMissing, countyUnreachable);
                mails.Add(new ReminderMail(slot, ReminderAudience.CountyBoardSummary, board, subject, plain, html));
            }
        }

        return mails;
    }

    private List<ReminderMail> GrantApplication(ReminderSlot slot, DateOnly today, IReadOnlyList<Contact> register)
    {
        var mails = new List<ReminderMail>();
        foreach (var group in register
                     .Where(c => c.Role == ContactRole.Municipality && Address(c.Email) is not null)
                     .GroupBy(c => Address(c.Email)!, StringComparer.OrdinalIgnoreCase)
                     .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            var names = group.Select(c => c.MunicipalityCode is null ? c.CountyCode : MunicipalityName(c.MunicipalityCode)).Distinct().ToArray();
            var (subject, plain, html) = renderer.GrantApplication(slot, today, names);
            mails.Add(new ReminderMail(slot, ReminderAudience.MunicipalityContact, group.Key, subject, plain, html));
        }

        return mails;
    }

    private async Task<IReadOnlyList<ReminderMail>> StatusReportAsync(
        ReminderSlot slot, DateOnly today, IReadOnlyList<Contact> register, CancellationToken cancellationToken)
    {
        var year = slot.Deadline.ReportedYear;
        var accepted = await reports.ListCurrentAsync(year, cancellationToken);
        var missing = await MissingAsync(year, cancellationToken);
        var table = registry.Counties
            .Select(c => new CountyCompleteness(
                c.Code,
                c.Name,
                accepted.Count(r => r.CountyCode == c.Code),
                accepted.Count(r => r.CountyCode == c.Code && r.NilReturn),
                missing.Where(r => r.CountyCode == c.Code).Select(Describe).ToArray()))
            .ToArray();
        var (subject, plain, html) = renderer.StatusReport(slot, today, table);
        return register
            .Where(c => c.Role is ContactRole.NationalBoard or ContactRole.CountyBoard)
            .Select(c => Address(c.Email))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(address => new ReminderMail(slot, ReminderAudience.StatusReport, address, subject, plain, html))
            .ToArray();
    }

    private static IEnumerable<string> BoardAddresses(IReadOnlyList<Contact> register, string county) =>
        register.Where(c => c.Role == ContactRole.CountyBoard && c.CountyCode == county)
            .Select(c => Address(c.Email))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private MissingReport Describe(AcceptedReport report) =>
        new(report.CountyCode, report.OperationName, report.MunicipalityCodes.Select(MunicipalityName).ToArray());

    private string MunicipalityName(string code) => registry.FindMunicipality(code)?.Name ?? code;

    private static void Add(Dictionary<string, (string Address, List<MissingReport> Reports)> byAddress, string address, MissingReport report)
    {
        if (!byAddress.TryGetValue(address, out var entry))
        {
            entry = (address, []);
            byAddress[address] = entry;
        }

        if (!entry.Reports.Any(r => r.CountyCode == report.CountyCode && r.OperationName == report.OperationName))
        {
            entry.Reports.Add(report);
        }
    }

    private static string? Address(string? email) =>
        string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) ? null : email.Trim();
}
