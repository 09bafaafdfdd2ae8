using System.Globalization;
using System.IO.Compression;
using System.Xml;
using ClosedXML.Excel;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>
/// Opens the workbook with ClosedXML and turns each sheet into a <see cref="SheetGrid"/>. Formula cells give the value
/// cached by Excel/LibreOffice, else ClosedXML's evaluation; plain error cells (which ClosedXML 0.95 loads as empty)
/// are recovered from the sheet XML.
/// </summary>
internal sealed class WorkbookLoader : IDisposable
{
    /// <summary>
    /// ClosedXML evaluates a formula by recursing through the cells it refers to (about 1 kB of stack per level), so a
    /// workbook with more formula cells than this is not evaluated: its formulas without a cached value become findings.
    /// </summary>
    public const int MaxFormulaCellsToEvaluate = 10_000;

    private readonly XLWorkbook _workbook;
    private readonly IReadOnlyDictionary<string, Dictionary<(int, int), string>> _errorCells;
    private readonly bool _mayEvaluate;
    private readonly Dictionary<string, SheetGrid?> _grids = new(StringComparer.Ordinal);

    private WorkbookLoader(XLWorkbook workbook, PackageScan scan)
    {
        _workbook = workbook;
        _errorCells = scan.ErrorCells;
        _mayEvaluate = scan.FormulaCells <= MaxFormulaCellsToEvaluate;
    }

