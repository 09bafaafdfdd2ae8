using System.Diagnostics;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake;
using PoIntake.Core.Intake.Screening;

namespace PoIntake.Tests.Intake.Screening;

public sealed class WorkbookScreenerTests
{
    private const string Rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static WorkbookScreener Screener(Action<ScreeningOptions>? configure = null)
    {
        var options = new ScreeningOptions();
        configure?.Invoke(options);
        return new WorkbookScreener(Options.Create(options));
    }

    private static string SingleRefusal(IReadOnlyList<Finding> findings)
    {
        var finding = Assert.Single(findings);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Null(finding.Sheet);
        Assert.Null(finding.Cell);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
        return finding.Code;
    }

    [Fact]
    public void Screen_WorkbookSavedByClosedXml_PassesWithoutFindings()
    {
        using var workbook = new XLWorkbook();
        workbook.AddWorksheet("Verksamhet").Cell("A1").Value = "Verksamhetens namn";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        Assert.Empty(Screener().Screen(stream.ToArray()));
    }

    [Fact]
    public void Screen_MinimalHandWrittenWorkbook_PassesWithoutFindings()
    {
        Assert.Empty(Screener().Screen(HostileFiles.MinimalWorkbook()));
    }

    [Fact]
    public void Screen_EmptyFile_RefusesAsEmpty()
    {
        Assert.Equal(FindingCodes.FileEmpty, SingleRefusal(Screener().Screen(ReadOnlyMemory<byte>.Empty)));
    }

    [Fact]
    public void Screen_FileOverSizeLimit_RefusesAsTooLargeWithoutOpeningIt()
    {
        var workbook = HostileFiles.MinimalWorkbook();

        var findings = Screener(o => o.MaxFileBytes = workbook.Length - 1).Screen(workbook);

        Assert.Equal(FindingCodes.FileTooLarge, SingleRefusal(findings));
    }

    [Fact]
    public void Screen_FileOfExactlyTheLimit_IsNotTooLarge()
    {
        var workbook = HostileFiles.MinimalWorkbook();

        Assert.Empty(Screener(o => o.MaxFileBytes = workbook.Length).Screen(workbook));
    }

    [Fact]
    public void Screen_DefaultLimit_RefusesElevenMegabytes()
    {
        var findings = Screener().Screen(new byte[11 * 1024 * 1024]);

        Assert.Equal(FindingCodes.FileTooLarge, SingleRefusal(findings));
    }

    [Fact]
    public void Screen_CompoundFileWithWorkbookStream_RefusesAsLegacyXls()
    {
        var findings = Screener().Screen(HostileFiles.CompoundFile("Workbook", "\u0005SummaryInformation"));

        Assert.Equal(FindingCodes.FileLegacyXls, SingleRefusal(findings));
    }

    [Fact]
    public void Screen_CompoundFileWithEncryptedPackage_RefusesAsEncrypted()
    {
        var findings = Screener().Screen(HostileFiles.CompoundFile("EncryptionInfo", "EncryptedPackage"));

        Assert.Equal(FindingCodes.FileEncrypted, SingleRefusal(findings));
    }

    [Theory]
    [InlineData("Kommun;Antal klienter\r\nKiruna;12\r\n")]
    [InlineData("<html><body><table><tr><td>12</td></tr></table></body></html>")]
    [InlineData("%PDF-1.7\n")]
    public void Screen_TextOrOtherNonZip_RefusesAsNotXlsx(string text)
    {
        var findings = Screener().Screen(Encoding.UTF8.GetBytes(text));

        Assert.Equal(FindingCodes.FileNotXlsx, SingleRefusal(findings));
    }

