using PoIntake.Core.Contacts;
using PoIntake.Core.Grants;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Reminders;

/// <summary>
/// Who gets which reminder of a slot (spec/reminders.md), with the rendered mail for each address. Who owes a report, and
/// who has applied, is <see cref="Obligations"/>' rule: the grant registers when the county has one (<paramref name="registers"/>),
/// else the guess from the year before.
/// </summary>
public sealed class ReminderTargeting(
    IReportDirectory reports,
    IContactDirectory contacts,
    MunicipalityRegistry registry,
    ReminderMailRenderer renderer,
    IGrantRegisterReader? registers = null)
{
    private readonly ObligationService _obligations = new(reports, registers);

    public async Task<IReadOnlyList<ReminderMail>> PlanAsync(ReminderSlot slot, DateOnly today, CancellationToken cancellationToken)
    {
        var register = await contacts.ListAsync(cancellationToken);
        return slot.Deadline.Kind switch
        {
            DeadlineKind.AnnualReport => await AnnualReportAsync(slot, today, register, cancellationToken),
            DeadlineKind.GrantApplication => await GrantApplicationAsync(slot, today, register, cancellationToken),
            DeadlineKind.CountyReportsIn => await CountyReportsInAsync(slot, today, register, cancellationToken),
            DeadlineKind.CountyRegisterComplete => await CountyRegisterCompleteAsync(slot, today, register, cancellationToken),
            _ => await StatusReportAsync(slot, today, register, cancellationToken),
        };
    }

    /// <summary>The reports owed for <paramref name="year"/> with none (nor a nil return) accepted yet, by county and name.</summary>
    public async Task<IReadOnlyList<Obligation>> MissingAsync(int year, CancellationToken cancellationToken) =>
        (await _obligations.ForYearAsync(year, cancellationToken)).Missing;

    private async Task<IReadOnlyList<ReminderMail>> AnnualReportAsync(
        ReminderSlot slot, DateOnly today, IReadOnlyList<Contact> register, CancellationToken cancellationToken)
    {
        var obligations = await _obligations.ForYearAsync(slot.Deadline.ReportedYear, cancellationToken);
        var missing = obligations.Missing;
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
            var rule = obligations.For(county).Rule;
            foreach (var board in BoardAddresses(register, county))
            {
                var (subject, plain, html) = renderer.CountyBoardSummary(slot, today, countyName, rule, countyMissing, countyUnreachable);
                mails.Add(new ReminderMail(slot, ReminderAudience.CountyBoardSummary, board, subject, plain, html));
            }
        }

        return mails;
    }

    /// <summary>
    /// 1 March (HSLF-FS 2016:98 2 §): the contacts of verksamheter granted money last year that have not applied (the
    /// register's e-mail) and the municipality contacts of the contacts register whose municipality had the grant last year
    /// and is in no application this year (<see cref="ApplicationRound.Reminds"/>). A municipality without a grant last year
    /// owes nothing: it gets one informational mail a year, in the deadline's first reminder, and only when its county board
    /// opted it in (<see cref="Contact.GrantInformation"/>).
    /// </summary>
    private async Task<List<ReminderMail>> GrantApplicationAsync(
        ReminderSlot slot, DateOnly today, IReadOnlyList<Contact> register, CancellationToken cancellationToken)
    {
        var round = await _obligations.ApplicationsAsync(slot.Deadline.Year, cancellationToken);
        var byAddress = new Dictionary<string, (List<string> Municipalities, List<MissingReport> Operations)>(StringComparer.OrdinalIgnoreCase);
        var informed = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var contact in register.Where(c => c.Role == ContactRole.Municipality && c.MunicipalityCode is not null))
        {
            if (Address(contact.Email) is not { } address)
            {
                continue;
            }

            var name = MunicipalityName(contact.MunicipalityCode!);
            if (round.Reminds(contact.MunicipalityCode!))
            {
                var entry = Entry(byAddress, address);
                if (!entry.Municipalities.Contains(name))
                {
                    entry.Municipalities.Add(name);
                }
            }
            else if (contact.GrantInformation && slot.IsFirstOfDeadline &&
                     !round.GrantedLastYearMunicipalities.Contains(contact.MunicipalityCode!) &&
                     !round.AppliedMunicipalities.Contains(contact.MunicipalityCode!))
            {
                if (!informed.TryGetValue(address, out var names))
                {
                    informed[address] = names = [];
                }

                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }
        }

        foreach (var application in round.GrantedLastYearNotApplied)
        {
            if (Address(application.ContactEmail) is { } address)
            {
                var operation = new MissingReport(
                    application.CountyCode,
                    application.OperationName,
                    application.MunicipalityCodes.Where(m => !round.AppliedMunicipalities.Contains(m)).Select(MunicipalityName).ToArray());
                var entry = Entry(byAddress, address);
                if (!entry.Operations.Any(o => o.CountyCode == operation.CountyCode && o.OperationName == operation.OperationName))
                {
                    entry.Operations.Add(operation);
                }
            }
        }

        var mails = new List<ReminderMail>();
        foreach (var (address, entry) in byAddress.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
        {
            var (subject, plain, html) = renderer.GrantApplication(slot, today, entry.Municipalities, entry.Operations);
            mails.Add(new ReminderMail(slot, ReminderAudience.MunicipalityContact, address, subject, plain, html));
        }

        // Someone who is reminded already reads the deadline there; the information is for those who owe nothing.
        foreach (var (address, names) in informed.Where(kv => !byAddress.ContainsKey(kv.Key)).OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
        {
            var (subject, plain, html) = renderer.GrantInformation(slot, today, names);
            mails.Add(new ReminderMail(slot, ReminderAudience.GrantInformation, address, subject, plain, html));
        }

        return mails;
    }

    private static (List<string> Municipalities, List<MissingReport> Operations) Entry(
        Dictionary<string, (List<string> Municipalities, List<MissingReport> Operations)> byAddress, string address)
    {
        if (!byAddress.TryGetValue(address, out var entry))
        {
            entry = ([], []);
            byAddress[address] = entry;
        }

        return entry;
    }

    private async Task<IReadOnlyList<ReminderMail>> StatusReportAsync(
        ReminderSlot slot, DateOnly today, IReadOnlyList<Contact> register, CancellationToken cancellationToken)
    {
        var year = slot.Deadline.ReportedYear;
        var accepted = await reports.ListCurrentAsync(year, cancellationToken);
        var obligations = await _obligations.ForYearAsync(year, cancellationToken);
        var table = registry.Counties
            .Select(c =>
            {
                var county = obligations.For(c.Code);
                return new CountyCompleteness(
                    c.Code,
                    c.Name,
                    accepted.Count(r => r.CountyCode == c.Code),
                    accepted.Count(r => r.CountyCode == c.Code && r.NilReturn),
                    county.Missing.Select(Describe).ToArray())
                {
                    Rule = county.Rule,
                    Owed = county.Owed.Count,
                };
            })
            .ToArray();
        var (subject, plain, html) = renderer.StatusReport(slot, today, table);
        // 15 May is Socialstyrelsen's deadline (the lägesrapport to the government): only its own recipients are reminded.
        return register
            .Where(c => c.Role is ContactRole.NationalBoard)
            .Select(c => Address(c.Email))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(address => new ReminderMail(slot, ReminderAudience.StatusReport, address, subject, plain, html))
            .ToArray();
    }

    /// <summary>
    /// A county board's "reports in" day: each county board whose county still misses annual reports for the reported year
    /// (<see cref="Obligations"/>, the rule the report reminders use) gets its own county's list; a county with nothing
    /// missing gets nothing.
    /// </summary>
    private async Task<IReadOnlyList<ReminderMail>> CountyReportsInAsync(
        ReminderSlot slot, DateOnly today, IReadOnlyList<Contact> register, CancellationToken cancellationToken)
    {
        var year = slot.Deadline.ReportedYear;
        var obligations = await _obligations.ForYearAsync(year, cancellationToken);
        var mails = new List<ReminderMail>();
        foreach (var county in obligations.Counties.Where(c => c.Missing.Any()))
        {
            var countyName = registry.FindCountyByCode(county.CountyCode)?.Name ?? county.CountyCode;
            var missing = county.Missing.Select(Describe).ToArray();
            foreach (var board in BoardAddresses(register, county.CountyCode).Order(StringComparer.OrdinalIgnoreCase))
            {
                var (subject, plain, html) = renderer.CountyReportsIn(slot, countyName, year, county.Rule, missing);
                mails.Add(new ReminderMail(slot, ReminderAudience.CountyBoardDuty, board, subject, plain, html));
            }
        }

        return mails;
    }

    /// <summary>
    /// A county board's "register complete" day: each county that had personligt ombud the year before (a grant register
    /// with Beviljat, or accepted reports that are not nil returns) and whose grant register of the year is not sent, or
    /// still has applications without a decision, gets its own county's list.
    /// </summary>
    private async Task<IReadOnlyList<ReminderMail>> CountyRegisterCompleteAsync(
        ReminderSlot slot, DateOnly today, IReadOnlyList<Contact> register, CancellationToken cancellationToken)
    {
        var year = slot.Deadline.Year;
        var thisYear = registers is null ? [] : await registers.ReadYearAsync(year, cancellationToken);
        var lastYear = registers is null ? [] : await registers.ReadYearAsync(year - 1, cancellationToken);
        var reportsLastYear = await reports.ListCurrentAsync(year - 1, cancellationToken);
        var expected = lastYear.Where(r => r.Applications.Any(a => a.Decision == GrantDecision.Granted)).Select(r => r.CountyCode)
            .Concat(reportsLastYear.Where(r => !r.NilReturn).Select(r => r.CountyCode))
            .Concat(thisYear.Select(r => r.CountyCode))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var mails = new List<ReminderMail>();
        foreach (var county in expected)
        {
            var current = thisYear.FirstOrDefault(r => r.CountyCode == county);
            var pending = current?.Applications.Where(a => a.Decision == GrantDecision.Pending)
                .Select(a => new MissingReport(county, a.OperationName, a.MunicipalityCodes.Select(MunicipalityName).ToArray()))
                .ToArray() ?? [];
            if (current is not null && pending.Length == 0)
            {
                continue;
            }

            var countyName = registry.FindCountyByCode(county)?.Name ?? county;
            foreach (var board in BoardAddresses(register, county).Order(StringComparer.OrdinalIgnoreCase))
            {
                var (subject, plain, html) = renderer.CountyRegisterComplete(slot, countyName, year, current is not null, pending);
                mails.Add(new ReminderMail(slot, ReminderAudience.CountyBoardDuty, board, subject, plain, html));
            }
        }

        return mails;
    }

    private static IEnumerable<string> BoardAddresses(IReadOnlyList<Contact> register, string county) =>
        register.Where(c => c.Role == ContactRole.CountyBoard && c.CountyCode == county)
            .Select(c => Address(c.Email))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private MissingReport Describe(Obligation report) =>
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
