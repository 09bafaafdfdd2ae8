using ClosedXML.Excel;
using PoIntake.Core.Contacts;
using PoIntake.Core.Reference;

namespace PoIntake.DevHost.Samples;

/// <summary>
/// A sample contacts register: <c>contacts/{register}.xlsx</c> with its rows (role, municipality code, name, e-mail, and
/// whether the county board opted the municipality in to the yearly information about the grant).
/// </summary>
internal sealed record ContactSample(string Register, IReadOnlyList<(string Role, string? MunicipalityCode, string Name, string Email, bool GrantInformation)> Rows)
{
    public string BlobName => Register + ".xlsx";

    /// <summary>The register as a county board would fill it in: sheet Kontakter, header Roll | Kommun | Namn | E-post | Informera om statsbidrag.</summary>
    public byte[] Write()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(ContactsWorkbookParser.SheetName);
        string[] header = ["Roll", "Kommun", "Namn", "E-post", ContactsWorkbookParser.GrantInformationLabel];
        for (var column = 1; column <= header.Length; column++)
        {
            sheet.Cell(1, column).SetValue(header[column - 1]);
        }

        var registry = MunicipalityRegistry.Default;
        var row = 2;
        foreach (var (role, municipality, name, email, information) in Rows)
        {
            sheet.Cell(row, 1).SetValue(role);
            sheet.Cell(row, 2).SetValue(municipality is null ? string.Empty : registry.FindMunicipality(municipality)?.Name ?? municipality);
            sheet.Cell(row, 3).SetValue(name);
            sheet.Cell(row, 4).SetValue(email);
            sheet.Cell(row, 5).SetValue(information ? "Ja" : string.Empty);
            row++;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}

/// <summary>
/// Sample contacts registers (invented people at example.se addresses), so the reminder preview shows real mails: per
/// county with a sample verksamhet, the county board and one contact per municipality the verksamhet covers, plus the
/// next municipality of the county that has no personligt ombud (it owes nothing and gets no 1 March reminder); in the
/// first county that has one, it is opted in to the yearly information about the grant (column Informera om statsbidrag = Ja), so
/// the preview shows the one informational mail; and Socialstyrelsen's own register with its recipient of the 15 May
/// status report.
/// </summary>
internal static class ContactSamples
{
    public static IReadOnlyList<ContactSample> All()
    {
        var registry = MunicipalityRegistry.Default;
        var registers = new List<ContactSample>();
        var optedIn = false;
        foreach (var sample in SampleSet.Valid(SampleSet.Years[^1]))
        {
            var county = registry.FindCountyByCode(sample.CountyCode)!;
            var covered = sample.Report.Operation.MunicipalityCodes;
            var municipalities = registry.InCounty(sample.CountyCode)
                .Where(m => covered.Contains(m.Code))
                .Concat(registry.InCounty(sample.CountyCode).Where(m => !covered.Contains(m.Code)).Take(1))
                .ToArray();
            var rows = new List<(string, string?, string, string, bool)>
            {
                ("Länsstyrelse", null, $"Handläggare personligt ombud, {county.OfficialName()}", $"po@lansstyrelsen-{SampleSet.Slug(county.Name)}.example.se", false),
            };
            var optIn = !optedIn && municipalities.Any(m => !covered.Contains(m.Code));
            optedIn |= optIn;
            rows.AddRange(municipalities.Select(m => (
                "Kommun", (string?)m.Code, $"Socialtjänsten i {m.Name}", $"socialtjansten@{SampleSet.Slug(m.Name)}.example.se",
                optIn && !covered.Contains(m.Code))));
            registers.Add(new ContactSample(sample.CountyCode, rows));
        }

        registers.Add(new ContactSample(
            ContactRegisterRules.NationalRegister,
            [("Socialstyrelsen", null, "Enheten för personligt ombud", "personligt-ombud@socialstyrelsen.example.se", false)]));
        return registers;
    }
}