    [Fact]
    public void Screen_CsvRenamedToXlsx_IsDescribedAsText()
    {
        var finding = Assert.Single(Screener().Screen(Encoding.UTF8.GetBytes("a;b\n1;2\n")));

        Assert.Contains("CSV", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_OpenDocumentSpreadsheet_RefusesAsOds()
    {
        var ods = HostileFiles.Zip(
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"),
            ("META-INF/manifest.xml", "<manifest/>"));

        Assert.Equal(FindingCodes.FileOds, SingleRefusal(Screener().Screen(ods)));
    }

    [Fact]
    public void Screen_BinaryWorkbook_RefusesAsXlsb()
    {
        var xlsb = HostileFiles.MinimalWorkbook(mainType: "application/vnd.ms-excel.sheet.binary.macroEnabled.main");

        Assert.Equal(FindingCodes.FileXlsb, SingleRefusal(Screener().Screen(xlsb)));
    }

    [Fact]
    public void Screen_MacroEnabledWorkbookWithVbaProject_RefusesAsMacroEnabled()
    {
        var xlsm = HostileFiles.MinimalWorkbook(
            mainType: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            extra: ("xl/vbaProject.bin", "not really VBA"));

        Assert.Equal(FindingCodes.FileMacroEnabled, SingleRefusal(Screener().Screen(xlsm)));
    }

    [Fact]
    public void Screen_PlainContentTypeButVbaProjectPart_RefusesAsMacroEnabled()
    {
        var disguised = HostileFiles.MinimalWorkbook(extra: ("xl/vbaProject.bin", "VBA"));

        Assert.Equal(FindingCodes.FileMacroEnabled, SingleRefusal(Screener().Screen(disguised)));
    }

    [Fact]
    public void Screen_ExternalLinkPart_RefusesAsExternalLinks()
    {
        var linked = HostileFiles.MinimalWorkbook(
            contentTypes: HostileFiles.ContentTypes(
                HostileFiles.WorkbookMain,
                "<Override PartName=\"/xl/externalLinks/externalLink1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml\"/>"),
            workbookRels: HostileFiles.WorkbookRels($"<Relationship Id=\"rId9\" Type=\"{Rels}/externalLink\" Target=\"externalLinks/externalLink1.xml\"/>"),
            extra: ("xl/externalLinks/externalLink1.xml", "<externalLink xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"));

        Assert.Equal(FindingCodes.FileExternalLinks, SingleRefusal(Screener().Screen(linked)));
    }

    [Fact]
    public void Screen_ExternalLinkRelationshipOnly_RefusesAsExternalLinks()
    {
        var linked = HostileFiles.MinimalWorkbook(
            workbookRels: HostileFiles.WorkbookRels($"<Relationship Id=\"rId9\" Type=\"{Rels}/externalLink\" Target=\"links/other.xml\"/>"));

        Assert.Equal(FindingCodes.FileExternalLinks, SingleRefusal(Screener().Screen(linked)));
    }

    [Fact]
    public void Screen_HyperlinkRelationship_IsNotAnExternalLink()
    {
        var withHyperlink = HostileFiles.MinimalWorkbook(
            workbookRels: HostileFiles.WorkbookRels($"<Relationship Id=\"rId9\" Type=\"{Rels}/hyperlink\" Target=\"https://www.socialstyrelsen.se\" TargetMode=\"External\"/>"));

        Assert.Empty(Screener().Screen(withHyperlink));
    }

    [Fact]
    public void Screen_WordDocument_RefusesAsNotXlsx()
    {
        var docx = HostileFiles.MinimalWorkbook(mainType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");

        var finding = Assert.Single(Screener().Screen(docx));

        Assert.Equal(FindingCodes.FileNotXlsx, finding.Code);
        Assert.Contains("Word", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_ZipWithoutPackageParts_RefusesAsNotXlsx()
    {
        var zip = HostileFiles.Zip(("rapport.txt", "hej"));

        Assert.Equal(FindingCodes.FileNotXlsx, SingleRefusal(Screener().Screen(zip)));
    }

    [Fact]
    public void Screen_TruncatedWorkbook_RefusesAsCorrupt()
    {
        var workbook = HostileFiles.MinimalWorkbook();

        var findings = Screener().Screen(workbook.AsMemory(0, workbook.Length / 2));

        Assert.Equal(FindingCodes.FileCorrupt, SingleRefusal(findings));
    }

    [Fact]
    public void Screen_DamagedCompressedData_RefusesAsCorrupt()
    {
        var workbook = HostileFiles.ZeroBomb(expandedBytes: 1024 * 1024, declaredBytes: 1024 * 1024);
        var dataStart = 30 + "xl/worksheets/sheet1.xml".Length;
        for (var i = dataStart; i < dataStart + 16; i++)
        {
            workbook[i] = 0xFF;
        }

        Assert.Equal(FindingCodes.FileCorrupt, SingleRefusal(Screener().Screen(workbook)));
    }

    [Fact]
    public void Screen_MalformedContentTypesXml_RefusesAsCorrupt()
    {
        var workbook = HostileFiles.MinimalWorkbook(contentTypes: "<Types><Override ContentType=");

        Assert.Equal(FindingCodes.FileCorrupt, SingleRefusal(Screener().Screen(workbook)));
    }

    [Fact]
    public void Screen_ContentTypesWithDtd_IsRefusedNotExpanded()
    {
        var billionLaughs = """
            <?xml version="1.0"?>
            <!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="&b;"/></Types>
            """;

        var findings = Screener().Screen(HostileFiles.MinimalWorkbook(contentTypes: billionLaughs));

        Assert.Equal(FindingCodes.FileCorrupt, SingleRefusal(findings));
    }

    [Fact]
    public void Screen_MoreEntriesThanAllowed_RefusesAsZipBomb()
    {
        var parts = Enumerable.Range(0, 30).Select(i => ($"xl/media/image{i}.txt", "x")).ToArray();
        var workbook = HostileFiles.MinimalWorkbook(extra: parts);

        var findings = Screener(o => o.MaxEntries = 20).Screen(workbook);

        Assert.Equal(FindingCodes.FileZipBomb, SingleRefusal(findings));
    }

    [Fact]
    public void Screen_DeclaredExpansionOverLimit_RefusesAsZipBomb()
    {
        var honestHeaders = HostileFiles.ZeroBomb(expandedBytes: 2 * 1024 * 1024, declaredBytes: 2 * 1024 * 1024);

        var findings = Screener(o => o.MaxUncompressedBytes = 1024 * 1024).Screen(honestHeaders);

        Assert.Equal(FindingCodes.FileZipBomb, SingleRefusal(findings));
    }

    [Fact]
    public void Screen_OneGigabyteBombWithHonestSizes_IsRefusedQuickly()
    {
        var bomb = HostileFiles.ZeroBomb(expandedBytes: 1024L * 1024 * 1024, declaredBytes: 1024L * 1024 * 1024);
        Assert.True(bomb.Length < new ScreeningOptions().MaxFileBytes, "the bomb must get past the size limit to test expansion");

        var clock = Stopwatch.StartNew();
        var findings = Screener().Screen(bomb);
        clock.Stop();

        Assert.Equal(FindingCodes.FileZipBomb, SingleRefusal(findings));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Screen_OneGigabyteBombWithLyingSizes_IsRefusedQuickly()
    {
        var bomb = HostileFiles.ZeroBomb(expandedBytes: 1024L * 1024 * 1024, declaredBytes: 4096);

        var clock = Stopwatch.StartNew();
        var findings = Screener().Screen(bomb);
        clock.Stop();

        Assert.Equal(FindingCodes.FileZipBomb, SingleRefusal(findings));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Screen_HighlyCompressedLargePart_RefusesByRatio()
    {
        var bomb = HostileFiles.ZeroBomb(expandedBytes: 4L * 1024 * 1024, declaredBytes: 4L * 1024 * 1024);

        Assert.Equal(FindingCodes.FileZipBomb, SingleRefusal(Screener(o => o.MaxCompressionRatio = 100).Screen(bomb)));
        Assert.Equal(FindingCodes.FileNotXlsx, SingleRefusal(Screener(o => o.MaxCompressionRatio = double.MaxValue).Screen(bomb)));
    }

    [Fact]
    public void AddPoIntakeScreening_BindsLimitsFromScreeningSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Screening:MaxFileBytes"] = "100" })
            .Build();
        using var provider = new ServiceCollection().AddPoIntakeScreening(configuration).BuildServiceProvider();

        var findings = provider.GetRequiredService<IWorkbookScreener>().Screen(new byte[101]);

        Assert.Equal(FindingCodes.FileTooLarge, SingleRefusal(findings));
    }

    [Fact]
    public void AddPoIntakeScreening_InvalidLimit_FailsValidation()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Screening:MaxEntries"] = "0" })
            .Build();
        using var provider = new ServiceCollection().AddPoIntakeScreening(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ScreeningOptions>>().Value);
    }
}
