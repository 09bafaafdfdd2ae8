using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;

namespace PoIntake.Core.Intake.Screening;

/// <summary>
/// Decides from the bytes alone (never the file name) whether an upload is a plain, safe .xlsx workbook that the
/// parser may open. Every part is decompressed under a hard budget first, because declared ZIP sizes can lie.
/// </summary>
public sealed class WorkbookScreener(IOptions<ScreeningOptions> options) : IWorkbookScreener
{
    private const string WorkbookMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const string TemplateMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml";
    private const string BinaryWorkbookMain = "application/vnd.ms-excel.sheet.binary.macroEnabled.main";
    private const string VbaProject = "application/vnd.ms-office.vbaProject";
    private const string ExternalLinkPart = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml";
    private const string ExternalLinkRelationship = "/externalLink";

    private static ReadOnlySpan<byte> OleSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static ReadOnlySpan<byte> ZipLocalFileHeader => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> ZipEndOfCentralDirectory => [0x50, 0x4B, 0x05, 0x06];

    private readonly ScreeningOptions limits = options.Value;

    public IReadOnlyList<Finding> Screen(ReadOnlyMemory<byte> content)
    {
        var bytes = content.Span;
        if (bytes.IsEmpty)
        {
            return [ScreeningFindings.FileEmpty()];
        }

        if (bytes.Length > limits.MaxFileBytes)
        {
            return [ScreeningFindings.FileTooLarge(bytes.Length, limits.MaxFileBytes)];
        }

        if (bytes.StartsWith(OleSignature))
        {
            return [CompoundFile.HasEncryptedPackage(bytes) ? ScreeningFindings.FileEncrypted() : ScreeningFindings.FileLegacyXls()];
        }

        if (!bytes.StartsWith(ZipLocalFileHeader) && !bytes.StartsWith(ZipEndOfCentralDirectory))
        {
            return [ScreeningFindings.FileNotXlsx(DescribeNonZip(bytes))];
        }

        try
        {
            return ScreenZip(content);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException or XmlException)
        {
            return [ScreeningFindings.FileCorrupt()];
        }
    }

    private IReadOnlyList<Finding> ScreenZip(ReadOnlyMemory<byte> content)
    {
        using var stream = AsStream(content);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        var entries = archive.Entries;

        if (entries.Count > limits.MaxEntries)
        {
            return [ScreeningFindings.FileZipBomb($"{entries.Count} delar i filen")];
        }

        if (FindDeclaredBomb(entries) is { } declared)
        {
            return [declared];
        }

        var parts = new ExpandedParts();
        if (Expand(entries, parts) is { } actual)
        {
            return [actual];
        }

        return Classify(parts);
    }

    private Finding? FindDeclaredBomb(IReadOnlyCollection<ZipArchiveEntry> entries)
    {
        long declaredTotal = 0;
        foreach (var entry in entries)
        {
            declaredTotal += entry.Length;
            if (declaredTotal > limits.MaxUncompressedBytes)
            {
                return TooMuchExpanded();
            }

            if (IsSuspiciousRatio(entry.Length, entry.CompressedLength))
            {
                return ScreeningFindings.FileZipBomb("en del packas upp orimligt mycket");
            }

            if (entry.CompressedLength > MostCompressedBytes(entry.Length))
            {
                return ScreeningFindings.FileZipBomb("delarnas angivna storlekar stämmer inte");
            }
        }

        return null;
    }

    /// <summary>
    /// Deflate never grows data by more than 5 bytes per 64 KiB stored block, so compressed data much larger than the
    /// declared size means the declared size is a lie (the classic way to slip a bomb past size checks).
    /// </summary>
    private static long MostCompressedBytes(long declaredLength) => declaredLength + (declaredLength / 8_000) + 64;

    /// <summary>
    /// Decompresses every part, counting actual bytes against the budget and stopping the moment it is exceeded.
    /// .NET's reader already stops each part at its declared size; this holds even if a reader ever does not.
    /// </summary>
    private Finding? Expand(IReadOnlyCollection<ZipArchiveEntry> entries, ExpandedParts parts)
    {
        var buffer = new byte[81_920];
        long budget = limits.MaxUncompressedBytes;
        foreach (var entry in entries)
        {
            parts.Names.Add(entry.FullName);
            var keep = ExpandedParts.IsInspected(entry.FullName) ? new MemoryStream() : null;
            long entryBytes = 0;
            using (var input = entry.Open())
            {
                int read;
                while ((read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, budget + 1))) > 0)
                {
                    entryBytes += read;
                    budget -= read;
                    if (budget < 0)
                    {
                        return TooMuchExpanded();
                    }

                    if (IsSuspiciousRatio(entryBytes, entry.CompressedLength))
                    {
                        return ScreeningFindings.FileZipBomb("en del packas upp orimligt mycket");
                    }

                    keep?.Write(buffer, 0, read);
                }
            }

