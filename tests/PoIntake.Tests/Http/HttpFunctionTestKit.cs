using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace PoIntake.Tests.Http;

internal static class HttpFunctionTestKit
{
    public static HttpRequest Get(string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    public static HttpRequest Post(byte[] body, string query = "", string? countyKey = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        if (countyKey is not null)
        {
            context.Request.Headers[PoIntake.Core.Upload.CountyUploadKeys.HeaderName] = countyKey;
        }

        context.Request.QueryString = new QueryString(query);
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        return context.Request;
    }

    /// <summary>Asserts an application/problem+json answer with the status, and returns its parsed body.</summary>
    public static JsonElement AssertProblem(IActionResult result, int status)
    {
        var content = Assert.IsType<ContentResult>(result);
        Assert.Equal(status, content.StatusCode);
        Assert.StartsWith("application/problem+json", content.ContentType, StringComparison.Ordinal);
        var body = JsonDocument.Parse(content.Content!).RootElement.Clone();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", content.Content, StringComparison.Ordinal);
        return body;
    }

    public static JsonElement AssertJson(IActionResult result, int status)
    {
        switch (result)
        {
            case ContentResult content:
                Assert.Equal(status, content.StatusCode);
                Assert.StartsWith("application/json", content.ContentType, StringComparison.Ordinal);
                return JsonDocument.Parse(content.Content!).RootElement.Clone();
            case FileContentResult file:
                Assert.Equal(StatusCodes.Status200OK, status);
                Assert.StartsWith("application/json", file.ContentType, StringComparison.Ordinal);
                return JsonDocument.Parse(file.FileContents).RootElement.Clone();
            default:
                throw new Xunit.Sdk.XunitException("Unexpected result " + result.GetType().Name);
        }
    }
}
