using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PoIntake.Core.Grants;
using PoIntake.Core.Totals;

namespace PoIntake.Functions.Http;

/// <summary><c>GET /api/template/{year}/grants</c>: the blank grant register for county boards. Anonymous, like the report template.</summary>
public sealed class GetGrantTemplateFunction
{
    [Function("GetGrantTemplate")]
    [Public]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "template/{year}/grants")] HttpRequest request)
    {
        var grantYear = AdmittedRoute.Of(request).ReportingYear;
        return new FileContentResult(GrantRegisterTemplate.Write(grantYear), TotalsXlsxExporter.ContentType)
        {
            FileDownloadName = GrantRegisterTemplate.FileName(grantYear),
        };
    }
}
