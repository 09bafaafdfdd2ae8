using System.Text;
using Microsoft.Extensions.Options;
using PoIntake.Core.Email;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.DevHost.Azurite;
using PoIntake.DevHost.Blobs;
using PoIntake.DevHost.Functions;
using PoIntake.DevHost.Intake;

namespace PoIntake.DevHost;

/// <summary>Once the samples have been through the intake, prints what was accepted or rejected and where to look (Swedish / English).</summary>
internal sealed class StartupSummary(
    DevHostOptions options,
    DevEnvironment environment,
    BlobTriggerWatcher watcher,
    FunctionCatalog catalog,
    IntakeObserver observer,
    IOptions<EmailOptions> email,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        await watcher.FirstPassCompleted.WaitAsync(stoppingToken);
        var outbox = email.Value.EffectiveMode == EmailMode.Outbox ? Path.GetFullPath(email.Value.OutboxDirectory ?? ".outbox") : null;
        Console.Out.Write(Render(options, environment.UploadedSamples, catalog, observer, outbox));
    }

    /// <param name="outboxDirectory">Where reminder mails are written (absolute), or null when they go to the e-mail service.</param>
    internal static string Render(
        DevHostOptions options, IReadOnlyList<Storage.UploadedSample> samples, FunctionCatalog catalog, IntakeObserver observer, string? outboxDirectory)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"PoIntake devhost kör / is running: {DevHostOptions.Url}");
        if (samples.Count == 0)
        {
            text.AppendLine(options.UploadSamples
                ? $"Inga exempelfiler laddades upp / no samples uploaded (container '{ContainerNames.Reports}' was not empty, or {options.SamplesDirectory} has none)."
                : "Exempelfiler hoppades över / samples skipped (--no-samples).");
        }
        else
        {
            var outcomes = samples.Select(s => (Sample: s, Record: observer.Find(s.BlobName), Failure: observer.FailureOf(s.BlobName))).ToList();
            text.AppendLine(
                $"Exempelfiler / samples: {samples.Count} uppladdade/uploaded, " +
                $"{outcomes.Count(o => o.Record?.Outcome == IntakeOutcome.Accepted)} godkända/accepted, " +
                $"{outcomes.Count(o => o.Record?.Outcome == IntakeOutcome.Rejected)} avvisade/rejected, " +
                $"{outcomes.Count(o => o.Record is null || o.Record.Outcome == IntakeOutcome.Failed)} misslyckade/failed");
            foreach (var (sample, record, failure) in outcomes)
            {
                text.AppendLine($"  [{sample.Kind,-7}] {sample.BlobName}: {Describe(record, failure)}");
            }
        }

        text.AppendLine("Var du tittar / where to look:");
        foreach (var function in catalog.Http.OrderBy(f => f.Route, StringComparer.Ordinal))
        {
            text.AppendLine($"  {string.Join(',', function.Methods),-8} {DevHostOptions.Url}/{HttpFunctionEndpoints.RoutePrefix}/{function.Route}");
        }

        if (catalog.Http.Count == 0)
        {
            text.AppendLine("  (inga HTTP-funktioner ännu / no HTTP functions yet)");
        }

        text.AppendLine($"  Lagring / storage: Azurite, anslutning/connection \"UseDevelopmentStorage=true\" (Azure Storage Explorer: Emulator & Connected > Local).");
        text.AppendLine($"    blob http://127.0.0.1:{AzuriteLauncher.BlobPort}/devstoreaccount1, queue http://127.0.0.1:{AzuriteLauncher.QueuePort}/devstoreaccount1, table http://127.0.0.1:{AzuriteLauncher.TablePort}/devstoreaccount1");
        text.AppendLine($"  Uppladdningar / uploads: container '{ContainerNames.Reports}'; valideringsrapporter / validation reports: '{ContainerNames.IntakeResults}'.");
        text.AppendLine($"  Tabeller / tables: {string.Join(", ", TableNames.All)}.");
        text.AppendLine(outboxDirectory is null
            ? "  Påminnelser / reminders: skickas med e-posttjänsten / sent through the e-mail service (Email:Mode Acs)."
            : $"  Påminnelser / reminders: .eml-filer i / files in {outboxDirectory} (POST {DevHostOptions.Url}{Reminders.ReminderDevEndpoints.Route}?date=ÅÅÅÅ-MM-DD).");
        text.AppendLine($"  Ladda upp en fil till / drop a file into '{ContainerNames.Reports}/{{år}}/{{länskod}}/{{namn}}.xlsx' and the watcher ingests it within seconds.");
        return text.ToString();
    }

    private static string Describe(IntakeRecord? record, string? failure) => record switch
    {
        null => $"misslyckades / failed ({failure ?? "not processed"})",
        { Outcome: IntakeOutcome.Accepted } => $"godkänd / accepted (varningar/warnings: {record.Findings.Count(f => f.Severity == Severity.Warning)})",
        { Outcome: IntakeOutcome.Rejected } => "avvisad / rejected: " + string.Join(", ", record.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Code).Distinct().Take(5)),
        _ => $"misslyckades / failed ({failure ?? record.Outcome.ToString()})",
    };
}
