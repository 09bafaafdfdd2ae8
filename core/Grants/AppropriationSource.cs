using Microsoft.Extensions.Options;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Grants;

/// <summary>
/// One year's appropriation as used, and where it came from: <see cref="FromNationalFigures"/> (Socialstyrelsen's figures
/// entered as data, <see cref="Version"/> the version used), <see cref="FromSettings"/> (section <c>Appropriation</c>, the
/// fallback for a year without any entered version) or <see cref="FromNowhere"/>.
/// </summary>
public sealed record ResolvedAppropriation(int Year, AppropriationYear? Appropriation, string Source, NationalFigures? Version)
{
    public const string FromNationalFigures = "nationalFigures";
    public const string FromSettings = "settings";
    public const string FromNowhere = "none";
}

/// <summary>
/// The one place that decides which appropriation a year uses (docs/grants.md, "Socialstyrelsen's figures"): the latest
/// version in <see cref="NationalFiguresStore"/> when the year has one (all of its fields, a null one meaning not decided),
/// else the settings (<see cref="AppropriationOptions"/>).
/// </summary>
public sealed class AppropriationSource(NationalFiguresStore? store, IOptions<AppropriationOptions> settings)
{
    public async Task<ResolvedAppropriation> ForAsync(int year, CancellationToken cancellationToken)
    {
        if (store is not null && await store.CurrentAsync(year, cancellationToken) is { } entered)
        {
            return new ResolvedAppropriation(year, ToAppropriation(entered), ResolvedAppropriation.FromNationalFigures, entered);
        }

        return settings.Value.For(year) is { } configured
            ? new ResolvedAppropriation(year, configured, ResolvedAppropriation.FromSettings, null)
            : new ResolvedAppropriation(year, null, ResolvedAppropriation.FromNowhere, null);
    }

    public static AppropriationYear ToAppropriation(NationalFigures figures) => new()
    {
        GrantsSek = figures.GrantsSek,
        AmountPerFullTimeEquivalentSek = figures.AmountPerFullTimeEquivalentSek,
        RepaidSek = figures.RepaidSek,
        OtherLines = [.. figures.OtherLines.Select(l => new BudgetLine { Label = l.Label, BudgetSek = l.BudgetSek, OutcomeSek = l.OutcomeSek })],
    };
}
