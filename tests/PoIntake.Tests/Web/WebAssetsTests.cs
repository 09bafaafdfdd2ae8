using Microsoft.Extensions.Options;
using PoIntake.Core.Access;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;
using PoIntake.Core.Totals;
using PoIntake.Core.Upload;
using PoIntake.Functions.Web;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Web;

public sealed partial class WebAssetsTests
{
    [Theory]
    [InlineData("uppladdning", "text/html")]
    [InlineData("oversikt", "text/html")]
    [InlineData(null, "text/html")]
    [InlineData("app.css", "text/css")]
    [InlineData("upload.js", "text/javascript")]
    public void WebPages_KnownPageOrAsset_ServedWithItsContentType(string? path, string contentType)
    {
        var result = Pages().Run(Get(), path);

        var file = Assert.IsType<FileContentResult>(result);
        Assert.StartsWith(contentType, file.ContentType, StringComparison.Ordinal);
        Assert.NotEmpty(file.FileContents);
    }

    [Theory]
    [InlineData("finns-inte.js")]
    [InlineData("../host.json")]
    [InlineData("PoIntake.Functions.Web.wwwroot.app.css")]
    [InlineData("wwwroot/app.css")]
    public void WebPages_UnknownOrOutsidePath_404Problem(string path)
    {
        AssertProblem(Pages().Run(Get(), path), StatusCodes.Status404NotFound);
    }

    [Fact]
    public void WebPages_CountyList_HasEveryCountyWithItsMunicipalities()
    {
        var json = AssertJson(Pages().Run(Get(), "lan.json"), StatusCodes.Status200OK);

        var counties = json.GetProperty("counties").EnumerateArray().ToList();
        Assert.Equal(21, counties.Count);
        Assert.Equal(
            MunicipalityRegistry.Default.Municipalities.Count,
            counties.Sum(c => c.GetProperty("municipalities").GetArrayLength()));
    }

    [Fact]
    public void WebPages_Labels_ListEveryDimensionValueWithItsIdAndContractLabel()
    {
        var json = AssertJson(Pages().Run(Get(), "labels.json"), StatusCodes.Status200OK);

        var reasons = json.GetProperty("reason").EnumerateArray().Select(v => (v.GetProperty("id").GetString()!, v.GetProperty("label").GetString()!)).ToList();
        Assert.Equal(Enum.GetValues<ContactReason>().Select(r => (Dimensions.Id(r), Dimensions.ContactReasons.Label(r))), reasons);
        Assert.Contains(("housing", "Bostad"), reasons);
        Assert.Equal(
            Dimensions.All.Select(d => (d.Name, d.Values.Count)).Append((WebPagesFunction.FigureLabelsName, 2)),
            json.EnumerateObject().Select(p => (p.Name, p.Value.GetArrayLength())));
        var figures = json.GetProperty(WebPagesFunction.FigureLabelsName).EnumerateArray().Select(v => v.GetProperty("label").GetString()).ToList();
        Assert.Equal([LagesrapportBuilder.CompleteManagementGroups, WorkbookLabels.Management.DeficiencyRoutine], figures);
    }