            if (keep is not null)
            {
                parts.Inspected[entry.FullName] = keep.ToArray();
            }
        }

        return null;
    }

    private bool IsSuspiciousRatio(long expandedBytes, long compressedBytes) =>
        expandedBytes > limits.RatioCheckMinBytes
        && expandedBytes > Math.Max(compressedBytes, 1) * limits.MaxCompressionRatio;

    private Finding TooMuchExpanded() =>
        ScreeningFindings.FileZipBomb($"över {limits.MaxUncompressedBytes / (1024 * 1024)} MB uppackat");

    private static IReadOnlyList<Finding> Classify(ExpandedParts parts)
    {
        var contentTypesXml = parts.Find("[Content_Types].xml");
        if (contentTypesXml is null)
        {
            var mimetype = parts.Find("mimetype") is { } m ? Encoding.ASCII.GetString(m).Trim() : null;
            return mimetype switch
            {
                "application/vnd.oasis.opendocument.spreadsheet" or "application/vnd.oasis.opendocument.spreadsheet-template" =>
                    [ScreeningFindings.FileOds()],
                not null when mimetype.StartsWith("application/vnd.oasis.opendocument", StringComparison.Ordinal) =>
                    [ScreeningFindings.FileNotXlsx("ett OpenDocument-dokument (t.ex. .odt)")],
                _ => [ScreeningFindings.FileNotXlsx("ett ZIP-arkiv")],
            };
        }

        var contentTypes = ReadAttributeValues(contentTypesXml, "ContentType");
        if (contentTypes.Contains(BinaryWorkbookMain))
        {
            return [ScreeningFindings.FileXlsb()];
        }

        var macroEnabledMain = contentTypes.Any(t =>
            t.StartsWith("application/vnd.ms-excel.", StringComparison.OrdinalIgnoreCase)
            && t.EndsWith(".macroEnabled.main+xml", StringComparison.OrdinalIgnoreCase));
        if (!macroEnabledMain && !contentTypes.Contains(WorkbookMain))
        {
            return [ScreeningFindings.FileNotXlsx(DescribeOtherPackage(contentTypes))];
        }

        var findings = new List<Finding>();
        var hasVba = contentTypes.Contains(VbaProject)
            || parts.Names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase));
        if (macroEnabledMain || hasVba)
        {
            findings.Add(ScreeningFindings.FileMacroEnabled());
        }

        var hasExternalLinks = contentTypes.Contains(ExternalLinkPart)
            || parts.Names.Any(n => n.StartsWith("xl/externalLinks/", StringComparison.OrdinalIgnoreCase))
            || parts.Relationships().Any(xml => ReadAttributeValues(xml, "Type")
                .Any(t => t.EndsWith(ExternalLinkRelationship, StringComparison.OrdinalIgnoreCase)));
        if (hasExternalLinks)
        {
            findings.Add(ScreeningFindings.FileExternalLinks());
        }

        return findings;
    }

    private static string DescribeOtherPackage(HashSet<string> contentTypes)
    {
        if (contentTypes.Contains(TemplateMain))
        {
            return "en Excel-mall (.xltx)";
        }

        if (contentTypes.Any(t => t.Contains("wordprocessingml", StringComparison.OrdinalIgnoreCase)))
        {
            return "ett Word-dokument";
        }

        if (contentTypes.Any(t => t.Contains("presentationml", StringComparison.OrdinalIgnoreCase)))
        {
            return "en PowerPoint-presentation";
        }

        return "ett annat slags ZIP-arkiv";
    }

    private static string DescribeNonZip(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.StartsWith('<'))
        {
            return "en webbsida eller XML-fil (t.ex. HTML exporterat som .xls)";
        }

        if (head.StartsWith("%PDF", StringComparison.Ordinal))
        {
            return "en PDF-fil";
        }

        var printable = head.Count(c => !char.IsControl(c) || c is '\r' or '\n' or '\t');
        return printable >= head.Length * 0.95 && head.Length > 0 ? "en textfil (t.ex. CSV)" : "en fil av okänd typ";
    }

    /// <summary>Every value of the named attribute in an XML part; DTDs are prohibited, so entity tricks cannot expand it.</summary>
    private static HashSet<string> ReadAttributeValues(byte[] xml, string attribute)
    {
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.GetAttribute(attribute) is { } value)
            {
                values.Add(value.Trim());
            }
        }

        return values;
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    private sealed class ExpandedParts
    {
        public List<string> Names { get; } = [];

        public Dictionary<string, byte[]> Inspected { get; } = new(StringComparer.OrdinalIgnoreCase);

        public static bool IsInspected(string name) =>
            name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase)
            || name.Equals("mimetype", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

        public byte[]? Find(string name) => Inspected.GetValueOrDefault(name);

        public IEnumerable<byte[]> Relationships() =>
            Inspected.Where(p => p.Key.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value);
    }
}
