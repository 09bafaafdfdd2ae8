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

    /// <summary>
    /// Edited in openpyxl, as a person scripting the report would: in <paramref name="sheet"/> every text cell equal to a key of
    /// <paramref name="replaceText"/> gets the new text, and each cell of <paramref name="setCells"/> (A1 address) the given value.
    /// </summary>
    public static byte[] EditedByOpenpyxl(byte[] workbook, string sheet, IReadOnlyDictionary<string, string> replaceText, IReadOnlyDictionary<string, object?> setCells)
    {
        Require(Python, "apt-get install -y python3-openpyxl");
        var folder = Directory.CreateTempSubdirectory("pointake-openpyxl-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.xlsx");
            var output = Path.Combine(folder.FullName, "out.xlsx");
            var edits = Path.Combine(folder.FullName, "edits.json");
            File.WriteAllBytes(input, workbook);
            File.WriteAllText(edits, System.Text.Json.JsonSerializer.Serialize(new { sheet, replace = replaceText, set = setCells }));
            const string Script = """
                import json, openpyxl, sys
                edits = json.load(open(sys.argv[3], encoding="utf-8"))
                book = openpyxl.load_workbook(sys.argv[1])
                ws = book[edits["sheet"]]
                replaced = 0
                for row in ws.iter_rows():
                    for cell in row:
                        if isinstance(cell.value, str) and cell.value in edits["replace"]:
                            cell.value = edits["replace"][cell.value]
                            replaced += 1
                if replaced != len(edits["replace"]):
                    sys.exit("replaced %d cells, expected %d" % (replaced, len(edits["replace"])))
                for address, value in edits["set"].items():
                    ws[address] = value
                book.save(sys.argv[2])
                """;
            Run(Python, ["-c", Script, input, output, edits]);
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

    /// <summary>
    /// The workbook as Excel saves it with "Strict Open XML Spreadsheet" (ISO/IEC 29500 Strict): every part's transitional
    /// namespaces (spreadsheetml, relationships, drawingml) replaced by the Strict ones, relationship types under the Strict
    /// relationships URI, and <c>conformance="strict"</c> on the workbook; content types and the package's own (OPC)
    /// namespaces stay. No tool on this machine writes Strict (LibreOffice cannot), so the file is made this way.
    /// </summary>
    public static byte[] AsStrictOpenXml(byte[] workbook)
    {
        (string Transitional, string Strict)[] namespaces =
        [
            ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"),
            ("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"),
            ("http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"),
        ];
        var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName.EndsWith(".rels", StringComparison.Ordinal)).ToList())
            {
                if (entry.FullName == "[Content_Types].xml")
                {
                    continue;
                }

                string text;
                using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
                {
                    text = reader.ReadToEnd();
                }

                foreach (var (transitional, strict) in namespaces)
                {
                    text = text.Replace(transitional, strict, StringComparison.Ordinal);
                }

                if (entry.FullName == "xl/workbook.xml")
                {
                    // The root may be prefixed (<x:workbook …>, as the Open XML SDK writes it).
                    var root = System.Text.RegularExpressions.Regex.Match(text, @"<(\w+:)?workbook\s");
                    text = text.Insert(root.Index + root.Length, "conformance=\"strict\" ");
                }

                entry.Delete();
                using var writer = new StreamWriter(archive.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(text);
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
