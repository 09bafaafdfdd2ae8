using System.Globalization;
using System.Text.RegularExpressions;
using PoIntake.Core.Reference;
using L = PoIntake.Core.Intake.WorkbookLabels.Operation;

namespace PoIntake.Core.Intake.Parsing;

/// <summary>Sheet <see cref="WorkbookLabels.Sheets.Operation"/>: who reports, for which year and county, and whether it was active.</summary>
internal static partial class OperationSheet
{
    public const int FirstYear = ContractLimits.FirstYear;

    // The name becomes the operation key in table keys and query filters; an unbounded name made the intake's
    // previous-year lookup fail at the storage layer on every retry (docs/hardening.md).
    public const int MaxShortText = ContractLimits.MaxShortText;

    public static OperationInfo? Read(SheetReader sheet, ExpectedOrigin origin, int currentYear, MunicipalityRegistry registry)
    {
        var errorsBefore = sheet.Sink.ErrorCount;
        var year = ReadYear(sheet, origin, currentYear);
        var (county, written) = ReadCounty(sheet, origin, registry);
        var nameCell = sheet.Scalar(L.Name);
        var name = nameCell is null ? null : sheet.TextAt(nameCell.Row, nameCell.Column, L.Name, required: true, MaxShortText);
        if (nameCell is not null)
        {
            sheet.Sink.Locate(FactKeys.OperationName, sheet.Sheet, nameCell.Address, L.Name);
        }

        // With a Län that differs from the upload path, a municipality of either county is left to COUNTY_MISMATCH:
        // one wrong figure gives one finding, not one more per municipality.
        var municipalities = ReadMunicipalities(sheet, written?.Code ?? origin.CountyCode, origin.CountyCode, registry);
        var operatingForm = sheet.Scalar(L.OperatingForm) is { } formCell
            ? sheet.Choice(formCell.Row, formCell.Column, L.OperatingForm, WorkbookLabels.OperatingForms, required: true)
            : null;

        string? providerName = null;
        OrganisationForm? organisationForm = null;
        if (operatingForm == OperatingForm.OtherProvider)
        {
            providerName = RequiredForProvider(sheet, L.ProviderName, c => sheet.TextAt(c.Row, c.Column, L.ProviderName, required: false, MaxShortText));
            organisationForm = RequiredForProvider(
                sheet,
                L.OrganisationForm,
                c => sheet.Choice(c.Row, c.Column, L.OrganisationForm, WorkbookLabels.OrganisationForms, required: false));
        }

        var contactPerson = sheet.Text(L.ContactPerson, required: true, MaxShortText);
        var email = ReadEmail(sheet);
        var phone = sheet.Grid.FindLabel(L.Phone) is null ? null : sheet.Text(L.Phone, required: false, MaxShortText);
        var active = sheet.Grid.FindLabel(L.Active) is null ? true : sheet.YesNo(L.Active, whenEmpty: true);

        // Optional in every year: a workbook without the label (an earlier template) covers whole municipalities.
        var district = sheet.Grid.FindLabel(L.District) is null ? null : sheet.Text(L.District, required: false, MaxShortText);

        if (sheet.Sink.ErrorCount > errorsBefore || year is null || county is null || name is null || municipalities is null ||
            operatingForm is null || contactPerson is null || email is null || active is null)
        {
            return null;
        }

        return new OperationInfo(
            year.Value,
            county.Code,
            name,
            municipalities,
            operatingForm.Value,
            providerName,
            organisationForm,
            contactPerson,
            email,
            phone,
            active.Value)
        {
            District = district,
        };
    }

    private static int? ReadYear(SheetReader sheet, ExpectedOrigin origin, int currentYear)
    {
        if (sheet.Scalar(L.Year) is not { } cell)
        {
            return null;
        }

        if (cell.Value.IsEmpty)
        {
            sheet.Error(FindingCodes.ValueMissing, cell.Address, L.Year, "cellen är tom", "ett årtal med fyra siffror, t.ex. " + origin.Year,
                $"Skriv redovisningsåret i cell {cell.Address}.");
            return null;
        }

        if (cell.Value.IsUnusable)
        {
            return sheet.CountAt(cell.Row, cell.Column, L.Year, emptyIsZero: false);
        }

        if (!CellReader.TryYear(cell.Value, out var year))
        {
            sheet.Error(FindingCodes.ValueNotAYear, cell.Address, L.Year, $"cellen innehåller {cell.Value.Display}",
                "ett årtal med fyra siffror, t.ex. " + origin.Year, $"Skriv redovisningsåret med fyra siffror i cell {cell.Address}.");
            return null;
        }

        var text = year.ToString(CultureInfo.InvariantCulture);
        if (year > currentYear)
        {
            sheet.Error(FindingCodes.YearInFuture, cell.Address, L.Year, $"året {text} ligger i framtiden",
                $"ett år som inte är senare än {currentYear}", $"Skriv det år som rapporten avser i cell {cell.Address}.");
            return null;
        }

        if (year < FirstYear)
        {
            sheet.Error(FindingCodes.YearTooEarly, cell.Address, L.Year, $"året {text} är före {FirstYear}",
                $"{FirstYear} eller senare (förordningen (2013:522) gäller från {FirstYear})",
                $"Skriv det år som rapporten avser i cell {cell.Address}.");
            return null;
        }

        if (year != origin.Year)
        {
            sheet.Error(FindingCodes.YearMismatch, cell.Address, L.Year,
                $"året {text} stämmer inte med året {origin.Year} som filen lämnades in under",
                origin.Year.ToString(CultureInfo.InvariantCulture),
                $"Rätta redovisningsåret i cell {cell.Address}, eller lämna in filen under år {text}.");
            return null;
        }

        return year;
    }

