using Microsoft.Extensions.DependencyInjection;

namespace PoIntake.Core.Template;

/// <summary>
/// Settings of the report template (section <c>Template</c>): the theme question Socialstyrelsen asks each year on sheet
/// Uppföljning (<c>Template__ThemeQuestions__2026</c>). A year without one has no theme rows; the parser then reads none.
/// </summary>
public sealed class TemplateOptions
{
    public const string SectionName = "Template";

    /// <summary>Reporting year → the question, in Swedish. The default is 2021's theme (2021 lägesrapport, "Coronapandemin har påverkat kommunernas arbete").</summary>
    public Dictionary<int, string> ThemeQuestions { get; set; } = new()
    {
        [2021] = DefaultThemeQuestions.Pandemic2021,
    };

    public string? ThemeQuestion(int year) =>
        ThemeQuestions.TryGetValue(year, out var question) && !string.IsNullOrWhiteSpace(question) ? question.Trim() : null;
}

/// <summary>The themes the seeds show (the lägesrapporter's chapters); 2020's was asked through focus groups, before sheet Uppföljning existed.</summary>
public static class DefaultThemeQuestions
{
    public const string Pandemic2021 = "Hur har coronapandemin påverkat verksamhetens arbete och klienterna under året?";

    public const string ChildRights2020 = "Hur beaktar de personliga ombuden barnets rättigheter (barnkonventionen) i sitt uppdrag?";
}

public static class TemplateServiceCollectionExtensions
{
    public static IServiceCollection AddPoIntakeTemplate(this IServiceCollection services)
    {
        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.SectionName);
        return services;
    }
}
