using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PoIntake.Core.Access;
using PoIntake.Core.Intake;
using PoIntake.Functions.Http;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Http;

public sealed class FunctionsWithoutStorageTests
{
    [Fact]
    public async Task GetTemplate_Year_ReturnsWorkbookForThatYear()
    {
        var result = await Call(new GetTemplateFunction().Run, Get(), "2025");

        var file = Assert.IsType<FileContentResult>(result);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.ContentType);
        Assert.EndsWith("2025.xlsx", file.FileDownloadName, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(new MemoryStream(file.FileContents));
        Assert.True(workbook.TryGetWorksheet(WorkbookLabels.Sheets.Operation, out _));
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("25")]
    [InlineData("1999")]
    [InlineData("2012")] // before förordningen (2013:522): ContractLimits.FirstYear
    [InlineData("2101")]
    [InlineData("20255")]
    public async Task GetTemplate_BadYear_400Problem(string year)
    {
        var body = AssertProblem(await Call(new GetTemplateFunction().Run, Get(), year), StatusCodes.Status400BadRequest);

        Assert.Equal(AccessTexts.BadYear(year).Detail, body.GetProperty("detail").GetString());
        Assert.Contains($"mellan {ContractLimits.FirstYear} och {ContractLimits.LastYear}", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Who may call each HTTP function is declared on it (<see cref="AccessAttribute"/>, or <see cref="PublicAttribute"/>
    /// for the templates and pages) and enforced by the worker's <see cref="AccessMiddleware"/>: a function without a
    /// declaration would be refused with a 500, never served open. Pinned here, one line per function.
    /// </summary>
    [Fact]
    public void Functions_EveryHttpFunction_DeclaresItsAccess()
    {
        var declared = PoIntake.Tests.Functions.FunctionClasses.Http.ToDictionary(
            f => f.Function.Name,
            f =>
            {
                var type = typeof(GetTemplateFunction).Assembly.GetType(f.Function.Method[..f.Function.Method.LastIndexOf('.')])!;
                var (access, isPublic) = AccessMiddleware.DeclarationOf(type.GetMethod(f.Function.Method[(f.Function.Method.LastIndexOf('.') + 1)..])!);
                Assert.False(access is not null && isPublic, $"{f.Function.Name} declares both");
                return isPublic ? "public" : access is null ? "none" : access.Scope + (access.CountyInQuery ? "+county" : "");
            });

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["CleanUpReplay"] = "Administration", ["CloseYear"] = "Administration", ["GetReplayReport"] = "Administration",
                ["GetNationalFigures"] = "Administration", ["GetYearClosure"] = "Administration", ["ListReplays"] = "Administration", ["PostNationalFigures"] = "Administration", ["ReopenYear"] = "Administration",
                ["RunReplay"] = "Administration", ["SwitchReplay"] = "Administration",
                ["GetCountyStatus"] = "CountyRead", ["GetCountyTotals"] = "CountyRead",
                ["UploadCountyBoardReport"] = "CountyUpload", ["UploadGrantRegister"] = "CountyUpload", ["UploadReport"] = "CountyUpload",
                ["GetGrantFigures"] = "National", ["GetNationalTotals"] = "National", ["GetReminderPreview"] = "National",
                ["GetReportDraft"] = "National+county", ["GetStatus"] = "National", ["ListTotalsYears"] = "National",
                ["FindingsWorkbook"] = "public", ["GetCountyBoardTemplate"] = "public", ["GetGrantTemplate"] = "public", ["GetTemplate"] = "public", ["WebPages"] = "public",
            }.OrderBy(p => p.Key, StringComparer.Ordinal),
            declared.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Functions_AuthorizationLevels_FunctionKeysExceptTemplate()
    {
        var levels = typeof(GetTemplateFunction).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(GetTemplateFunction).Namespace)
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.HttpTriggerAttribute), false).Cast<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>().SingleOrDefault())
            .OfType<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>()
            .DistinctBy(a => (a.Route, a.AuthLevel)) // one route may carry two functions (GET and POST of manage/replay/{year})
            .ToDictionary(a => a.Route!, a => a.AuthLevel);