    [Fact]
    public void Dashboard_Script_TakesEveryDimensionLabelFromTheApi()
    {
        WebPagesFunction.TryRead("dashboard.js", out var content, out _);
        var script = Encoding.UTF8.GetString(content);

        Assert.Contains("labels.json", script, StringComparison.Ordinal);
        foreach (var (_, values) in Dimensions.All)
        {
            Assert.All(values, v => Assert.DoesNotContain($"'{v.Label}'", script, StringComparison.Ordinal));
        }

        // The page's own former names for the contract's labels.
        Assert.All(new[] { "Boende", "Annat", "Myndighetskontakter", "Brukarorganisationer", "Fullständig ledningsgrupp", "Rutin för brister" }, name => Assert.DoesNotContain(name, script, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WebPages_CountyList_SaysWhetherRoutesNeedRoleKeys(bool required)
    {
        var pages = Pages(new AccessOptions { RequireRoleKeys = required });

        var json = AssertJson(pages.Run(Get(), "lan.json"), StatusCodes.Status200OK);

        Assert.Equal(required, json.GetProperty("roleKeysRequired").GetBoolean());
    }

    private static WebPagesFunction Pages(AccessOptions? access = null) =>
        new(MunicipalityRegistry.Default, new AccessKeys(Options.Create(access ?? new AccessOptions())));

    [Fact]
    public void Assets_LoadNothingFromOtherHostsAndNeverWriteMarkup()
    {
        var names = WebPagesFunction.AssetNames().ToList();
        Assert.Contains("uppladdning.html", names);
        Assert.Contains("oversikt.html", names);
        foreach (var name in names)
        {
            Assert.True(WebPagesFunction.TryRead(name, out var bytes, out _), name);
            var text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotMatch(ExternalReference(), text);
            Assert.DoesNotContain("innerHTML", text, StringComparison.Ordinal);
            Assert.DoesNotContain("insertAdjacentHTML", text, StringComparison.Ordinal);
            if (name.EndsWith(".html", StringComparison.Ordinal))
            {
                Assert.Contains("<html lang=\"sv\">", text, StringComparison.Ordinal);
                Assert.DoesNotMatch(InlineScript(), text);
            }
        }
    }

    [Fact]
    public async Task FindingsWorkbook_UploadAnswer_OneTextRowPerFinding()
    {
        var answer = new
        {
            blobName = "2021/03/uppsala.xlsx",
            findings = new object[]
            {
                new { code = "SUM_MISMATCH", severity = "Error", sheet = "Klienter", cell = "F5", field = "Kvinnor, Totalt", message = "Summan stämmer inte.", fix = "Rätta summan." },
                new { code = "X", severity = "Warning", sheet = (string?)null, cell = (string?)null, field = (string?)null, message = "=HYPERLINK(\"http://x\")", fix = "Inget." },
            },
        };
        var request = Post(JsonSerializer.SerializeToUtf8Bytes(answer));

        var file = Assert.IsType<FileContentResult>(await new FindingsWorkbookFunction(Options.Create(new UploadOptions())).RunAsync(request, CancellationToken.None));

        Assert.Equal("synpunkter-uppsala.xlsx", file.FileDownloadName);
        using var workbook = new XLWorkbook(new MemoryStream(file.FileContents));
        var sheet = workbook.Worksheet("Synpunkter");
        Assert.Equal(3, sheet.LastRowUsed().RowNumber());
        Assert.Equal(["Fel", "Klienter", "F5", "Kvinnor, Totalt", "SUM_MISMATCH"], Enumerable.Range(1, 5).Select(c => sheet.Cell(2, c).GetString()));
        Assert.Equal("Varning", sheet.Cell(3, 1).GetString());
        Assert.Equal("Hela filen", sheet.Cell(3, 2).GetString());
        Assert.False(sheet.Cell(3, 6).HasFormula);
        Assert.Equal("=HYPERLINK(\"http://x\")", sheet.Cell(3, 6).GetString());
    }

    [Fact]
    public async Task FindingsWorkbook_MessageLongerThanACell_CutNever500()
    {
        var message = string.Concat(Enumerable.Repeat("Cellen C7 innehåller text som upprepas. ", 1200));
        var answer = new { findings = new[] { new { code = "X", severity = "Error", sheet = "Klienter", cell = "C7", message, fix = "Kortare." } } };

        var file = Assert.IsType<FileContentResult>(await new FindingsWorkbookFunction(Options.Create(new UploadOptions())).RunAsync(Post(JsonSerializer.SerializeToUtf8Bytes(answer)), CancellationToken.None));

        Assert.True(message.Length > FindingsWorkbook.MaxCellChars);
        using var workbook = new XLWorkbook(new MemoryStream(file.FileContents));
        var cell = workbook.Worksheet("Synpunkter").Cell(2, 6).GetString();
        Assert.Equal(FindingsWorkbook.MaxCellChars, cell.Length);
        Assert.EndsWith("…", cell, StringComparison.Ordinal);
        Assert.StartsWith(message[..1000], cell, StringComparison.Ordinal);
    }

    [Fact]
    public void FindingsWorkbook_FitCell_NeverSplitsASurrogatePair()
    {
        var text = new string('a', FindingsWorkbook.MaxCellChars - 2) + "😀😀";

        var cut = FindingsWorkbook.FitCell(text);

        Assert.True(cut.Length <= FindingsWorkbook.MaxCellChars);
        Assert.False(char.IsHighSurrogate(cut[^2]));
        Assert.Equal(text[..10], cut[..10]);
    }

    [Fact]
    public async Task FindingsWorkbook_ChunkedBodyOverTheLimit_413()
    {
        var body = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("{\"message\":\"" + new string('x', 1000) + "\"}", 2200)) + "]");
        Assert.True(body.Length > new UploadOptions().MaxFindingsBodyBytes);

        var result = await new FindingsWorkbookFunction(Options.Create(new UploadOptions())).RunAsync(Post(body, chunked: true), CancellationToken.None);

        AssertProblem(result, StatusCodes.Status413PayloadTooLarge);
    }

    [Fact]
    public async Task FindingsWorkbook_PrintedWithLibreOffice_OnePageWideLandscapeWithTheHeaderRepeated()
    {
        var findings = Enumerable.Range(1, 2).Select(i => new
        {
            code = "SUM_MISMATCH", severity = "Error", sheet = "Klienter", cell = $"F{i}", field = "Kvinnor, Totalt",
            message = "Summan i raden stämmer inte med cellerna till vänster om den; kontrollera varje cell i raden.",
            fix = "Rätta cellerna eller summan så att de stämmer och ladda upp filen igen.",
        });
        var file = Assert.IsType<FileContentResult>(
            await new FindingsWorkbookFunction(Options.Create(new UploadOptions())).RunAsync(Post(JsonSerializer.SerializeToUtf8Bytes(findings)), CancellationToken.None));

        var pages = Template.PrintedPages.PerSheet(file.FileContents);

        // Seven columns 240 characters wide: without fitting to one page wide they print on three pages side by side.
        Assert.Equal(1, pages["Synpunkter"]);
        using var workbook = new XLWorkbook(new MemoryStream(file.FileContents));
        var setup = workbook.Worksheet("Synpunkter").PageSetup;
        Assert.Equal(XLPageOrientation.Landscape, setup.PageOrientation);
        Assert.Equal((1, 0), (setup.PagesWide, setup.PagesTall));
        Assert.Equal((1, 1), (setup.FirstRowToRepeatAtTop, setup.LastRowToRepeatAtTop));
        Assert.Equal("A1:G3", Assert.Single(setup.PrintAreas).RangeAddress.ToStringRelative());
        Template.PrintedPages.AssertNoTextCutOff(workbook.Worksheet("Synpunkter"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"outcome\":\"Rejected\"}")]
    [InlineData("42")]
    public async Task FindingsWorkbook_NoFindingsList_400Problem(string body)
    {
        var result = await new FindingsWorkbookFunction(Options.Create(new UploadOptions())).RunAsync(Post(Encoding.UTF8.GetBytes(body)), CancellationToken.None);

        AssertProblem(result, StatusCodes.Status400BadRequest);
    }

    [GeneratedRegex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//|@import|url\(\s*[""']?(https?:)?//|fetch\(\s*[""']https?:", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
