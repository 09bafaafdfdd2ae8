using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml;
using PoIntake.Core.Intake.Parsing;
using PoIntake.Core.Intake.Screening;

namespace PoIntake.Core.Intake.Reading;

/// <summary>
/// The one read of a workbook: a single forward pass over the ZIP's parts, each decompressed once through the
/// screening budget and, if it is one the intake needs, parsed as it streams (<see cref="XmlReader"/>, DTDs
/// prohibited). The screening rules (<see cref="WorkbookScreener"/>) and the limits of <see cref="ScreeningOptions"/>
/// are applied on the way; a limit that trips stops the read with a finding. Nothing is kept of a part but the values
/// of cells that hold something: styled empty cells cost nothing.
/// </summary>
internal sealed class WorkbookReader
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Excel's "Strict Open XML Spreadsheet" (ISO/IEC 29500 Strict) writes the same parts under these namespaces; the
    // content types stay those of a normal workbook, and cells are read by local name, so only these two differ.
    private const string StrictMainNamespace = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string StrictRelationshipsNamespace = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    private const string WorksheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private const string SharedStringsType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
    private const string StylesType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private readonly ScreeningOptions _limits;
    private readonly XmlReaderSettings _xmlSettings;
    private readonly PackageFacts _facts = new();
    private readonly Dictionary<string, string> _overrides = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, string>> _workbookLevelRels = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, WorksheetPart> _worksheets = new(StringComparer.OrdinalIgnoreCase);
    private readonly TextBudget _text;
    private long _expandedBudget;
    private string? _workbookPart;
    private List<(string Name, string RelationshipId)>? _sheetEntries;
    private List<string>? _sharedStrings;
    private StyleTable _styles = StyleTable.Empty;
    private PendingRefusal? _limitRefusal;
    private bool _unreadable;

    private WorkbookReader(ScreeningOptions limits)
    {
        _limits = limits;
        // One name table for every part of this read: the sheets share their element and attribute names, so each
        // is atomized once per workbook instead of once per part. Not shared between reads (a NameTable is not
        // thread-safe, and one workbook's names must not grow another's).
        _xmlSettings = XmlSettings.Clone();
        _xmlSettings.NameTable = new NameTable();
        _text = new TextBudget(limits.MaxTextChars);
        _expandedBudget = limits.MaxUncompressedBytes;
    }

    private enum PartRole
    {
        Other,
        ContentTypes,
        Mimetype,
        Relationships,
        Workbook,
        Worksheet,
        SharedStrings,
        Styles,
    }

    public static ReadWorkbook Read(ReadOnlyMemory<byte> content, ScreeningOptions limits)
    {
        if (WorkbookScreener.ScreenBytes(content.Span, limits) is { } refusal)
        {
            return ReadWorkbook.Refused([refusal]);
        }

        try
        {
            return new WorkbookReader(limits).Run(content);
        }
        catch (RefusalException ex)
        {
            return ReadWorkbook.Refused([ex.Finding]);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException or XmlException)
        {
            return ReadWorkbook.Refused([ScreeningFindings.FileCorrupt()]);
        }
    }

    private ReadWorkbook Run(ReadOnlyMemory<byte> content)
    {
        using var archive = new ZipArchive(AsStream(content), ZipArchiveMode.Read, leaveOpen: false);
        var entries = archive.Entries;
        if (WorkbookScreener.ScreenDirectory(entries, _limits) is { } refusal)
        {
            return ReadWorkbook.Refused([refusal]);
        }

        // The rest of every part is inflated into one pooled buffer: a fresh (zeroed) buffer per part cost more than
        // inflating the part itself.
        var drain = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            foreach (var entry in entries)
            {
                _facts.Names.Add(entry.FullName);
                using var stream = new BudgetStream(entry.Open(), this, entry.CompressedLength);
                var finished = ReadPart(entry.FullName, stream);
                if (finished)
                {
                    stream.Drain(drain);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(drain);
        }

        var classified = WorkbookScreener.Classify(_facts);
        if (classified.Count > 0)
        {
            return ReadWorkbook.Refused(classified);
        }

        if (_limitRefusal is { } limit)
        {
            return ReadWorkbook.Refused([limit.ToFinding(SheetNameOf(limit.Part))]);
        }

        return _unreadable ? ReadWorkbook.NotReadable() : Assemble();
    }

    /// <summary>Reads one part as it streams; false when a limit stopped it (the rest of the part is never inflated).</summary>
    private bool ReadPart(string name, Stream stream)
    {
        var role = RoleOf(name);
        if (role == PartRole.Other)
        {
            return true;
        }

        if (role == PartRole.Mimetype)
        {
            var head = new byte[256];
            _facts.Mimetype = System.Text.Encoding.ASCII.GetString(head, 0, stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false));
            return true;
        }

        // The package's own description is screening: a DTD or broken XML there makes the file corrupt. In the
        // workbook's parts it makes the workbook unreadable (the parser's PACKAGE_UNREADABLE), as before.
        using var reader = XmlReader.Create(stream, _xmlSettings);
        switch (role)
        {
            case PartRole.ContentTypes:
                ReadContentTypes(reader);
                return true;
            case PartRole.Relationships:
                ReadRelationships(name, reader);
                return true;
        }

        try
        {
            return role switch
            {
                PartRole.Workbook => ReadWorkbookPart(name, reader),
                PartRole.SharedStrings => ReadSharedStrings(reader),
                PartRole.Styles => ReadStyles(reader),
                _ => ReadWorksheet(name, reader),
            };
        }
        catch (XmlException)
        {
            _unreadable = true;
            return true;
        }
        catch (FormatException)
        {
            _unreadable = true;
            return true;
        }
        catch (OverflowException)
        {
            _unreadable = true;
            return true;
        }
    }

    private PartRole RoleOf(string name)
    {
        if (name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase))
        {
            return PartRole.ContentTypes;
        }

        if (name.Equals("mimetype", StringComparison.OrdinalIgnoreCase))
        {
            return PartRole.Mimetype;
        }

        if (name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
        {
            return PartRole.Relationships;
        }

        if (_overrides.TryGetValue("/" + name, out var type))
        {
            return type switch
            {
                WorkbookScreener.WorkbookMain or WorkbookScreener.MacroEnabledMain => PartRole.Workbook,
                WorksheetType => PartRole.Worksheet,
                SharedStringsType => PartRole.SharedStrings,
                StylesType => PartRole.Styles,
                _ => PartRole.Other,
            };
        }

        // Conventional names, for the rare package whose [Content_Types].xml is not its first entry.
        return name switch
        {
            _ when name.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase) => PartRole.Workbook,
            _ when name.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase) => PartRole.SharedStrings,
            _ when name.Equals("xl/styles.xml", StringComparison.OrdinalIgnoreCase) => PartRole.Styles,
            _ when name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                && !name.Contains("/_rels/", StringComparison.Ordinal) => PartRole.Worksheet,
            _ => PartRole.Other,
        };
    }

    private void ReadContentTypes(XmlReader reader)
    {
        var types = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.GetAttribute("ContentType") is { } type)
            {
                types.Add(type.Trim());
                if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { } part)
                {
                    _overrides[part] = type.Trim();
                }
            }
        }

        _facts.ContentTypes = types;
    }

    private void ReadRelationships(string name, XmlReader reader)
    {
        // Only the workbook's own relationships are kept (sheet targets); of the others only their types count.
        var keep = name.StartsWith("xl/_rels/", StringComparison.OrdinalIgnoreCase) ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.GetAttribute("Type") is { } type)
            {
                _facts.RelationshipTypes.Add(type.Trim());
            }

            if (keep is not null && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
            {
                keep[id] = target;
            }
        }

        if (keep is not null)
        {
            _workbookLevelRels[name] = keep;
        }
    }

    private bool ReadWorkbookPart(string name, XmlReader reader)
    {
        _workbookPart = name;
        _sheetEntries = [];
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.NamespaceURI is MainNamespace or StrictMainNamespace)
            {
                var id = reader.GetAttribute("id", RelationshipsNamespace) ?? reader.GetAttribute("id", StrictRelationshipsNamespace) ?? string.Empty;
                _sheetEntries.Add((reader.GetAttribute("name") ?? string.Empty, id));
                if (_sheetEntries.Count > _limits.MaxSheets)
                {
                    throw new RefusalException(ScreeningFindings.FileTooManySheets(_sheetEntries.Count, _limits.MaxSheets));
                }
            }
        }

        return true;
    }

    private bool ReadSharedStrings(XmlReader reader)
    {
        var strings = new List<string>();
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(_text.ReadRich(reader));
                if (strings.Count > _limits.MaxSharedStrings)
                {
                    throw new RefusalException(ScreeningFindings.FileTooManyStrings($"över {_limits.MaxSharedStrings:N0} olika texter"));
                }

                continue;
            }

            reader.Read();
        }

        _sharedStrings = strings;
        return true;
    }

    private bool ReadStyles(XmlReader reader)
    {
        var customFormats = new Dictionary<int, string>();
        var cellFormats = new List<int>();
        var inCellXfs = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "numFmt" when int.TryParse(reader.GetAttribute("numFmtId"), out var id):
                        customFormats[id] = reader.GetAttribute("formatCode") ?? string.Empty;
                        break;
                    case "cellXfs":
                        inCellXfs = !reader.IsEmptyElement;
                        break;
                    case "xf" when inCellXfs:
                        cellFormats.Add(int.TryParse(reader.GetAttribute("numFmtId"), out var format) ? format : 0);
                        break;
                }
            }
        }

        _styles = new StyleTable(cellFormats, customFormats);
        return true;
    }

    private bool ReadWorksheet(string name, XmlReader reader)
    {
        if (_worksheets.Count >= _limits.MaxSheets)
        {
            throw new RefusalException(ScreeningFindings.FileTooManySheets(_worksheets.Count + 1, _limits.MaxSheets));
        }

        var sheet = new WorksheetPart();
        _worksheets[name] = sheet;
        var stop = new WorksheetReader(reader, sheet, _limits, _text).Read();
        if (stop is { } refusal)
        {
            _limitRefusal ??= refusal with { Part = name };
            return false;
        }

        return true;
    }

    private ReadWorkbook Assemble()
    {
        if (_workbookPart is null || _sheetEntries is null)
        {
            return ReadWorkbook.NotReadable();
        }

        var folder = _workbookPart.Contains('/', StringComparison.Ordinal) ? _workbookPart[.._workbookPart.LastIndexOf('/')] : string.Empty;
        var relsName = (folder.Length > 0 ? folder + "/" : string.Empty) + "_rels/" + _workbookPart[(_workbookPart.LastIndexOf('/') + 1)..] + ".rels";
        var rels = _workbookLevelRels.GetValueOrDefault(relsName) ?? [];
        var sheets = new List<(string Name, WorksheetPart Part)>();
        foreach (var (sheetName, relationshipId) in _sheetEntries)
        {
            if (!rels.TryGetValue(relationshipId, out var target))
            {
                return ReadWorkbook.NotReadable();
            }

            // Chart sheets and dialog sheets are not worksheets: no cells to read, as before.
            if (_worksheets.TryGetValue(ResolveTarget(folder, target), out var part))
            {
                sheets.Add((sheetName, part));
            }
        }

        var strings = _sharedStrings ?? [];
        var resolved = new List<(string Name, ResolvedSheet Sheet)>(sheets.Count);
        foreach (var (sheetName, part) in sheets)
        {
            if (part.Resolve(strings, _styles) is not { } sheet)
            {
                return ReadWorkbook.NotReadable();
            }

            resolved.Add((sheetName, sheet));
        }

        FormulaEvaluator.EvaluatePending(resolved, _limits);
        return ReadWorkbook.Read(resolved.Select(s => (s.Name, (IReadOnlyList<(int Row, int Column, CellValue Value)>)s.Sheet.Cells)).ToList());
    }

    private string SheetNameOf(string? part)
    {
        if (part is null || _workbookPart is null || _sheetEntries is null)
        {
            return part ?? string.Empty;
        }

        var folder = _workbookPart.Contains('/', StringComparison.Ordinal) ? _workbookPart[.._workbookPart.LastIndexOf('/')] : string.Empty;
        var rels = _workbookLevelRels.GetValueOrDefault((folder.Length > 0 ? folder + "/" : string.Empty) + "_rels/" + _workbookPart[(_workbookPart.LastIndexOf('/') + 1)..] + ".rels");
        foreach (var (name, id) in _sheetEntries)
        {
            if (rels is not null && rels.TryGetValue(id, out var target) && ResolveTarget(folder, target).Equals(part, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return part;
    }

    private static string ResolveTarget(string folder, string target)
    {
        if (target.StartsWith('/'))
        {
            return target.TrimStart('/');
        }

        var segments = folder.Length == 0 ? new List<string>() : folder.Split('/').ToList();
        foreach (var segment in target.Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not "." and not "")
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    /// <summary>Counts every decompressed byte against the package's budget and the part's ratio, and stops at once when either is exceeded.</summary>
    private sealed class BudgetStream(Stream inner, WorkbookReader owner, long compressedLength) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var limit = (int)Math.Min(buffer.Length, owner._expandedBudget + 1);
            var read = inner.Read(buffer[..Math.Max(limit, 1)]);
            _read += read;
            owner._expandedBudget -= read;
            if (owner._expandedBudget < 0)
            {
                throw new RefusalException(WorkbookScreener.TooMuchExpanded(owner._limits));
            }

            if (WorkbookScreener.IsSuspiciousRatio(_read, compressedLength, owner._limits))
            {
                throw new RefusalException(ScreeningFindings.FileZipBomb("en del packas upp orimligt mycket"));
            }

            return read;
        }

        public void Drain(byte[] buffer)
        {
            while (Read(buffer) > 0)
            {
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A screening rule or limit tripped in the middle of the read: the read ends with this refusal.</summary>
internal sealed class RefusalException(Finding finding) : Exception(finding.Message)
{
    public Finding Finding { get; } = finding;
}

/// <summary>A limit that tripped in a worksheet part, named by its sheet once the workbook part has said which sheet that is.</summary>
internal sealed record PendingRefusal(string? Part, string? Cell, string Detail, bool TooManyCells, int Limit, string Area)
{
    public Finding ToFinding(string sheet) => TooManyCells
        ? ScreeningFindings.SheetTooManyCells(sheet, Limit)
        : ScreeningFindings.SheetOutsideArea(sheet, Cell ?? "A1", Area, Detail);
}

/// <summary>How many characters of text the read may still take; counted while text streams in, chunk by chunk.</summary>
internal sealed class TextBudget(int maxChars)
{
    private readonly char[] _chunk = new char[4096];
    private long _left = maxChars;

    /// <summary>The text content of the element the reader is on; the reader ends after its end tag.</summary>
    public string Read(XmlReader reader) => Collect(reader, rich: false);

    /// <summary>The text of an &lt;si&gt; or &lt;is&gt; element: plain or rich-text runs, phonetic hints left out.</summary>
    public string ReadRich(XmlReader reader) => OoxmlText.Decode(Collect(reader, rich: true));

    private string Collect(XmlReader reader, bool rich)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var depth = reader.Depth;
        string? single = null;
        System.Text.StringBuilder? builder = null;
        void Add(ReadOnlySpan<char> piece)
        {
            if (single is null && builder is null)
            {
                single = new string(piece);
                return;
            }

            builder ??= new System.Text.StringBuilder(single);
            builder.Append(piece);
        }

        reader.Read();
        while (reader.Depth > depth && !reader.EOF)
        {
            if (!rich && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                int read;
                while ((read = reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                {
                    _left -= read;
                    if (_left < 0)
                    {
                        throw new RefusalException(ScreeningFindings.FileTooManyStrings($"över {maxChars:N0} tecken text"));
                    }

                    Add(_chunk.AsSpan(0, read));
                }

                reader.Read();
            }
            else if (rich && reader.NodeType == XmlNodeType.Element && reader.LocalName == "t")
            {
                Add(Collect(reader, rich: false));
            }
            else if (reader.NodeType == XmlNodeType.Element && (!rich || reader.LocalName == "rPh"))
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
        return builder?.ToString() ?? single ?? string.Empty;
    }
}
