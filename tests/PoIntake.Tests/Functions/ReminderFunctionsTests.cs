using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using PoIntake.Core;
using PoIntake.Core.Contacts;
using PoIntake.Core.Email;
using PoIntake.Core.Reference;
using PoIntake.Core.Reminders;
using PoIntake.Functions.Http;
using PoIntake.Functions.Reminders;
using PoIntake.Tests.Access;
using PoIntake.Tests.Storage;

namespace PoIntake.Tests.Functions;

[Collection(AzuriteCollection.Name)]
public sealed class ReminderFunctionsTests(AzuriteFixture storage)
{
    [Theory]
    [InlineData("")]
    [InlineData("2027-13-01")]
    [InlineData("18/12/2027")]
    public async Task Preview_BadDate_ProblemDetails400(string date)
    {
        var function = new GetReminderPreviewFunction(Pass(new Mock<IEmailSender>(MockBehavior.Strict).Object));

        var result = Assert.IsType<ContentResult>(await PoIntake.Tests.Http.HttpFunctionTestKit.Call(function.RunAsync, Request(date)));

        Assert.Equal(400, result.StatusCode);
        Assert.StartsWith("application/problem+json", result.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_DayWithReminders_ListsThemAndSendsNothing()
    {
        var sender = new Mock<IEmailSender>(MockBehavior.Strict);
        var function = new GetReminderPreviewFunction(Pass(sender.Object));

        // grantApplication 2037: Monday 2 March (1 March is a Sunday); 30 days before is Saturday 31 January 2037, so the
        // reminder goes out Friday 30 January.
        var result = Assert.IsType<ContentResult>(await PoIntake.Tests.Http.HttpFunctionTestKit.Call(function.RunAsync, Request("2037-01-30")));

        Assert.Equal(200, result.StatusCode);
        using var json = JsonDocument.Parse(result.Content!);
        var reminders = json.RootElement.GetProperty("reminders").EnumerateArray().ToArray();
        var reminder = Assert.Single(reminders);
        Assert.Equal("grantApplication", reminder.GetProperty("deadline").GetString());
        Assert.Equal("2037-03-02", reminder.GetProperty("deadlineDate").GetString());
        Assert.Equal(-30, reminder.GetProperty("offsetDays").GetInt32());
        Assert.Equal("a@kommun.test", reminder.GetProperty("recipient").GetString());
        Assert.Contains("måndag 2 mars 2037", reminder.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.False(reminder.GetProperty("alreadySent").GetBoolean());
    }

    [Fact]
    public void Triggers_ScheduleFromSettingAndContactsPathOnEventGrid()
    {
        var timer = (TimerTriggerAttribute)Attribute.GetCustomAttribute(
            typeof(SendDeadlineRemindersFunction).GetMethod(nameof(SendDeadlineRemindersFunction.RunAsync))!.GetParameters()[0],
            typeof(TimerTriggerAttribute))!;
        Assert.Equal("%RemindersSchedule%", timer.Schedule);

        var blob = (BlobTriggerAttribute)Attribute.GetCustomAttribute(
            typeof(IngestContactsFunction).GetMethod(nameof(IngestContactsFunction.RunAsync))!.GetParameters()[0],
            typeof(BlobTriggerAttribute))!;
        Assert.Equal("contacts/{countyCode}.xlsx", blob.BlobPath);
        Assert.Equal(BlobTriggerSource.EventGrid, blob.Source);
        Assert.Equal("PoIntakeStorage", blob.Connection);
    }

    [Fact]
    public void Composition_ResolvesReminderFunctionsWithOutboxByDefault()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PoIntakeStorage"] = storage.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPoIntakeCore(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });

        Assert.NotNull(ActivatorUtilities.CreateInstance<SendDeadlineRemindersFunction>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<IngestContactsFunction>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<GetReminderPreviewFunction>(provider));
        Assert.IsType<OutboxEmailSender>(provider.GetRequiredService<IEmailSender>());
    }

    private ReminderPass Pass(IEmailSender sender)
    {
        var settings = Options.Create(new ReminderOptions());
        var contacts = new Mock<IContactDirectory>();
        contacts.Setup(c => c.ListAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync([new Contact("01", ContactRole.Municipality, "0114", "A", "a@kommun.test")]);
        // Upplands Väsby had personligt ombud the year before (an accepted report), so it owes the 1 March reminder.
        var reports = Reminders.ReminderPassTests.LastYearsReportsOf([new Contact("01", ContactRole.Municipality, "0114", "A", "a@kommun.test")]);
        var tables = new TableServiceClient(storage.ConnectionString);
        return new ReminderPass(
            new ReminderSchedule(settings, new SwedishWorkingDayCalendar()),
            new ReminderTargeting(reports.Object, contacts.Object, MunicipalityRegistry.Default, new ReminderMailRenderer(settings)),
            new ReminderLedger(tables, settings),
            sender,
            TimeProvider.System,
            NullLogger<ReminderPass>.Instance);
    }

    private static HttpRequest Request(string date)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?date=" + Uri.EscapeDataString(date));
        context.Request.Headers[PoIntake.Core.Access.AccessKeys.NationalHeader] = TestRoleKeys.NationalKey;
        return context.Request;
    }
}
