using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoIntake.Core;
using PoIntake.Core.Calendar;
using PoIntake.Core.Contacts;
using PoIntake.Core.Email;
using PoIntake.Core.Intake.Screening;
using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;
using PoIntake.Core.Template;
using PoIntake.Tests.Totals;
using PoIntake.Tests.Access;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PoIntake.Core.Reference;
using PoIntake.Core.Status;
using PoIntake.Core.Totals;
using PoIntake.Functions.Http;
using PoIntake.Tests.Storage;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Http;

/// <summary>
/// Error answers of the HTTP functions are application/problem+json in Swedish and never leak exception types, messages
/// or stack frames, also when our own store port throws something nobody expected.
/// </summary>
public sealed class ProblemResponseTests : IDisposable
{
    private const string Leak = "secret-account-key-in-exception-message";
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;

    public ProblemResponseTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));

    public void Dispose() => _loggers.Dispose();

    [Fact]
    public async Task GetNationalTotals_StoreThrowsUnexpectedly_500ProblemWithoutExceptionDetails()
    {
        var function = Totals(Throwing());

        var result = await ThroughMiddlewareAsync("GetNationalTotals", () => Call(function.RunAsync, NationalGet(), "2025"));

        var body = AssertProblem(result, StatusCodes.Status500InternalServerError);
        AssertNoExceptionDetails(body.GetRawText());
        var logged = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task ListTotalsYears_StoreThrowsUnexpectedly_500ProblemWithoutExceptionDetails()
    {
        var function = new ListTotalsYearsFunction(Service(Throwing()));

        var result = await ThroughMiddlewareAsync("ListTotalsYears", () => Call(function.RunAsync, NationalGet()));

        AssertNoExceptionDetails(AssertProblem(result, StatusCodes.Status500InternalServerError).GetRawText());
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task GetStatus_StoreThrowsUnexpectedly_500ProblemWithoutExceptionDetails()
    {
        var log = new Mock<IIntakeLogReader>();
        log.Setup(l => l.ReadAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var status = new StatusService(Throwing().Object, log.Object, new StatusCalculator(MunicipalityRegistry.Default), new FakeTimeProvider());
        var function = new GetStatusFunction(status);

        var result = await ThroughMiddlewareAsync("GetStatus", () => Call(function.RunAsync, NationalGet(), "2025"));

        AssertNoExceptionDetails(AssertProblem(result, StatusCodes.Status500InternalServerError).GetRawText());
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task UploadReport_StorageUnreachable_500ProblemWithoutExceptionDetails()
    {
        // The real storage SDK against a port where nothing listens (no retries, so the failure is immediate).
        var account = new Uri($"http://127.0.0.1:1/{AzuriteFixture.AccountName}");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionNames.Storage] = "UseDevelopmentStorage=true" })
            .Build();
        var blobOptions = new BlobClientOptions();
        blobOptions.Retry.MaxRetries = 0;
        var tableOptions = new TableClientOptions();
        tableOptions.Retry.MaxRetries = 0;
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(new BlobServiceClient(account, new StorageSharedKeyCredential(AzuriteFixture.AccountName, AzuriteFixture.AccountKey), blobOptions))
            .AddSingleton(new TableServiceClient(account, new TableSharedKeyCredential(AzuriteFixture.AccountName, AzuriteFixture.AccountKey), tableOptions))
            .AddPoIntakeCore(configuration)
            .AddPoIntakeScreening(configuration)
            .BuildServiceProvider();
        var function = ActivatorUtilities.CreateInstance<UploadReportFunction>(services);
        var report = ReportWorkbookWriter.Write(StorageScenario.ValidReport(new Random(3), 2026, "25", "PO Kiruna", "2584"));

        var result = await ThroughMiddlewareAsync("UploadReport", () => Call(function.RunAsync, Post(report, countyKey: TestRoleKeys.KeyOf("25")), "2026", "25"));

        AssertNoExceptionDetails(AssertProblem(result, StatusCodes.Status500InternalServerError).GetRawText());
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception is not null);
    }

    [Fact]
    public async Task GetReminderPreview_ContactsPortThrows_500ProblemWithoutExceptionDetails()
    {
        var contacts = new Mock<IContactDirectory>();
        contacts.Setup(c => c.ListAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException(Leak));
        var reports = new Mock<IReportDirectory>();
        reports.Setup(r => r.ListCurrentAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var settings = Options.Create(new ReminderOptions());
        var pass = new ReminderPass(
            new ReminderSchedule(settings, new SwedishWorkingDayCalendar()),
            new ReminderTargeting(reports.Object, contacts.Object, MunicipalityRegistry.Default, new ReminderMailRenderer(settings)),
            new ReminderLedger(new TableServiceClient("UseDevelopmentStorage=true"), settings),
            new Mock<IEmailSender>(MockBehavior.Strict).Object,
            TimeProvider.System,
            _loggers.CreateLogger<ReminderPass>());
        var function = new GetReminderPreviewFunction(pass);

        // Friday 30 January 2037 has a grant-application reminder (30 days before falls on Saturday 31 January and moves
        // to the Friday), so the pass must ask the contacts port.
        var result = await ThroughMiddlewareAsync("GetReminderPreview", () => Call(function.RunAsync, NationalGet("?date=2037-01-30")));

        AssertNoExceptionDetails(AssertProblem(result, StatusCodes.Status500InternalServerError).GetRawText());
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task GetNationalTotals_RequestCancelled_CancellationNotTurnedInto500()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var store = new Mock<ITotalsStore>();
        store.Setup(s => s.ReadRevisionsAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OperationCanceledException(cancelled.Token));
        store.Setup(s => s.ReadAllRevisionsAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ThroughMiddlewareAsync("GetNationalTotals", () => CallWith(TestRoleKeys.Required(), null, Totals(store).RunAsync, NationalGet(), cancelled.Token, "2025"), cancelled.Token));
    }

    [Theory]
    [InlineData("20x5", "")]
    [InlineData("2025", "?format=pdf")]
    [InlineData("2025", "")]
    public async Task GetNationalTotals_ErrorPaths_ProblemJsonWithoutExceptionDetails(string year, string query)
    {
        var store = new Mock<ITotalsStore>();
        store.Setup(s => s.ReadRevisionsAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        store.Setup(s => s.ReadAllRevisionsAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var result = await Call(Totals(store).RunAsync, NationalGet(query), year);

        var content = Assert.IsType<Microsoft.AspNetCore.Mvc.ContentResult>(result);
        Assert.True(content.StatusCode is 400 or 404, $"status {content.StatusCode}");
        AssertNoExceptionDetails(AssertProblem(result, content.StatusCode!.Value).GetRawText());
    }

    /// <summary>Runs the function the way the worker's <see cref="ProblemMiddleware"/> and devhost do: through <see cref="HttpResults.CatchUnexpectedAsync"/>.</summary>
    private async Task<IActionResult> ThroughMiddlewareAsync(string function, Func<Task<IActionResult>> run, CancellationToken cancellationToken = default)
    {
        IActionResult? result = null;
        var problem = await HttpResults.CatchUnexpectedAsync(async () => result = await run(), _loggers.CreateLogger<ProblemMiddleware>(), function, cancellationToken);
        return problem ?? result!;
    }

    private static void AssertNoExceptionDetails(string body)
    {
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Leak, body, StringComparison.Ordinal);
        Assert.DoesNotContain("PoIntake.", body, StringComparison.Ordinal);
    }

    private static Mock<ITotalsStore> Throwing()
    {
        var store = new Mock<ITotalsStore>();
        var failure = new InvalidOperationException(Leak);
        store.Setup(s => s.ReadRevisionsAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        store.Setup(s => s.ReadAllRevisionsAsync(It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        store.Setup(s => s.ReadCurrentReportsAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        return store;
    }

    private TotalsService Service(Mock<ITotalsStore> store) =>
        new(store.Object, new TotalsCalculator(MunicipalityRegistry.Default), new FakeTimeProvider(), _loggers.CreateLogger<TotalsService>());

    private GetNationalTotalsFunction Totals(Mock<ITotalsStore> store) =>
        new(Service(store), new TotalsXlsxExporter(), new TotalsCsvExporter(),
            new PoIntake.Core.Storage.YearClosureStore(new Azure.Data.Tables.TableServiceClient("UseDevelopmentStorage=true"), new FakeTimeProvider(), Microsoft.Extensions.Options.Options.Create(new PoIntake.Core.Storage.YearClosingOptions())),
            _loggers.CreateLogger<GetNationalTotalsFunction>());
}
