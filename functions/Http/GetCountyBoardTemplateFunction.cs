using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.CountyBoards;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary>
/// <c>GET /api/template/{year}/countyboard[?county={code}]</c>: the blank form of the county board's own report, with the
/// county filled in when given. Anonymous, like the other templates.
/// </summary>
public sealed class GetCountyBoardTemplateFunction
{
    [Function("GetCountyBoardTemplate")]
    [Public]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "template/{year}/countyboard")] HttpRequest request)
    {
        var reportingYear = AdmittedRoute.Of(request).ReportingYear;

        var county = request.Query["county"].ToString().Trim();
        return new FileContentResult(CountyBoardReportTemplate.Write(reportingYear, county.Length > 0 ? county : null), TotalsXlsxExporter.ContentType)
        {
            FileDownloadName = CountyBoardReportTemplate.FileName(reportingYear),
        };
    }
}
