using PoIntake.Core.Template;

namespace PoIntake.Core.Reference;

public static class CountyExtensions
{
    /// <summary>The county's official name ("Skåne län", "Norrbottens län"), for Swedish text shown to users.</summary>
    public static string OfficialName(this County county) => TemplateLayout.CountyName(county.Code);
}