        // The blank templates (report and grant register) are anonymous: municipalities and county boards download them.
        Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, levels["template/{year}"]);
        Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, levels["template/{year}/grants"]);
        Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, levels["template/{year}/countyboard"]);
        Assert.All(levels.Where(l => !l.Key.StartsWith("template/", StringComparison.Ordinal)), l => Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Function, l.Value));
        Assert.Equal(
            ["countyboard/{year}/{countyCode}", "grants/{year}", "grants/{year}/{countyCode}", "manage/grants/{year}/national-figures", "manage/replay/{year}", "manage/replay/{year}/{replayId}", "manage/replay/{year}/{replayId}/switch", "manage/years/{year}", "manage/years/{year}/close", "manage/years/{year}/reopen", "reminders/preview", "report/{year}", "reports/{year}/{countyCode}", "status/{year}", "status/{year}/{countyCode}", "template/{year}", "template/{year}/countyboard", "template/{year}/grants", "totals", "totals/{year}", "totals/{year}/{countyCode}"],
            levels.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The Functions host refuses at start every HTTP route that starts with "admin" (its own management API lives under
    /// /admin; the app's /api prefix does not help): such a function never runs and answers 404 in Azure, while devhost
    /// and the unit tests would serve it. The administration routes therefore live under manage/.
    /// </summary>
    [Fact]
    public void Routes_NoneStartsWithTheHostsReservedAdminPrefix()
    {
        var routes = typeof(GetTemplateFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .SelectMany(p => p.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.HttpTriggerAttribute), false).Cast<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>())
            .Select(a => a.Route ?? "")
            .ToList();

        Assert.Contains(routes, r => r.StartsWith("manage/replay/", StringComparison.Ordinal));
        Assert.DoesNotContain(routes, r => r.TrimStart('/').StartsWith("admin", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// functions.metadata is what the Functions host reads in Azure (generated by the worker SDK at build): every HTTP
    /// function is listed with its auth level, and the host answers 401 to a keyless request for each Function-level one.
    /// Only the blank templates (report and grant register) and the static pages (HTML, scripts, the county list) are anonymous.
    /// </summary>
    [Fact]
    public void FunctionsMetadata_EveryHttpFunction_NeedsAKeyExceptTemplateAndPages()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var metadata = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var http = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Select(b => (Function: f.GetProperty("name").GetString()!, Binding: b)))
            .Where(x => x.Binding.GetProperty("type").GetString() == "httpTrigger")
            .ToDictionary(x => x.Function, x => x.Binding.TryGetProperty("authLevel", out var level) ? level.GetString() : null);

        Assert.Equal(
            ["CleanUpReplay", "CloseYear", "FindingsWorkbook", "GetCountyBoardTemplate", "GetCountyStatus", "GetCountyTotals", "GetGrantFigures", "GetGrantTemplate", "GetNationalFigures", "GetNationalTotals", "GetReminderPreview", "GetReplayReport", "GetReportDraft", "GetStatus", "GetTemplate", "GetYearClosure", "ListReplays", "ListTotalsYears", "PostNationalFigures", "ReopenYear", "RunReplay", "SwitchReplay", "UploadCountyBoardReport", "UploadGrantRegister", "UploadReport", "WebPages"],
            http.Keys.Order(StringComparer.Ordinal));
        var anonymous = http.Where(h => h.Value == "Anonymous").Select(h => h.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["GetCountyBoardTemplate", "GetGrantTemplate", "GetTemplate", "WebPages"], anonymous);
        Assert.All(http.Where(h => h.Key is not ("GetTemplate" or "GetGrantTemplate" or "GetCountyBoardTemplate" or "WebPages")), h => Assert.Equal("Function", h.Value));
    }
}