    /// <summary>The county when it matches the upload path, and the county written in the workbook, if recognised.</summary>
    private static (County? Matching, County? Written) ReadCounty(SheetReader sheet, ExpectedOrigin origin, MunicipalityRegistry registry)
    {
        if (sheet.Scalar(L.County) is not { } cell)
        {
            return (null, null);
        }

        var expected = registry.FindCountyByCode(origin.CountyCode);
        var expectedText = expected is null ? $"länskod {origin.CountyCode}" : $"{expected.Name} ({expected.Code})";
        var text = sheet.TextAt(cell.Row, cell.Column, L.County, required: true);
        if (text is null)
        {
            return (null, null);
        }

        if (registry.FindCounty(text) is not { } county)
        {
            sheet.Error(FindingCodes.CountyUnknown, cell.Address, L.County, $"\"{text}\" är inget län",
                "länets namn (med eller utan \"län\") eller tvåsiffriga länskod, t.ex. " + expectedText,
                $"Skriv länets namn eller länskod i cell {cell.Address}.");
            return (null, null);
        }

        if (county.Code != origin.CountyCode)
        {
            sheet.Error(FindingCodes.CountyMismatch, cell.Address, L.County,
                $"länet {county.Name} ({county.Code}) stämmer inte med länet som filen lämnades in under",
                expectedText,
                $"Rätta länet i cell {cell.Address}, eller lämna in filen under län {county.Code}.");
            return (null, county);
        }

        return (county, county);
    }

    private static IReadOnlyList<string>? ReadMunicipalities(SheetReader sheet, string countyCode, string pathCountyCode, MunicipalityRegistry registry)
    {
        if (sheet.Scalar(L.Municipalities) is not { } cell)
        {
            return null;
        }

        var text = sheet.TextAt(cell.Row, cell.Column, L.Municipalities, required: true);
        if (text is null)
        {
            return null;
        }

        sheet.Sink.Locate(FactKeys.MunicipalitiesLocation, sheet.Sheet, cell.Address, L.Municipalities);

        var county = registry.FindCountyByCode(countyCode);
        var countyText = county is null ? $"länskod {countyCode}" : county.Name + "s län";
        var codes = new List<string>();
        var ok = true;
        foreach (var (part, municipality) in registry.FindListed(text))
        {
            if (municipality is null)
            {
                ok = false;
                sheet.Error(FindingCodes.MunicipalityUnknown, cell.Address, L.Municipalities, $"\"{part}\" är ingen kommun",
                    "kommunnamn eller fyrsiffriga kommunkoder, åtskilda med kommatecken, semikolon eller radbrytning",
                    $"Rätta stavningen av \"{part}\" i cell {cell.Address} (namn som i SCB:s kommunlista) eller skriv kommunkoden.");
            }
            else if (municipality.CountyCode != countyCode && municipality.CountyCode != pathCountyCode)
            {
                ok = false;
                sheet.Error(FindingCodes.MunicipalityOtherCounty, cell.Address, L.Municipalities,
                    $"kommunen {municipality.Name} ({municipality.Code}) ligger inte i {countyText}",
                    $"kommuner i {countyText}",
                    $"Ta bort {municipality.Name} från cell {cell.Address}; den redovisas av sitt eget län.");
            }
            else if (!codes.Contains(municipality.Code))
            {
                codes.Add(municipality.Code);
            }
        }

        if (ok && codes.Count == 0)
        {
            sheet.Error(FindingCodes.ValueMissing, cell.Address, L.Municipalities, "cellen innehåller ingen kommun",
                "minst en kommun", $"Skriv de kommuner som verksamheten omfattar i cell {cell.Address}.");
        }

        return ok && codes.Count > 0 ? codes : null;
    }

    private static T? RequiredForProvider<T>(SheetReader sheet, string label, Func<ScalarCell, T?> read)
    {
        if (sheet.Scalar(label) is not { } cell)
        {
            return default;
        }

        if (cell.Value.IsEmpty)
        {
            var other = Dimensions.OperatingForms.Label(OperatingForm.OtherProvider);
            sheet.Error(FindingCodes.ValueMissing, cell.Address, label, $"cellen är tom, men {L.OperatingForm} är {other}",
                "ett värde när verksamheten drivs av annan utförare",
                $"Fyll i \"{label}\" i cell {cell.Address}, eller ändra {L.OperatingForm} till {Dimensions.OperatingForms.Label(OperatingForm.Municipal)}.");
            return default;
        }

        return read(cell);
    }

    private static string? ReadEmail(SheetReader sheet)
    {
        if (sheet.Scalar(L.Email) is not { } cell)
        {
            return null;
        }

        var email = sheet.TextAt(cell.Row, cell.Column, L.Email, required: true, MaxShortText);
        if (email is null)
        {
            return null;
        }

        if (!EmailPattern().IsMatch(email))
        {
            sheet.Error(FindingCodes.EmailInvalid, cell.Address, L.Email, $"\"{email}\" är ingen giltig e-postadress",
                "en e-postadress, t.ex. namn@kommun.se", $"Rätta e-postadressen i cell {cell.Address}.");
            return null;
        }

        return email;
    }

    /// <summary>Whether a text is an e-mail address as the contract takes it (every workbook's e-post field).</summary>
    public static bool IsEmail(string text) => EmailPattern().IsMatch(text);

    [GeneratedRegex(@"^[^@\s""(),:;<>\[\]\\]+@[^@\s""(),:;<>\[\]\\]+\.[^@\s""(),:;<>\[\]\\.]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
