using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PoIntake.Core.Contacts;
using PoIntake.Core.Email;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;
using PoIntake.DevHost.Samples;
using PoIntake.Tests.Calendar;
using PoIntake.Tests.Grants;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Reminders;

/// <summary>
/// Two whole grant years, 1 July 2021 to 30 June 2023, day by day: the real reminder pass (schedule, targeting, renderer)
/// with the ledger and the contacts register on Azurite, the samples as data (2021 registers, 2021 reports, contacts),
/// compared with a table written here from the ordinance and the regulations alone (who has which duty on which day),
/// not from the targeting code. The reports and registers are read through in-memory ports (the same records the stores
/// return), so the 730 passes take seconds; the store of what was sent is the real one.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WholeCycleTests(AzuriteFixture azurite)
{
    private static readonly ReminderOptions Settings = new();

    [Fact]
    public async Task EveryDayOfTwoGrantYears_MailsAreExactlyTheDuties_EachOnce()
    {
        await azurite.StartAsync();
        var tables = new StorageTables(new TableServiceClient(azurite.ConnectionString), "Cycle" + Guid.NewGuid().ToString("N")[..12]);
        await tables.Get(TableNames.Contacts).CreateAsync();
        await tables.Get(TableNames.ReminderLedger).CreateAsync();
        var contacts = new ContactStore(tables);
        foreach (var register in ContactSamples.All().GroupBy(r => r.Register))
        {
            await contacts.ReplaceCountyAsync(register.Key, [.. register.SelectMany(r => r.Rows).Select(row => ToContact(register.Key, row))], CancellationToken.None);
        }

        var reports2021 = SampleSet.Valid(2021).Append(SampleSet.NilReturn()).Select(Accepted).ToArray();
        var registers2021 = GrantSamples.Registers(2021);
        var registers = new InMemoryGrantRegisters();
        foreach (var sample in registers2021)
        {
            registers.Add(2021, sample.CountyCode, [.. sample.Applications]);
        }

        var directory = new Mock<IReportDirectory>();
        directory.Setup(d => d.ListCurrentAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int year, CancellationToken _) => year == 2021 ? reports2021 : []);
        var sent = new List<(DateOnly Day, string To, Guid Operation)>();
        var today = default(DateOnly);
        var sender = new Mock<IEmailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((EmailMessage m, CancellationToken _) =>
            {
                sent.Add((today, m.To.ToLowerInvariant(), m.IdempotencyKey));
                return EmailSendResult.Sent();
            });
        var options = Options.Create(Settings);
        var schedule = new ReminderSchedule(options, new SwedishWorkingDayCalendar());
        var targeting = new ReminderTargeting(directory.Object, contacts, MunicipalityRegistry.Default, new ReminderMailRenderer(options), registers);
        var ledger = new ReminderLedger(tables, options);
        var pass = new ReminderPass(schedule, targeting, ledger, sender.Object, new FakeTimeProvider(), NullLogger<ReminderPass>.Instance);

        for (today = new DateOnly(2021, 7, 1); today <= new DateOnly(2023, 6, 30); today = today.AddDays(1))
        {
            // Where mail went out, a second pass later that day (as the hourly timer runs) must find everything handled.
            var first = await pass.RunAtAsync(ReminderSchedule.AtSwedishTime(today, new TimeOnly(7, 5)), null, CancellationToken.None);
            if (first.Planned > 0)
            {
                var again = await pass.RunAtAsync(ReminderSchedule.AtSwedishTime(today, new TimeOnly(15, 5)), null, CancellationToken.None);
                Assert.Equal((0, first.Planned), (again.Sent, again.AlreadyHandled));
            }
        }

        // What was sent, with its audience and deadline from the ledger's own key.
        var ledgerRows = await tables.Get(TableNames.ReminderLedger).QueryAllAsync<ReminderLedgerEntity>("", CancellationToken.None);
        var byOperation = ledgerRows.ToDictionary(r => Guid.Parse(r.OperationId), r => (Deadline: r.PartitionKey, Audience: r.RowKey.Split('-')[1]));
        var actual = sent.Select(s => (s.Day, byOperation[s.Operation].Deadline, byOperation[s.Operation].Audience, s.To)).ToList();

        var expected = Expected(await contacts.ListAsync(CancellationToken.None), reports2021, registers2021);

        Assert.Equal(actual.Count, actual.Distinct().Count()); // every mail once
        // Not vacuous: every kind of duty of the two years is in the table, and every mail went out on a working day.
        Assert.All(
            new[] { ("annualReport-2023", "contact"), ("annualReport-2023", "county"), ("grantApplication-2022", "municipality"), ("grantApplication-2022", "status"),
                    ("grantApplication-2023", "status"), ("statusReport-2022", "status"), ("statusReport-2023", "status"), ("countyReportsIn-2023", "countyduty"),
                    ("countyRegisterComplete-2022", "countyduty") },
            kind => Assert.Contains(expected, e => (e.Item2, e.Item3) == kind));
        Assert.DoesNotContain(expected, e => e.Item2 is "annualReport-2022" or "countyReportsIn-2022" or "grantApplication-2023" && e.Item3 != "status");
        Assert.All(actual, a => Assert.True(PoIntake.Core.Calendar.SwedishCalendar.IsWorkingDay(a.Day), $"{a} on a day off"));
        var missing = expected.Except(actual).OrderBy(e => e).Take(10).ToArray();
        var extra = actual.Except(expected).OrderBy(e => e).Take(10).ToArray();
        Assert.True(missing.Length == 0 && extra.Length == 0,
            $"expected {expected.Count}, sent {actual.Count}; missing: {string.Join("; ", missing)}; not owed: {string.Join("; ", extra)}");
    }

    /// <summary>
    /// Who has a duty on which day, from the rules as written (docs/obligations.md, docs/grants.md): the statutory dates
    /// moved to the next working day by the public-holiday oracle; reminders 30, 14, 7 and 1 days before, each moved back to
    /// a working day (the nearest kept when two meet), and for the 15 January reports 7 days after; the county boards' days
    /// of the settings on the next working day.
    /// </summary>
    private static HashSet<(DateOnly, string, string, string)> Expected(
        IReadOnlyList<Contact> contacts, AcceptedReport[] reports2021, IReadOnlyList<GrantSample> registers2021)
    {
        var expected = new HashSet<(DateOnly, string, string, string)>();
        static string? Mail(string? address) => address is { } a && a.Contains('@', StringComparison.Ordinal) ? a.Trim().ToLowerInvariant() : null;
        var municipalityContacts = contacts.Where(c => c.Role == ContactRole.Municipality).ToArray();
        string[] Boards(string county) => [.. contacts.Where(c => c.Role == ContactRole.CountyBoard && c.CountyCode == county).Select(c => Mail(c.Email)).OfType<string>()];
        var national = contacts.Where(c => c.Role == ContactRole.NationalBoard).Select(c => Mail(c.Email)).OfType<string>().ToArray();
        var granted2021 = registers2021.SelectMany(r => r.Applications).Where(a => a.Decision == GrantDecision.Granted).ToArray();

        void Add(IEnumerable<DateOnly> days, string deadline, string audience, IEnumerable<string> recipients)
        {
            foreach (var day in days)
            {
                foreach (var to in recipients)
                {
                    expected.Add((day, deadline, audience, to));
                }
            }
        }

        foreach (var year in new[] { 2022, 2023 })
        {
            // 15 January (förordning (2013:522)): the verksamheter that owe the report for year − 1 and have not sent it,
            // their municipalities' contacts, and their county boards. 2021 is owed by the register's Beviljat (all reported);
            // 2022 has no register, so by those that reported 2021, and nobody has reported 2022.
            var reported = year - 1;
            var owed = reported == 2021
                ? granted2021.Where(a => !reports2021.Any(r => r.CountyCode == a.CountyCode && r.OperationKey == a.OperationKey))
                    .Select(a => (a.CountyCode, a.MunicipalityCodes, Contact: a.ContactEmail)).ToArray()
                : reports2021.Select(r => (r.CountyCode, r.MunicipalityCodes, Contact: r.ContactEmail)).ToArray();
            var annual = Days(new DateOnly(year, 1, 15), after: true);
            Add(annual, $"annualReport-{year}", "contact",
                owed.Select(o => Mail(o.Contact)).OfType<string>()
                    .Concat(municipalityContacts.Where(c => owed.Any(o => o.MunicipalityCodes.Contains(c.MunicipalityCode!))).Select(c => Mail(c.Email)).OfType<string>()));
            Add(annual, $"annualReport-{year}", "county", owed.Select(o => o.CountyCode).Distinct().SelectMany(Boards));

            // 1 March (HSLF-FS 2016:98 2 §): those granted the year before and not applied (no register for the year yet).
            var applicationDays = Days(new DateOnly(year, 3, 1), after: false);
            var grantedLastYear = year == 2022 ? granted2021 : [];
            var municipalitiesGranted = grantedLastYear.SelectMany(a => a.MunicipalityCodes).ToHashSet(StringComparer.Ordinal);
            Add(applicationDays, $"grantApplication-{year}", "municipality",
                grantedLastYear.Select(a => Mail(a.ContactEmail)).OfType<string>()
                    .Concat(municipalityContacts.Where(c => municipalitiesGranted.Contains(c.MunicipalityCode!)).Select(c => Mail(c.Email)).OfType<string>()));
            // The opt-in: one informational mail a year, in the first reminder, to an opted-in municipality that owes nothing.
            Add([applicationDays[0]], $"grantApplication-{year}", "status",
                municipalityContacts.Where(c => c.GrantInformation && !municipalitiesGranted.Contains(c.MunicipalityCode!)).Select(c => Mail(c.Email)).OfType<string>());

            // 15 May (förordning (2013:522)): Socialstyrelsen's own duty.
            Add(Days(new DateOnly(year, 5, 15), after: false), $"statusReport-{year}", "status", national);

            // The county boards' own days (settings): reports in (what their county still misses for year − 1) and register
            // complete (a county that had personligt ombud the year before and has no register for the year).
            Add([PublicHolidayOracle.NextWorkingDayOnOrAfter(new DateOnly(year, 2, 15))], $"countyReportsIn-{year}", "countyduty",
                owed.Select(o => o.CountyCode).Distinct().SelectMany(Boards));
            var hadPoLastYear = year == 2022
                ? granted2021.Select(a => a.CountyCode).Concat(reports2021.Where(r => !r.NilReturn).Select(r => r.CountyCode)).Distinct()
                : [];
            Add([PublicHolidayOracle.NextWorkingDayOnOrAfter(new DateOnly(year, 4, 15))], $"countyRegisterComplete-{year}", "countyduty",
                hadPoLastYear.SelectMany(Boards));
        }

        return expected;
    }

    /// <summary>The reminder days of a statutory date (moved to a working day): 30, 14, 7, 1 before (moved back), and 7 after for the reports.</summary>
    private static DateOnly[] Days(DateOnly nominal, bool after)
    {
        var date = PublicHolidayOracle.NextWorkingDayOnOrAfter(nominal);
        var before = Settings.DaysBefore.Select(n => PublicHolidayOracle.PreviousWorkingDayOnOrBefore(date.AddDays(-n))).Distinct();
        return [.. before.Concat(after ? Settings.AnnualReportDaysAfter.Select(n => date.AddDays(n)) : []).Order()];
    }

    private static AcceptedReport Accepted(ValidSample sample)
    {
        var operation = sample.Report.Operation;
        return new AcceptedReport(
            operation.Year, sample.CountyCode, OperationKey.From(operation.Name), operation.Name, sample.Report.IsNilReturn,
            operation.MunicipalityCodes, operation.ContactPerson, operation.ContactEmail);
    }

    private static Contact ToContact(string register, (string Role, string? MunicipalityCode, string Name, string Email, bool GrantInformation) row) => row.Role switch
    {
        "Kommun" => new Contact(register, ContactRole.Municipality, row.MunicipalityCode, row.Name, row.Email, row.GrantInformation),
        "Länsstyrelse" => new Contact(register, ContactRole.CountyBoard, null, row.Name, row.Email),
        _ => new Contact(register, ContactRole.NationalBoard, null, row.Name, row.Email),
    };
}
