namespace PoIntake.Core.Reference;

public static class CountyExtensions
{
    /// <summary>The official county names in code order (the template's Län drop-down offers these).</summary>
    public static IReadOnlyList<(string Code, string Name)> OfficialNames { get; } =
    [
        ("01", "Stockholms län"),
        ("03", "Uppsala län"),
        ("04", "Södermanlands län"),
        ("05", "Östergötlands län"),
        ("06", "Jönköpings län"),
        ("07", "Kronobergs län"),
        ("08", "Kalmar län"),
        ("09", "Gotlands län"),
        ("10", "Blekinge län"),
        ("12", "Skåne län"),
        ("13", "Hallands län"),
        ("14", "Västra Götalands län"),
        ("17", "Värmlands län"),
        ("18", "Örebro län"),
        ("19", "Västmanlands län"),
        ("20", "Dalarnas län"),
        ("21", "Gävleborgs län"),
        ("22", "Västernorrlands län"),
        ("23", "Jämtlands län"),
        ("24", "Västerbottens län"),
        ("25", "Norrbottens län"),
    ];

    /// <summary>The official name of the county with this code ("Skåne län").</summary>
    public static string OfficialName(string code) =>
        OfficialNames.FirstOrDefault(c => c.Code == code).Name
        ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown county code.");

    /// <summary>The county's official name ("Skåne län", "Norrbottens län"), for Swedish text shown to users.</summary>
    public static string OfficialName(this County county) => OfficialName(county.Code);
}
