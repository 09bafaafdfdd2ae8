using PoIntake.Core.Storage;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Pipeline;

/// <summary>Where a workbook was dropped: <c>reports/{year}/{countyCode}/{fileName}.xlsx</c> (docs/storage.md).</summary>
public static class ReportBlobPath
{
    /// <summary>The origin the path names, or null and an Error finding saying what is wrong with it.</summary>
    public static (ExpectedOrigin? Origin, Finding? Finding) Parse(string blobName, MunicipalityRegistry registry)
    {
        var parts = blobName.Split('/');
        if (parts.Length != 3 ||
            parts[0].Length != 4 || !parts[0].All(char.IsAsciiDigit) ||
            parts[1].Length != 2 || !parts[1].All(char.IsAsciiDigit) ||
            parts[2].Length <= ".xlsx".Length || !parts[2].EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Finding.ForFile(
                FindingCodes.PathInvalid,
                $"Filen ligger under \"{blobName}\", men rapporter ska läggas som år/länskod/filnamn.xlsx, till exempel 2025/25/kiruna-po.xlsx.",
                "Ladda upp arbetsboken på nytt i mappen för rätt redovisningsår och län, som en .xlsx-fil."));
        }

        if (registry.FindCountyByCode(parts[1]) is null)
        {
            return (null, Finding.ForFile(
                FindingCodes.PathCountyUnknown,
                $"Länskoden {parts[1]} i sökvägen \"{blobName}\" finns inte. Länskoden är två siffror, till exempel 01 för Stockholm eller 25 för Norrbotten.",
                "Ladda upp arbetsboken på nytt i mappen för rätt län."));
        }

        return (new ExpectedOrigin(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]), null);
    }
}
