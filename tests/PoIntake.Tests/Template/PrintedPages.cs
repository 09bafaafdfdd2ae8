using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PoIntake.Core.Template;

namespace PoIntake.Tests.Template;

/// <summary>
/// How many pages each visible sheet of a workbook prints on, as LibreOffice prints it: one copy of the file per sheet with
/// every other sheet hidden and without its print area (only workbook.xml changes), all converted to PDF by one headless soffice with its own profile.
/// </summary>
internal static partial class PrintedPages
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static IReadOnlyDictionary<string, int> PerSheet(byte[] xlsx)
    {
        var work = Directory.CreateTempSubdirectory("pointake-print-");
        try
        {
            var sheets = VisibleSheets(xlsx);
            var files = new List<string>();
            for (var i = 0; i < sheets.Count; i++)
            {
                var file = Path.Combine(work.FullName, $"sheet{i:00}.xlsx");
                File.WriteAllBytes(file, OnlySheetVisible(xlsx, sheets[i]));
                files.Add(file);
            }

            Convert(work.FullName, files);
            return sheets.Select((name, i) => (name, pages: CountPages(Path.ChangeExtension(files[i], ".pdf"))))
                .ToDictionary(s => s.name, s => s.pages);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Every text in the sheet's print area either wraps within its cell or, at about <see cref="WorkbookPrintSetup.TextWidth"/>,
    /// fits between its left edge and the print area's right edge: nothing runs past the edge of the paper and is cut off.
    /// </summary>
    public static void AssertNoTextCutOff(ClosedXML.Excel.IXLWorksheet sheet)
    {
        var area = Assert.Single(sheet.PageSetup.PrintAreas).RangeAddress;
        var last = area.LastAddress.ColumnNumber;
        foreach (var cell in sheet.CellsUsed(c => c.DataType == ClosedXML.Excel.XLDataType.Text && c.GetString().Length > 0))
        {
            Assert.InRange(cell.Address.RowNumber, area.FirstAddress.RowNumber, area.LastAddress.RowNumber);
            Assert.InRange(cell.Address.ColumnNumber, area.FirstAddress.ColumnNumber, last);
            if (!cell.Style.Alignment.WrapText && cell.CellRight().IsEmpty())
            {
                var room = Enumerable.Range(cell.Address.ColumnNumber, last - cell.Address.ColumnNumber + 1).Sum(c => sheet.Column(c).Width);
                Assert.True(
                    WorkbookPrintSetup.TextWidth(cell) <= room,
                    $"{sheet.Name}!{cell.Address}: \"{cell.GetString()}\" needs about {WorkbookPrintSetup.TextWidth(cell):0} characters, the print area leaves {room:0}");
            }
        }
    }

    /// <summary>Pages in a PDF: its page objects (/Type /Page, not /Pages); LibreOffice writes them uncompressed.</summary>
    public static int CountPages(string pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
        return PageObject().Count(text);
    }

    private static List<string> VisibleSheets(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var workbook = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
        return workbook.Descendants(Main + "sheet")
            .Where(s => (string?)s.Attribute("state") is null or "visible")
            .Select(s => (string)s.Attribute("name")!)
            .ToList();
    }

    private static byte[] OnlySheetVisible(byte[] xlsx, string name)
    {
        var output = new MemoryStream();
        output.Write(xlsx);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/workbook.xml")!;
            XDocument workbook;
            using (var stream = entry.Open())
            {
                workbook = XDocument.Load(stream);
            }

            var sheets = workbook.Descendants(Main + "sheet").ToList();
            foreach (var sheet in sheets)
            {
                sheet.SetAttributeValue("state", (string)sheet.Attribute("name")! == name ? null : "hidden");
            }

            // LibreOffice prints a hidden sheet that has a print area, so the other sheets lose theirs in this copy.
            var index = sheets.FindIndex(s => (string)s.Attribute("name")! == name);
            workbook.Descendants(Main + "definedName")
                .Where(d => (string?)d.Attribute("localSheetId") is { } id && id != index.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Remove();

            foreach (var view in workbook.Descendants(Main + "workbookView"))
            {
                view.SetAttributeValue("activeTab", index);
                view.SetAttributeValue("firstSheet", null);
            }

            entry.Delete();
            using var write = zip.CreateEntry("xl/workbook.xml").Open();
            workbook.Save(write);
        }

        return output.ToArray();
    }

    public static void Convert(string directory, IReadOnlyList<string> files)
    {
        if (!File.Exists("/usr/bin/soffice") && !File.Exists("/usr/local/bin/soffice"))
        {
            Assert.Fail("The print tests need LibreOffice (soffice); ./test.sh installs it, or: apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui");
        }

        var profile = Path.Combine(directory, "profile");
        var start = new ProcessStartInfo("soffice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", directory })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("soffice did not convert the workbooks to PDF within 5 minutes.");
        }

        var missing = files.Where(f => !File.Exists(Path.ChangeExtension(f, ".pdf"))).ToList();
        Assert.True(missing.Count == 0, $"soffice wrote no PDF for {string.Join(", ", missing)} (exit {process.ExitCode}): {output.Result} {error.Result}");
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
