using System.Globalization;
using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Access;

/// <summary>A refusal's Swedish title and detail, as a problem answer carries them.</summary>
public sealed record AccessRefusal(string Title, string Detail);

/// <summary>
/// The Swedish texts of the refusals every HTTP route shares: a role key that does not open the route
/// (<see cref="AccessKeys.Check"/> decides, these say why and what to do) and a year or county in the route that is not
/// one. The year bounds are the contract's (<see cref="ContractLimits"/>).
/// </summary>
public static class AccessTexts
{
    private const string FromAdministration = "Nyckeln får ni av förvaltningen av tjänsten.";

    /// <summary>The refusal of <paramref name="decision"/> for <paramref name="county"/> (null on a route of every county).</summary>
    public static AccessRefusal Refusal(AccessDecision decision, County? county)
    {
        var name = county?.OfficialName() ?? "länet";
        var (title, detail) = (decision.Scope, decision.Verdict) switch
        {
            (AccessScope.CountyUpload, AccessVerdict.Missing) => (
                "Länets nyckel saknas",
                $"Uppladdning för {name} kräver länsstyrelsens egen nyckel i huvudet {AccessKeys.CountyHeader}. {FromAdministration}"),
            (AccessScope.CountyRead, AccessVerdict.Missing) => (
                "Länets nyckel saknas",
                $"Uppgifterna för {name} visas bara med länsstyrelsens egen nyckel i huvudet {AccessKeys.CountyHeader} (eller Socialstyrelsens nyckel i {AccessKeys.NationalHeader}). {FromAdministration}"),
            (AccessScope.CountyUpload or AccessScope.CountyRead, AccessVerdict.WrongKey) => (
                "Nyckeln gäller inte för länet",
                $"Nyckeln gäller inte för {name}. Varje länsstyrelse kan bara lämna redovisningar för och se uppgifter om sitt eget län; kontrollera att rätt län är valt och att nyckeln är er egen."),
            (AccessScope.CountyUpload or AccessScope.CountyRead, _) => (
                "Länet är inte öppnat i tjänsten",
                $"Ingen nyckel är registrerad för {name}, så ingen kan lämna redovisningar för eller se uppgifter om länet här. Kontakta förvaltningen av tjänsten."),
            (AccessScope.Administration, AccessVerdict.Missing) => (
                "Förvaltningens nyckel saknas",
                $"Att köra om ett år, byta till en omkörning eller städa bort den kräver förvaltningens nyckel i huvudet {AccessKeys.AdministrationHeader}. Länsstyrelsernas och Socialstyrelsens nycklar öppnar inte förvaltningens åtgärder."),
            (AccessScope.Administration, AccessVerdict.WrongKey) => (
                "Nyckeln gäller inte för förvaltningen av tjänsten",
                "Nyckeln är inte någon av förvaltningens giltiga nycklar. Kontrollera nyckeln; en länsstyrelses eller Socialstyrelsens nyckel öppnar inte förvaltningens åtgärder."),
            (AccessScope.Administration, _) => (
                "Förvaltningens åtgärder är inte öppnade",
                "Ingen nyckel för förvaltningen är registrerad, så ingen kan köra om ett år eller byta tabeller här. En nyckel registreras av den som driftsätter tjänsten."),
            (_, AccessVerdict.Missing) => (
                "Socialstyrelsens nyckel saknas",
                $"Uppgifterna gäller hela landet och lämnas bara ut med Socialstyrelsens nyckel i huvudet {AccessKeys.NationalHeader}. En länsstyrelse ser sitt eget län under /api/status/{{år}}/{{länskod}}."),
            (_, AccessVerdict.WrongKey) => (
                "Nyckeln gäller inte för uppgifter om hela landet",
                "Nyckeln är inte någon av Socialstyrelsens giltiga nycklar. Kontrollera nyckeln; en länsstyrelses nyckel öppnar bara det egna länets uppgifter."),
            _ => (
                "Uppgifter om hela landet är inte öppnade",
                "Ingen nyckel för Socialstyrelsen är registrerad, så ingen kan hämta uppgifter om hela landet här. Kontakta förvaltningen av tjänsten."),
        };
        return new AccessRefusal(title, detail);
    }

    /// <summary>A year in a route that is not a reporting year of the contract (<see cref="ContractLimits.FirstYear"/>–<see cref="ContractLimits.LastYear"/>).</summary>
    public static AccessRefusal BadYear(string? year) => new(
        "Ogiltigt år",
        string.Create(CultureInfo.InvariantCulture, $"Året måste vara ett fyrsiffrigt redovisningsår mellan {ContractLimits.FirstYear} och {ContractLimits.LastYear}; fick \"{Truncate(year)}\"."));

    /// <summary>A county code in a route that names no county of the municipality register.</summary>
    public static AccessRefusal BadCounty(string? county) => new(
        "Okänt län",
        $"Länskoden måste vara en tvåsiffrig länskod (01–25) som finns i kommunregistret; fick \"{Truncate(county)}\".");

    /// <summary>The reporting year a route's text names, or null when it is not four digits within the contract's years.</summary>
    public static int? ParseYear(string? text) =>
        text is { Length: 4 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && year is >= ContractLimits.FirstYear and <= ContractLimits.LastYear
            ? year
            : null;

    /// <summary>The county a route's two-digit code names, or null.</summary>
    public static County? ParseCounty(MunicipalityRegistry registry, string? text) =>
        text is { Length: 2 } && text.All(char.IsAsciiDigit) ? registry.FindCountyByCode(text) : null;

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 20 ? text : text[..20] + "…";
}
