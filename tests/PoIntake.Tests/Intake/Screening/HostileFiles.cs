using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PoIntake.Tests.Intake.Screening;

/// <summary>Builds every kind of file the screener must refuse, in code, so no opaque binaries live in the repo.</summary>
internal static class HostileFiles
{
    public const string WorkbookMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    public static byte[] Zip(params (string Name, string Content)[] parts)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static string ContentTypes(string mainType, params string[] extraOverrides) =>
        $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
          <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
          <Default Extension="xml" ContentType="application/xml"/>
          <Override PartName="/xl/workbook.xml" ContentType="{mainType}"/>
          <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
          {string.Concat(extraOverrides)}
        </Types>
        """;

    public static string WorkbookRels(string extraRelationships = "") =>
        $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
          {extraRelationships}
        </Relationships>
        """;

    /// <summary>The smallest package Excel calls a workbook; <paramref name="extra"/> parts are added or replace by name.</summary>
    public static byte[] MinimalWorkbook(string mainType = WorkbookMain, string? contentTypes = null, string? workbookRels = null, params (string Name, string Content)[] extra)
    {
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = contentTypes ?? ContentTypes(mainType),
            ["_rels/.rels"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """,
            ["xl/workbook.xml"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                  <sheets><sheet name="Verksamhet" sheetId="1" r:id="rId1"/></sheets>
                </workbook>
                """,
            ["xl/_rels/workbook.xml.rels"] = workbookRels ?? WorkbookRels(),
            ["xl/worksheets/sheet1.xml"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>
                """,
        };
        foreach (var (name, content) in extra)
        {
            parts[name] = content;
        }

        return Zip(parts.Select(p => (p.Key, p.Value)).ToArray());
    }

    /// <summary>A compound file (MS-CFB v3) with one directory sector holding the root and the given streams.</summary>
    public static byte[] CompoundFile(params string[] streamNames)
    {
        const int sector = 512;
        var file = new byte[sector * 3];
        var header = file.AsSpan(0, sector);
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x003E); // minor version
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 0x0003); // major version 3
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE); // byte order
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9);      // 512-byte sectors
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);      // 64-byte mini sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], 1);      // one FAT sector
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], 1);      // directory starts in sector 1
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], 4096);   // mini stream cutoff
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header[76..], 0);      // DIFAT[0] = FAT in sector 0
        for (var i = 80; i < sector; i += 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[i..], 0xFFFFFFFF);
        }

        var fat = file.AsSpan(sector, sector);
        fat.Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat[0..], 0xFFFFFFFD); // sector 0 is the FAT
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], 0xFFFFFFFE); // sector 1 (directory) ends its chain

        var directory = file.AsSpan(sector * 2, sector);
        WriteDirectoryEntry(directory[..128], "Root Entry", objectType: 5);
        for (var i = 0; i < streamNames.Length && i < 3; i++)
        {
            WriteDirectoryEntry(directory.Slice((i + 1) * 128, 128), streamNames[i], objectType: 2);
        }

        return file;
    }

    /// <summary>
    /// A ZIP with one deflated entry that expands to <paramref name="expandedBytes"/> zeros while its headers declare
    /// <paramref name="declaredBytes"/>. Written by hand because ZipArchive always declares the truth.
    /// </summary>
    public static byte[] ZeroBomb(long expandedBytes, long declaredBytes, string entryName = "xl/worksheets/sheet1.xml")
    {
        var deflated = DeflatedZeros(expandedBytes);
        var name = Encoding.ASCII.GetBytes(entryName);
        using var zip = new MemoryStream();
        using var writer = new BinaryWriter(zip);

        writer.Write(0x04034B50u);
        writer.Write((ushort)20);
        writer.Write((ushort)0);
        writer.Write((ushort)8); // deflate
        writer.Write(0u);        // time and date
        writer.Write(0u);        // crc (never reached: the screener stops long before the end)
        writer.Write((uint)deflated.Length);
        writer.Write((uint)declaredBytes);
        writer.Write((ushort)name.Length);
        writer.Write((ushort)0);
        writer.Write(name);
        writer.Write(deflated);

        var centralStart = zip.Position;
        writer.Write(0x02014B50u);
        writer.Write((ushort)20);
        writer.Write((ushort)20);
        writer.Write((ushort)0);
        writer.Write((ushort)8);
        writer.Write(0u);
        writer.Write(0u);
        writer.Write((uint)deflated.Length);
        writer.Write((uint)declaredBytes);
        writer.Write((ushort)name.Length);
        writer.Write((ushort)0);
        writer.Write((ushort)0);
        writer.Write((ushort)0);
        writer.Write((ushort)0);
        writer.Write(0u);
        writer.Write(0u); // local header offset
        writer.Write(name);
        var centralSize = zip.Position - centralStart;

        writer.Write(0x06054B50u);
        writer.Write((ushort)0);
        writer.Write((ushort)0);
        writer.Write((ushort)1);
        writer.Write((ushort)1);
        writer.Write((uint)centralSize);
        writer.Write((uint)centralStart);
        writer.Write((ushort)0);
        writer.Flush();
        return zip.ToArray();
    }

    /// <summary>
    /// Raw deflate of many zeros without compressing them all: one sync-flushed block run for 1 MiB is repeated
    /// (its back-references only ever point at zeros), then an empty final block ends the stream.
    /// </summary>
    private static byte[] DeflatedZeros(long bytes)
    {
        const int chunk = 1024 * 1024;
        using var oneChunk = new MemoryStream();
        var deflate = new DeflateStream(oneChunk, CompressionLevel.SmallestSize, leaveOpen: true);
        deflate.Write(new byte[chunk]);
        deflate.Flush();
        var chunkBytes = oneChunk.ToArray();
        deflate.Dispose();

        using var all = new MemoryStream();
        for (long written = 0; written < bytes; written += chunk)
        {
            all.Write(chunkBytes);
        }

        all.Write([0x03, 0x00]);
        return all.ToArray();
    }

    private static void WriteDirectoryEntry(Span<byte> entry, string name, byte objectType)
    {
        var nameBytes = Encoding.Unicode.GetBytes(name + "\0");
        nameBytes.CopyTo(entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)nameBytes.Length);
        entry[66] = objectType;
        entry[67] = 1; // black
        BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], 0xFFFFFFFE);
    }
}
