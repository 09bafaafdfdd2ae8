using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PoIntake.Core.Pipeline;
using PoIntake.Core;
using PoIntake.Core.Intake;
using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Hardening;

/// <summary>
/// Structured logging must never carry contact persons' names or e-mail addresses: every log message and every
/// structured value of a full intake of the committed valid samples and of a reminder pass to their contacts is checked.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LogPrivacyTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "pointake-logprivacy-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [Fact]
    public async Task IntakeOfValidSamplesAndReminderPass_LogNoContactNamesOrEmails()
    {
        await using var h = await IntakeHarness.CreateAsync(azurite);
        var root = Path.Combine(RepositoryRoot.Path, "samples", "valid");
        var files = Directory.GetFiles(root, "*.xlsx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);

        var secrets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reportYears = new HashSet<int>();
        foreach (var file in files)
        {
            var blobName = Path.GetRelativePath(root, file).Replace('\\', '/');
            var content = await File.ReadAllBytesAsync(file);
            await h.DropAsync(blobName, content);
            var record = await h.Intake.IngestAsync(blobName, CancellationToken.None);
            Assert.NotEqual(IntakeOutcome.Rejected, record.Outcome);

            var origin = ReportBlobPath.Parse(blobName, Core.Reference.MunicipalityRegistry.Default).Origin!;
            var report = h.Get<IReportParser>().Parse(content, origin).Report!;
            secrets.Add(report.Operation.ContactPerson);
            secrets.Add(report.Operation.ContactEmail);
            reportYears.Add(report.Operation.Year);
        }

        // The reminder pass for the deadline after the newest sample year reminds every operation of that year.
        var newest = reportYears.Max();
        using var provider = ComposeReminders(h.Logs);
        var schedule = provider.GetRequiredService<ReminderSchedule>();
        var deadline = schedule.DeadlineOf(DeadlineKind.AnnualReport, newest + 2);
        var now = schedule.SlotsOf(deadline).Single(s => s.Offset == -14).Moment.AddMinutes(5);
        var pass = await provider.GetRequiredService<ReminderPass>().RunAtAsync(now, DeadlineKind.AnnualReport, CancellationToken.None);
        Assert.True(pass.Sent > 0, "the reminder pass sent nothing, so its logging was not exercised");

        var messages = h.Logs.Entries.Select(e => e.Message).ToList();
        var values = h.Logs.StateValues.ToList();
        Assert.Contains(messages, m => m.Contains("Reminder pass", StringComparison.Ordinal));
        Assert.True(messages.Count > files.Count, "the intake logged nothing");
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            Assert.DoesNotContain(messages, m => m.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        Assert.DoesNotContain(messages.Concat(values), v => v.Contains('@', StringComparison.Ordinal));
    }

    private ServiceProvider ComposeReminders(ILoggerProvider logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PoIntakeStorage"] = azurite.ConnectionString,
            ["Email:Mode"] = "Outbox",
            ["Email:OutboxDirectory"] = _outbox,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(logs));
        services.AddPoIntakeCore(configuration);
        return services.BuildServiceProvider();
    }
}
