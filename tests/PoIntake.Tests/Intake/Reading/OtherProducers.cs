using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace PoIntake.Tests.Intake.Reading;

/// <summary>
/// The same workbook as written by other producers, made during the test run with the real tools: LibreOffice Calc
/// (Debian libreoffice-calc-nogui, headless re-save), openpyxl (Debian python3-openpyxl: formulas saved without
/// values) and an inline-string rewrite of the package (cells as &lt;is&gt; instead of shared strings).
/// </summary>
internal static class OtherProducers
{
    public const string Soffice = "/usr/bin/soffice";
    public const string Python = "/usr/bin/python3";

    /// <summary>Opened and saved again by LibreOffice Calc, which saves every formula's value.</summary>
    public static byte[] ResavedByLibreOffice(byte[] workbook)
    {
        Require(Soffice, "apt-get install -y libreoffice-calc-nogui");
        var folder = Directory.CreateTempSubdirectory("pointake-lo-");
        try
        {
            var input = Path.Combine(folder.FullName, "in", "rapport.xlsx");
            var output = Path.Combine(folder.FullName, "out");
            Directory.CreateDirectory(Path.GetDirectoryName(input)!);
            File.WriteAllBytes(input, workbook);

            // Each run gets its own profile: concurrent soffice runs sharing one collide.
            var profile = new Uri(Path.Combine(folder.FullName, "profile")).AbsoluteUri;
            Run(Soffice, ["--headless", "--norestore", $"-env:UserInstallation={profile}", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", output, input]);
            return File.ReadAllBytes(Path.Combine(output, "rapport.xlsx"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Loaded and saved by openpyxl, which never computes formulas: every formula is saved without a value.</summary>
    public static byte[] ResavedByOpenpyxl(byte[] workbook)
    {
        Require(Python, "apt-get install -y python3-openpyxl");
        var folder = Directory.CreateTempSubdirectory("pointake-openpyxl-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.xlsx");
            var output = Path.Combine(folder.FullName, "out.xlsx");
            File.WriteAllBytes(input, workbook);
            Run(Python, ["-c", "import openpyxl, sys; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])", input, output]);
            return File.ReadAllBytes(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Every shared-string cell rewritten as an inline string (t="inlineStr"), as some exporters write them.</summary>
    public static byte[] WithInlineStrings(byte[] workbook)
    {
        var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var strings = XDocument.Load(archive.GetEntry("xl/sharedStrings.xml")!.Open()).Root!
                .Elements().Select(si => string.Concat(si.Descendants().Where(e => e.Name.LocalName == "t").Select(t => t.Value))).ToList();
            foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList())
            {
                XDocument sheet;
                using (var stream = entry.Open())
                {
                    sheet = XDocument.Load(stream);
                }

                var main = sheet.Root!.Name.Namespace;
                foreach (var cell in sheet.Descendants(main + "c").Where(c => (string?)c.Attribute("t") == "s").ToList())
                {
                    if (cell.Element(main + "v") is null)
                    {
                        cell.SetAttributeValue("t", null); // a styled empty cell ClosedXML marks as text
                        continue;
                    }

                    var text = strings[int.Parse(cell.Element(main + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)];
                    cell.SetAttributeValue("t", "inlineStr");
                    cell.Element(main + "v")!.Remove();
                    cell.Add(new XElement(main + "is", new XElement(main + "t", new XAttribute(XNamespace.Xml + "space", "preserve"), text)));
                }

                entry.Delete();
                using var writer = archive.CreateEntry(entry.FullName).Open();
                sheet.Save(writer, SaveOptions.DisableFormatting);
            }
        }

        return buffer.ToArray();
    }

    private static void Require(string path, string install)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"These tests need {path}; install it with `{install}` (.ci/run does).");
        }
    }

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 3 minutes: {output}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {output}");
        }
    }
}
