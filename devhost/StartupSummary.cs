using System.Text;
using Microsoft.Extensions.Options;
using PoIntake.Core.Email;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.DevHost.Azurite;
using PoIntake.DevHost.Blobs;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Storage;
using PoIntake.DevHost.Worker;

namespace PoIntake.DevHost;

/// <summary>The worker as the summary names it: its process, how it was started and how long it took.</summary>
internal sealed record WorkerSummary(int? ProcessId, string CommandLine, string? Description, TimeSpan? StartDuration, Uri? HttpUri);

/// <summary>Once the samples have been through the worker's intake, prints what was accepted or rejected and where to look (Swedish / English).</summary>
internal sealed partial class StartupSummary(
    DevHostOptions options,
    DevEnvironment environment,
    DevStorage storage,
    WorkerHost worker,
    BlobTriggerWatcher watcher,
    IntakeObserver observer,
    IOptions<EmailOptions> email,
    IHostApplicationLifetime lifetime,
    ILogger<StartupSummary> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        WorkerFunctions functions;
        try
        {
            functions = await worker.Ready.WaitAsync(stoppingToken);
            await watcher.FirstPassCompleted.WaitAsync(stoppingToken);
        }
        catch (Exception) when (!stoppingToken.IsCancellationRequested)
        {
            return; // the worker host or the storage has said why
        }

        var results = new Dictionary<string, IntakeResultDocument>();
        try
        {
            if (environment.UploadedSamples.Count > 0)
            {
                results = await ReadResultsAsync(stoppingToken);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The summary is a convenience: it must never stop the host.
            LogResultsUnreadable(logger, ex);
        }

        var outbox = email.Value.EffectiveMode == EmailMode.Outbox ? Path.GetFullPath(email.Value.OutboxDirectory ?? ".outbox") : null;
        var summary = new WorkerSummary(worker.ProcessId, worker.CommandLine, worker.WorkerDescription, worker.StartDuration, worker.HttpUri);
        Console.Out.Write(Render(options, environment.UploadedSamples, functions, summary, results, observer, outbox));
    }

    /// <summary>The validation report of each upload the intake wrote (the newest per blob), keyed by blob name.</summary>
    private async Task<Dictionary<string, IntakeResultDocument>> ReadResultsAsync(CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, IntakeResultDocument>(StringComparer.Ordinal);
        var container = storage.Blobs().GetBlobContainerClient(ContainerNames.IntakeResults);
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            // The container also holds other kinds of validation report (grant registers, contacts); only report intakes name a Blob.
            var document = content.Value.Content.ToObjectFromJson<IntakeResultDocument>(IntakeJson.Options);
            if (document is { Blob: not null } && (!results.TryGetValue(document.Blob, out var known) || known.ReceivedAt < document.ReceivedAt))
            {
                results[document.Blob] = document;
            }
        }

        return results;
    }

    /// <param name="outboxDirectory">Where reminder mails are written (absolute), or null when they go to the e-mail service.</param>
    internal static string Render(
        DevHostOptions options,
        IReadOnlyList<UploadedSample> samples,
        WorkerFunctions functions,
        WorkerSummary worker,
        IReadOnlyDictionary<string, IntakeResultDocument> results,
        IntakeObserver observer,
        string? outboxDirectory)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"PoIntake devhost kör / is running: {options.BaseUrl}");
        text.AppendLine(
            $"Funktionsprocess / worker process: pid {worker.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} " +
            $"({worker.CommandLine}{(worker.Description is null ? "" : "; " + worker.Description)}), " +
            $"{functions.All.Count} funktioner/functions loaded" +
            (worker.StartDuration is { } took ? $" in {took.TotalSeconds:0.0} s" : "") +
            (worker.HttpUri is null ? "" : $", its HTTP at {worker.HttpUri}"));
        foreach (var blob in functions.Blobs.OrderBy(b => b.Function.Name, StringComparer.Ordinal))
        {
            text.AppendLine($"  blob   {blob.Function.Name}: {blob.Path} (source {blob.Source ?? "LogsAndContainerScan"}, connection {blob.Connection ?? "AzureWebJobsStorage"})");
        }

        foreach (var timer in functions.Timers.OrderBy(t => t.Function.Name, StringComparer.Ordinal))
        {
            text.AppendLine($"  timer  {timer.Function.Name}: {timer.Schedule}");
        }

        if (samples.Count == 0)
        {
            text.AppendLine(options.UploadSamples
                ? $"Inga exempelfiler laddades upp / no samples uploaded (container '{ContainerNames.Reports}' was not empty, or {options.SamplesDirectory} has none)."
                : "Exempelfiler hoppades över / samples skipped (--no-samples).");
        }
        else
        {
            var outcomes = samples.Select(s => (Sample: s, Result: results.GetValueOrDefault(s.BlobName), Failure: observer.FailureOf(s.BlobName))).ToList();
            text.AppendLine(
                $"Exempelfiler / samples: {samples.Count} uppladdade/uploaded, " +
                $"{outcomes.Count(o => o.Result?.Outcome == IntakeOutcome.Accepted)} godkända/accepted, " +
                $"{outcomes.Count(o => o.Result?.Outcome == IntakeOutcome.Rejected)} avvisade/rejected, " +
                $"{outcomes.Count(o => o.Result is null || o.Result.Outcome == IntakeOutcome.Failed)} misslyckade/failed");
            foreach (var (sample, result, failure) in outcomes)
            {
                text.AppendLine($"  [{sample.Kind,-7}] {sample.BlobName}: {Describe(result, failure)}");
            }
        }

        text.AppendLine("Var du tittar / where to look:");
        foreach (var route in functions.Http.OrderBy(f => f.Route, StringComparer.Ordinal))
        {
            text.AppendLine($"  {string.Join(',', route.Methods),-8} {options.BaseUrl}/{Worker.HttpFunctionForwarder.RoutePrefix}/{route.Route}");
        }

        if (functions.Http.Count == 0)
        {
            text.AppendLine("  (inga HTTP-funktioner ännu / no HTTP functions yet)");
        }

        text.AppendLine($"  Lagring / storage: Azurite, anslutning/connection \"UseDevelopmentStorage=true\" (Azure Storage Explorer: Emulator & Connected > Local).");
        text.AppendLine($"    blob http://127.0.0.1:{AzuriteLauncher.BlobPort}/devstoreaccount1, queue http://127.0.0.1:{AzuriteLauncher.QueuePort}/devstoreaccount1, table http://127.0.0.1:{AzuriteLauncher.TablePort}/devstoreaccount1");
        text.AppendLine($"  Uppladdningar / uploads: container '{ContainerNames.Reports}'; valideringsrapporter / validation reports: '{ContainerNames.IntakeResults}'.");
        text.AppendLine($"  Tabeller / tables: {string.Join(", ", TableNames.All)}.");
        text.AppendLine(outboxDirectory is null
            ? "  Påminnelser / reminders: skickas med e-posttjänsten / sent through the e-mail service (Email:Mode Acs)."
            : $"  Påminnelser / reminders: .eml-filer i / files in {outboxDirectory} (POST {options.BaseUrl}{Reminders.ReminderDevEndpoints.Route}?date=ÅÅÅÅ-MM-DD).");
        text.AppendLine($"  Ladda upp en fil till / drop a file into '{ContainerNames.Reports}/{{år}}/{{länskod}}/{{namn}}.xlsx' and the watcher hands it to the worker within seconds.");
        return text.ToString();
    }

    private static string Describe(IntakeResultDocument? result, string? failure) => result switch
    {
        null => $"misslyckades / failed ({failure ?? "not processed"})",
        { Outcome: IntakeOutcome.Accepted } => $"godkänd / accepted (varningar/warnings: {result.WarningCount})",
        { Outcome: IntakeOutcome.Rejected } => "avvisad / rejected: " + string.Join(", ", result.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Code).Distinct().Take(5)),
        _ => $"misslyckades / failed ({failure ?? result.Outcome.ToString()})",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the samples' validation reports for the summary")]
    private static partial void LogResultsUnreadable(ILogger logger, Exception exception);
}
