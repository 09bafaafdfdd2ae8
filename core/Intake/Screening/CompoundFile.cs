using System.Buffers.Binary;
using System.Text;

namespace PoIntake.Core.Intake.Screening;

/// <summary>
/// Just enough of the OLE compound file format (MS-CFB) to tell an encrypted OOXML workbook from a legacy .xls:
/// Office stores a password-protected .xlsx as a compound file with a stream named "EncryptedPackage".
/// </summary>
internal static class CompoundFile
{
    private const int HeaderBytes = 512;
    private const int DirectoryEntryBytes = 128;
    private const int NameLengthOffset = 64;
    private const int ObjectTypeOffset = 66;
    private const byte StreamObject = 2;

    private static readonly byte[] EncryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage\0");

    /// <summary>
    /// Directory entries are 128 bytes and sectors are 512 or 4096 bytes after the 512-byte header, so every entry
    /// starts 128-aligned; scanning those offsets finds the stream without following the FAT chains.
    /// </summary>
    public static bool HasEncryptedPackage(ReadOnlySpan<byte> file)
    {
        for (var offset = HeaderBytes; offset + DirectoryEntryBytes <= file.Length; offset += DirectoryEntryBytes)
        {
            var entry = file.Slice(offset, DirectoryEntryBytes);
            if (BinaryPrimitives.ReadUInt16LittleEndian(entry[NameLengthOffset..]) == EncryptedPackageName.Length
                && entry[ObjectTypeOffset] == StreamObject
                && entry.StartsWith(EncryptedPackageName))
            {
                return true;
            }
        }

        return false;
    }
}
