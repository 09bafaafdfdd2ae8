using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using PoIntake.Core.Intake;
using PoIntake.Core.Template;
using L = PoIntake.Core.Intake.WorkbookLabels;

namespace PoIntake.DevHost.Samples;

/// <summary>
/// A file the intake must reject, filed under {year}/{county}/{slug}.xlsx. <see cref="ExpectedCode"/> is the
/// finding code (docs/findings.md) it must produce; <see cref="Sheet"/>/<see cref="Cell"/> where the finding points, if anywhere.
/// </summary>
internal sealed record InvalidSample(
    int Year,
    string CountyCode,
    string Slug,
    string Error,
    string ExpectedCode,
    string? Sheet,
    string? Cell,
    byte[] Content);

/// <summary>Typical mistakes, each made once in an otherwise valid 2021 county report.</summary>
internal static class InvalidSamples
{
    private const int Year = 2021;

    public static IReadOnlyList<InvalidSample> All()
    {
        var valid = SampleSet.Valid(Year).ToDictionary(s => s.CountyCode, StringComparer.Ordinal);
        AnnualReport Report(string county) => valid[county].Report;

        return
        [
            new(
                Year, "12", "wrong-county-in-path",
                "Blekinge's report (Län = Blekinge län) uploaded into Skåne's folder.",
                "COUNTY_MISMATCH", L.Sheets.Operation, "B5",
                ReportWorkbookWriter.Write(Report("10"))),
            new(
                Year, "07", "municipality-of-other-county",
                "Kommuner som omfattas lists Karlshamn, a municipality of Blekinge, in Kronoberg's report.",
                "MUNICIPALITY_OTHER_COUNTY", L.Sheets.Operation, "B7",
                ReportWorkbookWriter.Write(Report("07") with
                {
                    Operation = Report("07").Operation with { MunicipalityCodes = [.. Report("07").Operation.MunicipalityCodes, "1082"] },
                })),
            new(
                Year, "13", "text-in-count",
                "Antal personliga ombud for Kvinnor is the word \"tolv\".",
                "VALUE_NOT_A_COUNT", L.Sheets.Ombud, "B5",
                Edit(Report("13"), workbook =>
                    TableCell(workbook.Worksheet(L.Sheets.Ombud), L.Ombud.Count, "Kvinnor").SetValue("tolv"))),
            new(
                Year, "20", "supervision-exceeds-ombud",
                "More men with continuous supervision than male ombud.",
                "SUPERVISION_EXCEEDS_OMBUD", L.Sheets.Ombud, "C6",
                ReportWorkbookWriter.Write(Report("20") with
                {
                    Ombud = Report("20").Ombud! with
                    {
                        WithSupervision = Report("20").Ombud!.WithSupervision with { Men = Report("20").Ombud!.Ombud.Men + 2 },
                    },
                })),
            new(
                Year, "03", "total-not-sum",
                "The Totalt cell of the Kvinnor row in Klienter efter kön och ålder is typed over with a number 10 too high.",
                "SUM_MISMATCH", L.Sheets.Clients, "F5",
                Edit(Report("03"), workbook =>
                {
                    var clients = Report("03").Clients!;
                    var cell = TableCell(workbook.Worksheet(L.Sheets.Clients), "Kvinnor", L.Total);
                    cell.FormulaA1 = string.Empty;
                    cell.Value = clients.ForGender(Gender.Women) + 10;
                })),
            new(
                Year, "21", "missing-contact-person",
                "Kontaktperson is left empty.",
                "VALUE_MISSING", L.Sheets.Operation, "B11",
                ReportWorkbookWriter.Write(Report("21") with { Operation = Report("21").Operation with { ContactPerson = string.Empty } })),
            new(
                Year, "19", "csv-renamed-xlsx",
                "A semicolon-separated text (CSV) export saved with the .xlsx extension.",
                "FILE_NOT_XLSX", null, null,
                Csv(Report("19"))),
            new(
                Year, "08", "legacy-xls-renamed-xlsx",
                "An Excel 97–2003 workbook (.xls, an OLE compound file) saved with the .xlsx extension.",
                "FILE_LEGACY_XLS", null, null,
                LegacyXls()),
            new(
                Year, "17", "macro-enabled-workbook",
                "A macro-enabled workbook (.xlsm content with an xl/vbaProject.bin part) saved with the .xlsx extension.",
                "FILE_MACRO_ENABLED", null, null,
                WithMacros(ReportWorkbookWriter.Write(Report("17")))),
        ];
    }

