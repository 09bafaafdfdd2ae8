using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Access;
using PoIntake.Core.Contacts;
using PoIntake.Core.CountyBoards;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;
using PoIntake.DevHost.Samples;
using PoIntake.DevHost.Worker.Rpc;
using PoIntake.Tests.Access;
using PoIntake.Tests.Functions;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;

namespace PoIntake.Tests.EndToEnd;

/// <summary>
/// Every kind of function through the real worker process, as devhost runs it: the handshake, the generated metadata
/// against the function classes, each HTTP route, the four blob triggers on Azurite, the reminder timer, and the
/// failure paths (an unexpected exception, a blob that keeps failing). One worker for all of them (<see cref="LocalFunctionsFixture"/>).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RealWorkerTests(AzuriteFixture azurite, LocalFunctionsFixture fixture) : IAsyncLifetime
{
    // A year and county of these tests' own in the worker's storage account.
    private const int Year = 2018;
    private const string County = "13";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private LocalFunctions host = null!;

    public async Task InitializeAsync() => host = await fixture.ForAsync(azurite);

    public Task DisposeAsync() => Task.CompletedTask;

    private static HttpRequestMessage Get(string path, string? header = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (header is not null)
        {
            request.Headers.Add(header, key);
        }

        return request;
    }

    private static HttpRequestMessage National(HttpMethod method, string path) =>
        new(method, path) { Headers = { { AccessKeys.NationalHeader, TestRoleKeys.NationalKey } } };

    private async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    // ---- handshake and metadata ----

    [Fact]
    public void Handshake_WorkerAnnouncesTheCapabilitiesDevhostRelies_AndLoadsEveryDeclaredFunction()
    {
        // Pinned: what the worker packages (Directory.Packages.props) answered when devhost was written. An upgrade that
        // drops one of these changes the protocol devhost speaks; read docs/local-host.md before changing this list.
        string[] pinned = ["HttpUri", "RpcHttpBodyOnly", "RawHttpBodyBytes", "TypedDataCollection", "HandlesWorkerTerminateMessage", "EnableUserCodeException"];
        Assert.All(pinned, capability => Assert.True(host.Worker.Capabilities.ContainsKey(capability), $"the worker no longer announces {capability}"));
        Assert.StartsWith("http://", host.Worker.HttpUri!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(host.Worker.ProcessId);
        Assert.NotEqual(Environment.ProcessId, host.Worker.ProcessId);
        Assert.Equal(FunctionClasses.All.Select(f => f.Name).Order(StringComparer.Ordinal), host.Functions.All.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Metadata_GeneratedByTheWorker_AgreesWithTheFunctionClasses()
    {
        foreach (var declared in FunctionClasses.All)
        {
            var function = Assert.Single(host.Functions.All, f => f.Name == declared.Name);
            Assert.Equal(declared.Method, function.EntryPoint);
            var trigger = function.Trigger;
            Assert.NotNull(trigger);
            Assert.Equal(declared.Parameter, trigger.Name);
            switch (declared.Trigger)
            {
                case HttpTriggerAttribute http:
                    var route = Assert.Single(host.Functions.Http, r => r.Function.Name == declared.Name);
                    Assert.Equal(http.Route ?? declared.Name, route.Route);
                    Assert.Equal(http.Methods!.Select(m => m.ToUpperInvariant()).Order(), route.Methods.Order());
                    Assert.Equal(http.AuthLevel.ToString(), route.AuthLevel, ignoreCase: true);
                    break;
                case BlobTriggerAttribute blob:
                    var blobTrigger = Assert.Single(host.Functions.Blobs, b => b.Function.Name == declared.Name);
                    Assert.Equal(blob.BlobPath, blobTrigger.Path);
                    Assert.Equal(blob.Connection, blobTrigger.Connection);
                    Assert.Equal(blob.Source.ToString(), blobTrigger.Source);
                    break;
                case TimerTriggerAttribute timer:
                    var timerTrigger = Assert.Single(host.Functions.Timers, t => t.Function.Name == declared.Name);
                    Assert.Equal(timer.Schedule, timerTrigger.Schedule);
                    Assert.Equal(timer.RunOnStartup, timerTrigger.RunOnStartup);
                    break;
                default:
                    Assert.Fail($"{declared.Name} has a trigger devhost does not raise: {declared.Trigger.GetType().Name}");
                    break;
            }
        }
    }

    // ---- HTTP: routing ----

    [Fact]
    public async Task Template_RouteValueBound_AnswersTheWorkbookWithItsHeaders()
    {
        using var response = await host.Client.GetAsync("/api/template/2025");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("2025", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), body[..2]);
    }

    [Fact]
    public async Task GrantTemplate_NestedRoute_AnswersTheRegisterTemplate()
    {
        using var response = await host.Client.GetAsync("/api/template/2025/grants");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CountyBoardTemplate_NestedRouteWithCounty_AnswersTheFormWithTheCountyFilledIn()
    {
        using var response = await host.Client.GetAsync("/api/template/2021/countyboard?county=14");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(CountyBoardReportTemplate.FileName(2021), response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal("Västra Götaland", workbook.Worksheet(CountyBoardReportLayout.SheetName).Cell(CountyBoardReportLayout.Cell(CountyBoardReportLayout.County)).GetString());
    }

    [Fact]
    public async Task Template_BadRouteValue_TheFunctionsSwedishProblem()
    {
        var problem = await ProblemAsync(await host.Client.GetAsync("/api/template/tjugo"), HttpStatusCode.BadRequest);

        Assert.Equal("Ogiltigt år", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Routing_WrongMethodAndUnknownRoute_AreNotPassedToTheWorker()
    {
        using var wrongMethod = await host.Client.PostAsync("/api/template/2025", new ByteArrayContent([]));
        using var unknown = await host.Client.GetAsync("/api/finns-inte");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task WebPages_CatchAllRoute_ServesTheEmbeddedPage()
    {
        using var response = await host.Client.GetAsync("/api/web/uppladdning");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lang=\"sv\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindingsWorkbook_JsonBody_AnswersTheWorkbook()
    {
        var body = """[{"code":"SUM_MISMATCH","severity":"Error","sheet":"Klienter","cell":"F5","field":null,"message":"Summan stämmer inte","action":"Rätta summan"}]""";

        using var response = await host.Client.PostAsync("/api/web/findings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
    }

    // ---- HTTP: keys (the app's role keys; the Functions keys are not enforced locally, as with Core Tools) ----

    [Fact]
    public async Task Status_NoNationalKey_RefusedWithTheSwedishProblemAndReason()
    {
        var problem = await ProblemAsync(await host.Client.SendAsync(Get($"/api/status/{Year}")), HttpStatusCode.Forbidden);

        Assert.Equal("Socialstyrelsens nyckel saknas", problem.GetProperty("title").GetString());
        Assert.Equal("nationalKeyMissing", problem.GetProperty("reason").GetString());
    }

    /// <summary>
    /// Every HTTP function, through the worker's AccessMiddleware: each one declaring a role refuses a call without keys
    /// with the 403 of its role before the function runs; the public ones answer without any key. Route values from the
    /// function classes, so a new route is covered as soon as it is declared.
    /// </summary>
    [Fact]
    public async Task EveryRoute_TheAccessItDeclares_EnforcedByTheWorkersMiddleware()
    {
        foreach (var (function, trigger) in FunctionClasses.Http)
        {
            var path = "/api/" + trigger.Route!
                .Replace("{year}", $"{Year}", StringComparison.Ordinal)
                .Replace("{countyCode}", County, StringComparison.Ordinal)
                .Replace("{replayId}", $"Replay{Year}T20260101000000", StringComparison.Ordinal)
                .Replace("{*path}", "uppladdning", StringComparison.Ordinal);
            var type = typeof(PoIntake.Functions.Http.AccessAttribute).Assembly.GetType(function.Method[..function.Method.LastIndexOf('.')])!;
            var (access, _) = PoIntake.Functions.Http.AccessMiddleware.DeclarationOf(type.GetMethod(function.Method[(function.Method.LastIndexOf('.') + 1)..])!);
            using var request = new HttpRequestMessage(new HttpMethod(trigger.Methods![0].ToUpperInvariant()), path) { Content = new ByteArrayContent([]) };

            using var response = await host.Client.SendAsync(request);

            if (access is null)
            {
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{function.Name}: {response.StatusCode}");
                continue;
            }

            var reason = (await ProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("reason").GetString();
            var role = access.Scope switch
            {
                AccessScope.Administration => "administration",
                AccessScope.National => "national",
                _ => "county",
            };
            Assert.True(reason == role + "KeyMissing", $"{function.Name}: {reason}");
        }
    }

    [Fact]
    public async Task Status_YearBeforeTheContract_400FromTheGate()
    {
        var problem = await ProblemAsync(await host.Client.SendAsync(National(HttpMethod.Get, "/api/status/2012")), HttpStatusCode.BadRequest);

        Assert.Equal("Ogiltigt år", problem.GetProperty("title").GetString());
        Assert.Contains($"{ContractLimits.FirstYear}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountyStatus_AnotherCountysKey_Refused_OwnKeyAnswers()
    {
        using var wrong = await host.Client.SendAsync(Get($"/api/status/{Year}/{County}", AccessKeys.CountyHeader, TestRoleKeys.KeyOf("01")));
        using var own = await host.Client.SendAsync(Get($"/api/status/{Year}/{County}", AccessKeys.CountyHeader, TestRoleKeys.KeyOf(County)));

        Assert.Equal("Nyckeln gäller inte för länet", (await ProblemAsync(wrong, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task NationalRoutes_WithTheNationalKey_Answer()
    {
        using var status = await host.Client.SendAsync(National(HttpMethod.Get, $"/api/status/{Year}"));
        using var years = await host.Client.SendAsync(National(HttpMethod.Get, "/api/totals"));
        using var preview = await host.Client.SendAsync(National(HttpMethod.Get, "/api/reminders/preview?date=2026-03-01"));
        using var badPreview = await host.Client.SendAsync(National(HttpMethod.Get, "/api/reminders/preview?date=igår"));

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, years.StatusCode);
        Assert.True(JsonDocument.Parse(await years.Content.ReadAsStringAsync()).RootElement.TryGetProperty("years", out _));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPreview.StatusCode);
    }

    [Fact]
    public async Task ReplayAdministration_EveryRoute_RefusesWithoutTheAdministrationKey()
    {
        (HttpMethod Method, string Path)[] routes =
        [
            (HttpMethod.Post, $"/api/manage/replay/{Year}"),
            (HttpMethod.Get, $"/api/manage/replay/{Year}"),
            (HttpMethod.Get, $"/api/manage/replay/{Year}/r1"),
            (HttpMethod.Post, $"/api/manage/replay/{Year}/r1/switch"),
            (HttpMethod.Delete, $"/api/manage/replay/{Year}/r1"),
        ];

        foreach (var (method, path) in routes)
        {
            using var response = await host.Client.SendAsync(National(method, path));
            Assert.Equal("Förvaltningens nyckel saknas", (await ProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        }

        using var list = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/manage/replay/{Year}")
        {
            Headers = { { AccessKeys.AdministrationHeader, TestRoleKeys.AdministrationKey } },
        });
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    // ---- HTTP: uploads through the worker, then the figures they feed ----

    [Fact]
    public async Task UploadThenFigures_ReportAndGrantRegisterThroughHttp_FeedTotalsGrantFiguresAndTheDraft()
    {
        var report = TestReports.Create(Year, County, "PO Halmstad e2e");
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{Year}/{County}")
        {
            Content = new ByteArrayContent(ReportWorkbookWriter.Write(report)),
            Headers = { { AccessKeys.CountyHeader, TestRoleKeys.KeyOf(County) }, { "x-pointake-file-name", Uri.EscapeDataString("po-halmstad-e2e.xlsx") } },
        };
        using var uploaded = await host.Client.SendAsync(upload);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);

        var register = GrantRegisterTemplate.Write(Year, [Grants.InMemoryGrantRegisters.Application(Year, County, "PO Halmstad e2e", [.. report.Operation.MunicipalityCodes], row: GrantRegisterLayout.FirstDataRow)]);
        using var grants = new HttpRequestMessage(HttpMethod.Post, $"/api/grants/{Year}/{County}")
        {
            Content = new ByteArrayContent(register),
            Headers = { { AccessKeys.CountyHeader, TestRoleKeys.KeyOf(County) } },
        };
        using var grantsAnswer = await host.Client.SendAsync(grants);
        Assert.Equal(HttpStatusCode.OK, grantsAnswer.StatusCode);

        // The upload stores the workbook in reports/; the worker's blob trigger ingests it, and then the year has totals.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        HttpResponseMessage totals;
        while ((totals = await host.Client.SendAsync(National(HttpMethod.Get, $"/api/totals/{Year}"))).StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
        {
            totals.Dispose();
            await Task.Delay(500);
        }

        using var _ = totals;
        Assert.Equal(HttpStatusCode.OK, totals.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await totals.Content.ReadAsStringAsync()).RootElement.GetProperty("reportsIncluded").GetInt32());
        using var csv = await host.Client.SendAsync(National(HttpMethod.Get, $"/api/totals/{Year}?format=csv"));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);

        using var figures = await host.Client.SendAsync(National(HttpMethod.Get, $"/api/grants/{Year}"));
        Assert.Equal(HttpStatusCode.OK, figures.StatusCode);

        using var draft = await host.Client.SendAsync(National(HttpMethod.Get, $"/api/report/{Year}?format=docx"));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", draft.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UploadCountyBoardReport_OwnCountysKeyAccepted_AnotherCountysKeyRefused()
    {
        var form = CountyBoardReportTemplate.Write(Year, County, CountyBoards.CountyBoardReportParserTests.Report(Year, County));
        HttpRequestMessage Upload(string key) => new(HttpMethod.Post, $"/api/countyboard/{Year}/{County}")
        {
            Content = new ByteArrayContent(form),
            Headers = { { AccessKeys.CountyHeader, key } },
        };

        using var refused = await host.Client.SendAsync(Upload(TestRoleKeys.KeyOf("14")));
        using var accepted = await host.Client.SendAsync(Upload(TestRoleKeys.KeyOf(County)));

        Assert.Equal("countyKeyWrong", (await ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Accepted", body.GetProperty("outcome").GetString());
        var stored = await host.Scenario.Get<CountyBoardReportStore>().ReadYearAsync(Year, CancellationToken.None);
        Assert.Equal(body.GetProperty("versionId").GetString(), Assert.Single(stored, r => r.Report.CountyCode == County).VersionId);
    }

    [Fact]
    public async Task UploadReport_NotAWorkbook_Rejected422WithFindings()
    {
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{Year}/{County}")
        {
            Content = new ByteArrayContent("inte en arbetsbok"u8.ToArray()),
            Headers = { { AccessKeys.CountyHeader, TestRoleKeys.KeyOf(County) }, { "x-pointake-file-name", "trasig.xlsx" } },
        };

        using var response = await host.Client.SendAsync(upload);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("findings", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // ---- an unexpected exception: the real ProblemMiddleware ----

    [Fact]
    public async Task UnexpectedException_CorruptRowInStorage_BecomesTheSwedishProblemOfTheWorkersMiddleware()
    {
        // A row no code of the app writes (an outcome that does not exist): reading it throws inside the function, an
        // unexpected exception only the worker's ProblemMiddleware turns into an answer. Year 2099 is this test's.
        var intakeLog = new TableServiceClient(host.ConnectionString).GetTableClient(TableNames.IntakeLog);
        var row = new TableEntity("2099-13", "corrupt") { ["BlobName"] = "2099/13/corrupt.xlsx", ["Outcome"] = "Trasig", ["ProcessedAt"] = DateTimeOffset.UnixEpoch };
        await intakeLog.UpsertEntityAsync(row);
        try
        {
            using var response = await host.Client.SendAsync(National(HttpMethod.Get, "/api/status/2099"));

            var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError);
            Assert.Contains("Internt fel", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            var text = problem.GetRawText();
            Assert.DoesNotContain("Trasig", text, StringComparison.Ordinal);
            Assert.DoesNotContain("ArgumentException", text, StringComparison.Ordinal);
        }
        finally
        {
            await intakeLog.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    // ---- blob triggers (Event Grid source) on Azurite ----

    [Fact]
    public async Task ReportTrigger_ValidAndInvalidSamples_IngestedByTheWorker()
    {
        var valid = await host.DropReportAsync("2021/13/personligt-ombud-halland.xlsx", await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Path, "samples/valid/2021/13/personligt-ombud-halland.xlsx")));
        var invalid = await host.DropReportAsync("2021/03/total-not-sum.xlsx", await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Path, "samples/invalid/2021/03/total-not-sum.xlsx")));

        Assert.Equal(IntakeOutcome.Accepted, valid.Outcome);
        Assert.Equal(IntakeOutcome.Rejected, invalid.Outcome);
        var finding = Assert.Single(invalid.Findings, f => f.Code == "SUM_MISMATCH");
        Assert.Equal(("Klienter", "F5"), (finding.Sheet, finding.Cell));
    }

    [Fact]
    public async Task GrantRegisterTrigger_SampleRegister_BecomesTheCountysCurrentRegister()
    {
        var sample = GrantSamples.Registers(2020)[0];

        Assert.True(await host.DropAsync(ContainerNames.Grants, sample.BlobName, sample.Write()), host.Observer.FailureOf(sample.BlobName));

        var register = await host.Scenario.Get<IGrantRegisterReader>().ReadCountyAsync(2020, sample.CountyCode, CancellationToken.None);
        Assert.NotNull(register);
        Assert.Equal(sample.Applications.Select(a => a.OperationName).Order(), register.Applications.Select(a => a.OperationName).Order());
    }

    [Fact]
    public async Task CountyBoardTrigger_SampleForm_BecomesTheCountysReport()
    {
        var sample = CountyBoardSamples.All().First(s => s.Report.CountyCode == "25");

        Assert.True(await host.DropAsync(ContainerNames.CountyBoard, sample.BlobName, sample.Write()), host.Observer.FailureOf(sample.BlobName));

        var stored = await host.Scenario.Get<CountyBoardReportStore>().ReadYearAsync(sample.Report.Year, CancellationToken.None);
        Assert.Equal(sample.Report, Assert.Single(stored, r => r.Report.CountyCode == "25").Report);
    }

    [Fact]
    public async Task ContactsTrigger_SampleRegister_ReplacesTheCountysContacts()
    {
        var sample = ContactSamples.All().First(c => c.Register != ContactRegisterRules.NationalRegister);

        Assert.True(await host.DropAsync(ContainerNames.Contacts, sample.BlobName, sample.Write()), host.Observer.FailureOf(sample.BlobName));

        var contacts = await host.Scenario.Get<ContactStore>().ListAsync(CancellationToken.None);
        Assert.Equal(sample.Rows.Select(r => r.Email).Order(), contacts.Where(c => c.CountyCode == sample.Register).Select(c => c.Email).Order());
    }

    [Fact]
    public async Task ReportTrigger_FunctionKeepsFailing_TriedAsOftenAsHostJsonSaysThenPoisoned()
    {
        const string blobName = "2017/13/poisoned.xlsx";
        var tables = new TableServiceClient(host.ConnectionString);
        await tables.DeleteTableAsync(TableNames.IntakeLog);
        try
        {
            var succeeded = await host.DropAsync(ContainerNames.Reports, blobName, ReportWorkbookWriter.Write(TestReports.Create(2017, County, "PO Förgiftad")));

            Assert.False(succeeded);
            Assert.Equal(5, host.Observer.AttemptsOf(blobName)); // functions/host.json: extensions.blobs.poisonBlobThreshold
            Assert.NotNull(host.Observer.FailureOf(blobName));
        }
        finally
        {
            await tables.CreateTableIfNotExistsAsync(TableNames.IntakeLog);
        }
    }

    // ---- timer ----

    [Fact]
    public async Task ReminderTimer_RaisedWithTimerInfo_RunsAPassInTheWorker()
    {
        var response = await host.Timers.RunNowAsync("SendDeadlineRemindersFunction", CancellationToken.None);

        Assert.Equal(StatusResult.Types.Status.Success, response.Result.Status);
        // The function's own log line, sent by the worker over the stream for this invocation.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!host.Channel.Logs.Any(l => l.InvocationId == response.InvocationId && l.Message.StartsWith("Reminder timer (past due False)", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the reminder function's log line did not arrive: " + string.Join(" | ", host.Channel.Logs.Where(l => l.Message.Contains("Reminder", StringComparison.Ordinal)).Select(l => $"{l.Category} {l.InvocationId} {l.Message}")) + $" (invocation {response.InvocationId}, {host.Channel.Logs.Count} logs)");
            await Task.Delay(100);
        }
    }
}
