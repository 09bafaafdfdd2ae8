using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PoIntake.Core.Intake;
using PoIntake.Functions.Http;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Http;

public sealed class FunctionsWithoutStorageTests
{
    [Fact]
    public void GetTemplate_Year_ReturnsWorkbookForThatYear()
    {
        var result = new GetTemplateFunction().Run(Get(), "2025");

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
    [InlineData("20255")]
    public void GetTemplate_BadYear_400Problem(string year)
    {
        AssertProblem(new GetTemplateFunction().Run(Get(), year), StatusCodes.Status400BadRequest);
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
            .ToDictionary(a => a.Route!, a => a.AuthLevel);

        Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, levels["template/{year}"]);
        Assert.All(levels.Where(l => l.Key != "template/{year}"), l => Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Function, l.Value));
        Assert.Equal(
            ["reminders/preview", "reports/{year}/{countyCode}", "status/{year}", "template/{year}", "totals", "totals/{year}"],
            levels.Keys.Order(StringComparer.Ordinal));
    }
}
