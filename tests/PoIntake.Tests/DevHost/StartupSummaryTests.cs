using PoIntake.Core.Intake;
using PoIntake.DevHost;
using PoIntake.DevHost.Functions;
using PoIntake.DevHost.Intake;
using PoIntake.DevHost.Storage;

namespace PoIntake.Tests.DevHost;

public sealed class StartupSummaryTests
{
    private static Finding Error(string code) => new(code, Severity.Error, null, null, null, "fel", "åtgärd");

    private static Finding Warning(string code) => new(code, Severity.Warning, "Klienter", "C5", null, "varning", "kontrollera");

    [Fact]
    public void Render_CountsEachOutcomeAndNamesRejectionCodes()
    {
        var observer = new IntakeObserver();
        observer.Recorded("2021/01/a.xlsx", new IntakeRecord("2021/01/a.xlsx", "1", DateTimeOffset.UnixEpoch, IntakeOutcome.Accepted, "Current", "v1", [Warning("CHANGE_FROM_PREVIOUS_YEAR")]));
        observer.Recorded("2021/03/b.xlsx", new IntakeRecord("2021/03/b.xlsx", "2", DateTimeOffset.UnixEpoch, IntakeOutcome.Rejected, null, null, [Error("FILE_MACRO_ENABLED")]));
        observer.Failed("2021/04/c.xlsx", new TimeoutException());
        UploadedSample[] samples = [new("valid", "2021/01/a.xlsx"), new("invalid", "2021/03/b.xlsx"), new("valid", "2021/04/c.xlsx")];

        var text = StartupSummary.Render(new DevHostOptions("/repo", UploadSamples: true), samples, new FunctionCatalog([typeof(SampleHttpFunctions)]), observer, "/repo/.outbox");

        Assert.Contains("3 uppladdade/uploaded, 1 godkända/accepted, 1 avvisade/rejected, 1 misslyckade/failed", text, StringComparison.Ordinal);
        Assert.Contains("2021/03/b.xlsx: avvisad / rejected: FILE_MACRO_ENABLED", text, StringComparison.Ordinal);
        Assert.Contains("varningar/warnings: 1", text, StringComparison.Ordinal);
        Assert.Contains("TimeoutException", text, StringComparison.Ordinal);
        Assert.Contains("http://localhost:7071/api/things/{id:int}", text, StringComparison.Ordinal);
        Assert.Contains(".eml-filer i / files in /repo/.outbox ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SamplesSkipped_SaysSo()
    {
        var text = StartupSummary.Render(new DevHostOptions("/repo", UploadSamples: false), [], new FunctionCatalog([]), new IntakeObserver(), null);

        Assert.Contains("--no-samples", text, StringComparison.Ordinal);
    }
}
