namespace PoIntake.Core.Grants;

/// <summary>
/// The state budget for personligt ombud per year (section <c>Appropriation</c>, docs/grants.md): what the
/// government's appropriation gives and what Socialstyrelsen fixed. Configuration, because these are decided
/// outside the system each year, e.g. <c>Appropriation__Years__2021__GrantsSek=130000000</c>.
/// </summary>
public sealed class AppropriationOptions
{
    public const string SectionName = "Appropriation";

    /// <summary>Keyed by year ("2021").</summary>
    public Dictionary<string, AppropriationYear> Years { get; set; } = new(StringComparer.Ordinal);

    public AppropriationYear? For(int year) =>
        Years.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var value) ? value : null;
}

/// <summary>One year's appropriation. Amounts in kronor; null when not (yet) decided.</summary>
public sealed class AppropriationYear
{
    /// <summary>The anslag for ombudstjänster (statsbidrag), e.g. 130 000 000 for 2021.</summary>
    public decimal? GrantsSek { get; set; }

    /// <summary>The amount per årsanställning Socialstyrelsen fixed, e.g. 404 530 for 2021.</summary>
    public decimal? AmountPerFullTimeEquivalentSek { get; set; }

    /// <summary>
    /// The other budget lines of Tabell 5 "Budget och utfall" in their published order (e.g. "Socialstyrelsen"
    /// 1 500 000 with its utfall 1 346 391); the line for ombudstjänster is <see cref="GrantsSek"/> and its utfall
    /// comes from the reports.
    /// </summary>
    public List<BudgetLine> OtherLines { get; set; } = [];

    /// <summary>Återbetalning: what municipalities paid back under 15 § for the year (kronor, positive), once decided.</summary>
    public decimal? RepaidSek { get; set; }
}

/// <summary>A budget line of Tabell 5 other than the statsbidrag: its label, budget and utfall in kronor.</summary>
public sealed class BudgetLine
{
    public string Label { get; set; } = string.Empty;

    public decimal BudgetSek { get; set; }

    public decimal? OutcomeSek { get; set; }
}
