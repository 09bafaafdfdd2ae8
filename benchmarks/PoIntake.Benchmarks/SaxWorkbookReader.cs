using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PoIntake.Benchmarks;

/// <summary>
/// What a raw SAX pass over a workbook saw: every &lt;c&gt; element, those that carried a value, formulas without a
/// cached value (ClosedXML saves none), and the shared strings read.
/// </summary>
public readonly record struct SaxReadResult(int Cells, int CellsWithValue, int FormulasWithoutValue, long ValueChars, int SharedStrings);

/// <summary>
/// The floor any workbook parser pays: open the package, read the shared-string table and stream every cell of every
/// worksheet with <see cref="OpenXmlReader"/>, materialising each value as a string (shared strings resolved).
/// No styles, no formulas evaluated, no object model.
/// </summary>
internal static class SaxWorkbookReader
{
    public static SaxReadResult Read(byte[] content)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The package has no workbook part.");
        var sharedStrings = ReadSharedStrings(workbook.SharedStringTablePart);

        var cells = 0;
        var withValue = 0;
        var formulasOnly = 0;
        long chars = 0;
        foreach (var sheet in workbook.WorksheetParts)
        {
            using var reader = OpenXmlReader.Create(sheet);
            var inCell = false;
            string? type = null;
            string? value = null;
            var formula = false;

            void Emit()
            {
                cells++;
                if (value is null)
                {
                    formulasOnly += formula ? 1 : 0;
                    return;
                }

                var text = type == "s" ? sharedStrings[int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)] : value;
                withValue++;
                chars += text.Length;
            }

            while (reader.Read())
            {
                if (reader.ElementType == typeof(Cell))
                {
                    if (reader.IsStartElement)
                    {
                        if (inCell)
                        {
                            Emit();
                        }

                        inCell = true;
                        type = null;
                        value = null;
                        formula = false;
                        foreach (var attribute in reader.Attributes)
                        {
                            if (attribute.LocalName == "t")
                            {
                                type = attribute.Value;
                            }
                        }
                    }
                    else if (reader.IsEndElement && inCell)
                    {
                        Emit();
                        inCell = false;
                    }
                }
                else if (inCell && reader.IsStartElement && reader.ElementType == typeof(CellFormula))
                {
                    formula = true;
                }
                else if (inCell && reader.IsStartElement && (reader.ElementType == typeof(CellValue) || reader.ElementType == typeof(Text)))
                {
                    // <v> holds the value (or the shared-string index); <is><t> an inline string.
                    value = value is null || reader.ElementType == typeof(CellValue) ? reader.GetText() : value + reader.GetText();
                }
            }

            if (inCell)
            {
                Emit();
            }
        }

        return new SaxReadResult(cells, withValue, formulasOnly, chars, sharedStrings.Count);
    }

    private static List<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        string? item = null;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    item = string.Empty;
                }
                else if (reader.IsEndElement && item is not null)
                {
                    strings.Add(item);
                    item = null;
                }
            }
            else if (item is not null && reader.IsStartElement && reader.ElementType == typeof(Text))
            {
                // Plain text is one <t>; rich text is several runs, each with its own <t>.
                item += reader.GetText();
            }
        }

        return strings;
    }
}
