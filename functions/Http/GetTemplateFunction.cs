using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PoIntake.Core.Template;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>GET /api/template/{year}</c>: the blank report workbook, with the year's theme question (<see cref="TemplateOptions"/>).
/// Anonymous: municipalities download it from the reminder link.
/// </summary>
public sealed class GetTemplateFunction(IOptions<TemplateOptions>? options = null)
{
    private readonly TemplateOptions _options = options?.Value ?? new TemplateOptions();

    [Function("GetTemplate")]
    [Public]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "template/{year}")] HttpRequest request)
    {
        var reportingYear = AdmittedRoute.Of(request).ReportingYear;
        return new FileContentResult(ReportTemplate.Write(reportingYear, _options.ThemeQuestion(reportingYear)), TotalsXlsxExporter.ContentType)
        {
            FileDownloadName = $"redovisning-personligt-ombud-{reportingYear}.xlsx",
        };
    }
}
