using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.DevHost;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Storage;
using PoIntake.DevHost.Worker;

namespace PoIntake.Tests.DevHost;

public sealed class StartupSummaryTests
{
    private static readonly WorkerFunctions Functions = WorkerFunctions.FromMetadata(
    [
        FakeWorker.ReportIntake(),
        FakeWorker.Function("GetThing", """{"name":"request","direction":"In","type":"httpTrigger","authLevel":"Anonymous","methods":["get"],"route":"things/{id:int}"}""", """{"name":"$return","direction":"Out","type":"http"}"""),
        FakeWorker.Function("Ping", """{"name":"request","direction":"In","type":"httpTrigger","authLevel":"Anonymous","methods":["get"]}"""),
        FakeWorker.Function("Morning", """{"name":"timer","direction":"In","type":"timerTrigger","schedule":"%MorningSchedule%","runOnStartup":false}"""),
    ]);

    private static readonly WorkerSummary Worker = new(4242, "dotnet /app/PoIntake.Functions.dll --functions-uri http://127.0.0.1:5000/", ".NET 10.0.1, worker 2.52.0.0", TimeSpan.FromSeconds(3.2), new Uri("http://localhost:5001/"));

    private static Finding Error(string code) => new(code, Severity.Error, null, null, null, "fel", "åtgärd");

    private static Finding Warning(string code) => new(code, Severity.Warning, "Klienter", "C5", null, "varning", "kontrollera");

    private static IntakeResultDocument Result(string blob, IntakeOutcome outcome, params Finding[] findings) =>
        new(blob, "ab", DateTimeOffset.UnixEpoch, outcome, 2021, "01", null, null,
            findings.Count(f => f.Severity == Severity.Error), findings.Count(f => f.Severity == Severity.Warning), findings);

    [Fact]
    public void Render_CountsEachOutcomeAndNamesRejectionCodes()
    {
        var observer = new IntakeObserver();
        observer.Failed("2021/04/c.xlsx", "storage down");
        var results = new Dictionary<string, IntakeResultDocument>
        {
            ["2021/01/a.xlsx"] = Result("2021/01/a.xlsx", IntakeOutcome.Accepted, Warning("CHANGE_FROM_PREVIOUS_YEAR")),
            ["2021/03/b.xlsx"] = Result("2021/03/b.xlsx", IntakeOutcome.Rejected, Error("FILE_MACRO_ENABLED")),
        };
        UploadedSample[] samples = [new("valid", "2021/01/a.xlsx"), new("invalid", "2021/03/b.xlsx"), new("valid", "2021/04/c.xlsx")];

        var text = StartupSummary.Render(new DevHostOptions("/repo", UploadSamples: true), samples, Functions, Worker, results, observer, "/repo/.outbox");

        Assert.Contains("3 uppladdade/uploaded, 1 godkända/accepted, 1 avvisade/rejected, 1 misslyckade/failed", text, StringComparison.Ordinal);
        Assert.Contains("2021/03/b.xlsx: avvisad / rejected: FILE_MACRO_ENABLED", text, StringComparison.Ordinal);
        Assert.Contains("varningar/warnings: 1", text, StringComparison.Ordinal);
        Assert.Contains("2021/04/c.xlsx: misslyckades / failed (storage down)", text, StringComparison.Ordinal);
        Assert.Contains("http://localhost:7071/api/things/{id:int}", text, StringComparison.Ordinal);
        Assert.Contains("http://localhost:7071/api/Ping", text, StringComparison.Ordinal);
        Assert.Contains(".eml-filer i / files in /repo/.outbox ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NamesTheWorkerProcessAndItsFunctions()
    {
        var text = StartupSummary.Render(new DevHostOptions("/repo", UploadSamples: false), [], Functions, Worker, new Dictionary<string, IntakeResultDocument>(), new IntakeObserver(), null);

        Assert.Contains("worker process: pid 4242 (dotnet /app/PoIntake.Functions.dll", text, StringComparison.Ordinal);
        Assert.Contains("4 funktioner/functions loaded in 3.2 s", text, StringComparison.Ordinal);
        Assert.Contains("blob   IngestReportFunction: reports/{year}/{countyCode}/{name}.xlsx (source EventGrid, connection PoIntakeStorage)", text, StringComparison.Ordinal);
        Assert.Contains("timer  Morning: %MorningSchedule%", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SamplesSkipped_SaysSo()
    {
        var text = StartupSummary.Render(new DevHostOptions("/repo", UploadSamples: false), [], WorkerFunctions.None, Worker, new Dictionary<string, IntakeResultDocument>(), new IntakeObserver(), null);

        Assert.Contains("--no-samples", text, StringComparison.Ordinal);
        Assert.Contains("no HTTP functions yet", text, StringComparison.Ordinal);
    }
}
