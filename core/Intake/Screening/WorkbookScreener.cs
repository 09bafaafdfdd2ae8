using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using PoIntake.Core.Intake.Reading;

namespace PoIntake.Core.Intake.Screening;

/// <summary>
/// The screening rules: whether an upload is a plain, safe .xlsx workbook, decided from the bytes alone (never the file
/// name). They run inside the one bounded read of the package (<see cref="WorkbookReader"/>), which decompresses every
/// part once under a hard budget, because declared ZIP sizes can lie. <see cref="Screen"/> runs that read for its verdict.
/// </summary>
public sealed class WorkbookScreener(IOptions<ScreeningOptions> options) : IWorkbookScreener
{
    internal const string WorkbookMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    internal const string MacroEnabledMain = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
    private const string TemplateMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml";
    private const string BinaryWorkbookMain = "application/vnd.ms-excel.sheet.binary.macroEnabled.main";
    private const string VbaProject = "application/vnd.ms-office.vbaProject";
    private const string ExternalLinkPart = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml";
    private const string ExternalLinkRelationship = "/externalLink";

    private static ReadOnlySpan<byte> OleSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static ReadOnlySpan<byte> ZipLocalFileHeader => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> ZipEndOfCentralDirectory => [0x50, 0x4B, 0x05, 0x06];

    private readonly ScreeningOptions limits = options.Value;

    public IReadOnlyList<Finding> Screen(ReadOnlyMemory<byte> content) => WorkbookReader.Read(content, limits).Refusals;

    /// <summary>The checks on the raw bytes, before anything is opened: empty, size, compound file, not a ZIP.</summary>
    internal static Finding? ScreenBytes(ReadOnlySpan<byte> bytes, ScreeningOptions limits)
    {
        if (bytes.IsEmpty)
        {
            return ScreeningFindings.FileEmpty();
        }

        if (bytes.Length > limits.MaxFileBytes)
        {
            return ScreeningFindings.FileTooLarge(bytes.Length, limits.MaxFileBytes);
        }

        if (bytes.StartsWith(OleSignature))
        {
            return CompoundFile.HasEncryptedPackage(bytes) ? ScreeningFindings.FileEncrypted() : ScreeningFindings.FileLegacyXls();
        }

        if (!bytes.StartsWith(ZipLocalFileHeader) && !bytes.StartsWith(ZipEndOfCentralDirectory))
        {
            return ScreeningFindings.FileNotXlsx(DescribeNonZip(bytes));
        }

        return null;
    }

    /// <summary>The checks on the ZIP's central directory: number of parts and their declared sizes.</summary>
    internal static Finding? ScreenDirectory(IReadOnlyCollection<ZipArchiveEntry> entries, ScreeningOptions limits)
    {
        if (entries.Count > limits.MaxEntries)
        {
            return ScreeningFindings.FileZipBomb($"{entries.Count} delar i filen");
        }

        long declaredTotal = 0;
        foreach (var entry in entries)
        {
            declaredTotal += entry.Length;
            if (declaredTotal > limits.MaxUncompressedBytes)
            {
                return TooMuchExpanded(limits);
            }

            if (IsSuspiciousRatio(entry.Length, entry.CompressedLength, limits))
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

    internal static bool IsSuspiciousRatio(long expandedBytes, long compressedBytes, ScreeningOptions limits) =>
        expandedBytes > limits.RatioCheckMinBytes
        && expandedBytes > Math.Max(compressedBytes, 1) * limits.MaxCompressionRatio;

    internal static Finding TooMuchExpanded(ScreeningOptions limits) =>
        ScreeningFindings.FileZipBomb($"över {limits.MaxUncompressedBytes / (1024 * 1024)} MB uppackat");

    /// <summary>What kind of package it is, from its content types, part names and relationships.</summary>
    internal static IReadOnlyList<Finding> Classify(PackageFacts package)
    {
        if (package.ContentTypes is not { } contentTypes)
        {
            var mimetype = package.Mimetype?.Trim();
            return mimetype switch
            {
                "application/vnd.oasis.opendocument.spreadsheet" or "application/vnd.oasis.opendocument.spreadsheet-template" =>
                    [ScreeningFindings.FileOds()],
                not null when mimetype.StartsWith("application/vnd.oasis.opendocument", StringComparison.Ordinal) =>
                    [ScreeningFindings.FileNotXlsx("ett OpenDocument-dokument (t.ex. .odt)")],
                _ => [ScreeningFindings.FileNotXlsx("ett ZIP-arkiv")],
            };
        }

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
            || package.Names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase));
        if (macroEnabledMain || hasVba)
        {
            findings.Add(ScreeningFindings.FileMacroEnabled());
        }

        var hasExternalLinks = contentTypes.Contains(ExternalLinkPart)
            || package.Names.Any(n => n.StartsWith("xl/externalLinks/", StringComparison.OrdinalIgnoreCase))
            || package.RelationshipTypes.Any(t => t.EndsWith(ExternalLinkRelationship, StringComparison.OrdinalIgnoreCase));
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
}

/// <summary>What the screening rules need to know of a package, gathered while its parts are read.</summary>
internal sealed class PackageFacts
{
    /// <summary>Every ContentType of [Content_Types].xml; null when the package has none.</summary>
    public HashSet<string>? ContentTypes { get; set; }

    /// <summary>The OpenDocument "mimetype" entry, if any.</summary>
    public string? Mimetype { get; set; }

    public List<string> Names { get; } = [];

    /// <summary>Every relationship Type of every .rels part.</summary>
    public HashSet<string> RelationshipTypes { get; } = new(StringComparer.OrdinalIgnoreCase);
}