    private static byte[] Edit(AnnualReport report, Action<XLWorkbook> edit)
    {
        using var workbook = ReportWorkbookWriter.Fill(report);
        edit(workbook);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Finds a table cell the way a person would: by its row label and the column header above it.</summary>
    private static IXLCell TableCell(IXLWorksheet sheet, string rowLabel, string columnLabel)
    {
        var row = sheet.CellsUsed(c => c.GetString() == rowLabel).First().Address.RowNumber;
        var column = sheet.CellsUsed(c => c.GetString() == columnLabel && c.Address.RowNumber < row)
            .OrderByDescending(c => c.Address.RowNumber)
            .First()
            .Address.ColumnNumber;
        return sheet.Cell(row, column);
    }

    private static byte[] Csv(AnnualReport report)
    {
        var operation = report.Operation;
        var text = new StringBuilder()
            .AppendLine($"{L.Operation.Year};{operation.Year}")
            .AppendLine($"{L.Operation.County};Västmanlands län")
            .AppendLine($"{L.Operation.Name};{operation.Name}")
            .AppendLine($"{L.Operation.ContactPerson};{operation.ContactPerson}")
            .AppendLine($"{L.Operation.Email};{operation.ContactEmail}")
            .AppendLine($"{L.Ombud.Count};{report.Ombud!.Ombud.Total}")
            .ToString();
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>
    /// The start of an OLE compound file as Excel 97–2003 writes it: the header and a directory sector with the root
    /// entry and a "Workbook" stream. Enough for content sniffing; no application could open it.
    /// </summary>
    private static byte[] LegacyXls()
    {
        var file = new byte[512 * 3];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(file, 0);
        BitConverter.GetBytes((ushort)0x003E).CopyTo(file, 0x18); // minor version
        BitConverter.GetBytes((ushort)0x0003).CopyTo(file, 0x1A); // major version 3: 512-byte sectors
        BitConverter.GetBytes((ushort)0xFFFE).CopyTo(file, 0x1C); // little-endian
        BitConverter.GetBytes((ushort)9).CopyTo(file, 0x1E); // sector shift
        BitConverter.GetBytes((ushort)6).CopyTo(file, 0x20); // mini sector shift
        BitConverter.GetBytes(0).CopyTo(file, 0x30); // first directory sector
        DirectoryEntry(file, 512, "Root Entry", objectType: 5);
        DirectoryEntry(file, 512 + 128, "Workbook", objectType: 2);
        return file;
    }

    private static void DirectoryEntry(byte[] file, int offset, string name, byte objectType)
    {
        var nameBytes = Encoding.Unicode.GetBytes(name + "\0");
        nameBytes.CopyTo(file, offset);
        BitConverter.GetBytes((ushort)nameBytes.Length).CopyTo(file, offset + 64);
        file[offset + 66] = objectType;
    }

    /// <summary>Turns a workbook package into a macro-enabled one: content type, relationship and a VBA project part.</summary>
    private static byte[] WithMacros(byte[] xlsx)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                var content = reader.ReadToEnd();
                if (entry.FullName == "[Content_Types].xml")
                {
                    content = content
                        .Replace(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                            "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                            StringComparison.Ordinal)
                        .Replace(
                            "</Types>",
                            "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\" /></Types>",
                            StringComparison.Ordinal);
                }
                else if (entry.FullName == "xl/_rels/workbook.xml.rels")
                {
                    content = content.Replace(
                        "</Relationships>",
                        "<Relationship Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\" Id=\"rIdVba1\" /></Relationships>",
                        StringComparison.Ordinal);
                }

                using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }

            // A compound-file header is enough: the point is the part, not working macros.
            using var vba = target.CreateEntry("xl/vbaProject.bin").Open();
            var header = new byte[512];
            new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header, 0);
            vba.Write(header);
        }

        return output.ToArray();
    }
}