    /// <summary>Null with a reason when the bytes are not a readable .xlsx package.</summary>
    public static WorkbookLoader? TryOpen(ReadOnlyMemory<byte> content, out string? failure)
    {
        failure = null;
        try
        {
            var bytes = content.ToArray();
            var scan = ScanPackage(bytes);
            var workbook = new XLWorkbook(new MemoryStream(bytes, writable: false));
            return new WorkbookLoader(workbook, scan);
        }
#pragma warning disable CA1031 // Any failure to open is the file's fault, reported as a finding.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex.GetType().Name;
            return null;
        }
    }

    /// <summary>The sheet whose name matches (trimmed, case-insensitive), or null.</summary>
    public SheetGrid? Sheet(string contractName)
    {
        if (_grids.TryGetValue(contractName, out var cached))
        {
            return cached;
        }

        var worksheet = _workbook.Worksheets.FirstOrDefault(w => LabelText.Same(w.Name, contractName));
        var grid = worksheet is null ? null : Read(worksheet, contractName);
        _grids[contractName] = grid;
        return grid;
    }

    /// <summary>The names, as written, of every sheet that matches the contract name (trimmed, case-insensitive).</summary>
    public IReadOnlyList<string> MatchingNames(string contractName) =>
        _workbook.Worksheets.Where(w => LabelText.Same(w.Name, contractName)).Select(w => w.Name).ToList();

    public void Dispose() => _workbook.Dispose();

    private SheetGrid Read(IXLWorksheet worksheet, string contractName)
    {
        var errors = _errorCells.GetValueOrDefault(worksheet.Name) ?? [];
        var cells = new List<(int, int, CellValue)>();
        foreach (var cell in worksheet.CellsUsed())
        {
            var address = cell.Address;
            cells.Add((address.RowNumber, address.ColumnNumber, ReadCell(cell, _mayEvaluate)));
        }

        foreach (var ((row, column), code) in errors)
        {
            cells.Add((row, column, CellValue.FromError(code)));
        }

        return new SheetGrid(contractName, cells);
    }

    internal static CellValue ReadCell(IXLCell cell, bool mayEvaluate)
    {
        try
        {
            if (cell.HasFormula)
            {
                var cached = cell.CachedValue;
                return cached is not null ? FromObject(cached, formulaResult: true)
                    : mayEvaluate ? Evaluate(cell)
                    : CellValue.FromFailedFormula("arbetsboken har för många formler utan sparade värden för att beräknas");
            }

            return cell.DataType switch
            {
                XLDataType.Number => CellValue.FromNumber(cell.GetDouble()),
                XLDataType.Boolean => CellValue.FromBoolean(cell.GetBoolean()),
                XLDataType.DateTime => CellValue.FromDate(cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                XLDataType.TimeSpan => CellValue.FromDate(cell.GetString()),
                _ => CellValue.FromText(cell.GetString()),
            };
        }
#pragma warning disable CA1031 // A cell ClosedXML cannot read is a finding, never an exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return CellValue.FromFailedFormula(ex.GetType().Name);
        }
    }

    private static CellValue Evaluate(IXLCell cell)
    {
        try
        {
            return FromObject(cell.Value, formulaResult: true);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("ircular", StringComparison.Ordinal))
        {
            return CellValue.FromFailedFormula("cirkelreferens");
        }
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // ClosedXML's CalcEngine signals Excel's error values with its own exception types.
            return ex.GetType().Name switch
            {
                "DivisionByZeroException" or nameof(DivideByZeroException) => CellValue.FromError("#DIV/0!"),
                "CellReferenceException" => CellValue.FromError("#REF!"),
                "NameNotRecognizedException" => CellValue.FromError("#NAME?"),
                "CellValueException" => CellValue.FromError("#VALUE!"),
                "NoValueAvailableException" => CellValue.FromError("#N/A"),
                "NumberException" => CellValue.FromError("#NUM!"),
                "NullValueException" => CellValue.FromError("#NULL!"),
                _ => CellValue.FromFailedFormula("beräkningen misslyckades"),
            };
        }
    }

    private static CellValue FromObject(object? value, bool formulaResult) => value switch
    {
        null => CellValue.Empty,
        double d => double.IsFinite(d) ? CellValue.FromNumber(d) : CellValue.FromError("#NUM!"),
        int i => CellValue.FromNumber(i),
        long l => CellValue.FromNumber(l),
        decimal m => CellValue.FromNumber((double)m),
        bool b => CellValue.FromBoolean(b),
        DateTime dt => CellValue.FromDate(dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        string s when formulaResult && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => CellValue.FromNumber(n),
        string s => CellValue.FromText(s),
        _ => CellValue.FromText(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>Sheet name → cells stored with t="e" (error value), and the number of formula cells, read from the package XML.</summary>
    private static PackageScan ScanPackage(byte[] bytes)
    {
        var result = new Dictionary<string, Dictionary<(int, int), string>>(StringComparer.Ordinal);
        var formulas = 0;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var workbookEntry = zip.GetEntry("xl/workbook.xml");
            var relsEntry = zip.GetEntry("xl/_rels/workbook.xml.rels");
            if (workbookEntry is null || relsEntry is null)
            {
                return new PackageScan(result, formulas);
            }

            var targets = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var reader = XmlReader.Create(relsEntry.Open(), SafeSettings()))
            {
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" &&
                        reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
                    {
                        targets[id] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                    }
                }
            }

            var sheets = new List<(string Name, string Part)>();
            using (var reader = XmlReader.Create(workbookEntry.Open(), SafeSettings()))
            {
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" &&
                        reader.GetAttribute("name") is { } name &&
                        reader.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships") is { } rid &&
                        targets.TryGetValue(rid, out var part))
                    {
                        sheets.Add((name, part));
                    }
                }
            }

            foreach (var (name, part) in sheets)
            {
                if (zip.GetEntry(part) is { } entry)
                {
                    var errors = ScanSheet(entry, ref formulas);
                    if (errors.Count > 0)
                    {
                        result[name] = errors;
                    }
                }
            }
        }
#pragma warning disable CA1031 // An unreadable package is reported by ClosedXML's load.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        return new PackageScan(result, formulas);
    }

    private static Dictionary<(int, int), string> ScanSheet(ZipArchiveEntry entry, ref int formulas)
    {
        var errors = new Dictionary<(int, int), string>();
        using var reader = XmlReader.Create(entry.Open(), SafeSettings());
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "f")
            {
                formulas++;
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c" || reader.GetAttribute("t") != "e" ||
                reader.GetAttribute("r") is not { } address || !A1.TryParse(address, out var row, out var column) || reader.IsEmptyElement)
            {
                continue;
            }

            var depth = reader.Depth;
            var hasFormula = false;
            string? value = null;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "f")
                {
                    hasFormula = true;
                    formulas++;
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "v")
                {
                    value = reader.ReadElementContentAsString();
                    if (reader.Depth <= depth)
                    {
                        break;
                    }
                }
            }

            // Formula cells keep their cached error in ClosedXML; only plain error cells are lost.
            if (!hasFormula && !string.IsNullOrWhiteSpace(value))
            {
                errors[(row, column)] = value;
            }
        }

        return errors;
    }

    private sealed record PackageScan(IReadOnlyDictionary<string, Dictionary<(int, int), string>> ErrorCells, int FormulaCells);

    private static XmlReaderSettings SafeSettings() => new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
}
