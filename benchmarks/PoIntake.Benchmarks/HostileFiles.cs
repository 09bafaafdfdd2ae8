using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PoIntake.Benchmarks;

/// <summary>Files the screener must refuse quickly and without inflating them into memory.</summary>
internal static class HostileFiles
{
    private const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""";

    /// <summary>A valid sample cut off in the middle: the central directory is gone.</summary>
    public static byte[] Truncated(byte[] workbook) => workbook[..(workbook.Length / 2)];

    /// <summary>
    /// A workbook-looking package whose sheet part inflates to <paramref name="zeroBytes"/> of '0'.
    /// With <paramref name="lie"/>, the headers claim each part inflates only 50 times (for the sheet: ~50 MB, under the
    /// 100 MB budget and the 200× ratio limit), so no header check catches it: only counting while decompressing does.
    /// </summary>
    public static byte[] ZipBomb(long zeroBytes, bool lie)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", ContentTypes);
            Write(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Verksamhet" sheetId="1"/></sheets></workbook>""");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'0');
            for (long written = 0; written < zeroBytes; written += chunk.Length)
            {
                sheet.Write(chunk, 0, (int)Math.Min(chunk.Length, zeroBytes - written));
            }
        }

        var bytes = output.ToArray();
        if (lie)
        {
            LieAboutSizes(bytes, ratio: 50);
        }

        return bytes;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Caps the uncompressed size in every local and central header at <paramref name="ratio"/> times the compressed
    /// size (no ZIP64 here: the bomb compresses to ~1 MB, and a seekable target means no data descriptors).
    /// </summary>
    private static void LieAboutSizes(byte[] zip, uint ratio)
    {
        for (var i = 0; i + 46 <= zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            var (compressedAt, uncompressedAt) = signature switch
            {
                0x04034B50 => (18, 22),
                0x02014B50 => (20, 24),
                _ => (-1, -1),
            };
            if (compressedAt < 0)
            {
                continue;
            }

            var claim = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i + compressedAt)) * ratio;
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i + uncompressedAt)) > claim)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + uncompressedAt), claim);
            }
        }
    }
}
