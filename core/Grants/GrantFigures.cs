namespace PoIntake.Core.Grants;

/// <summary>
/// The national figures of a year's grant cycle (<c>GET /api/grants/{year}</c>, docs/grants.md): what was applied for per
/// county and in the country, the amount per årsanställning the anslag allows beside the one Socialstyrelsen fixed and what
/// that distributes, what the county boards granted and paid, and, once the annual reports are in, granted against spent
/// per verksamhet. Money in kronor (<see cref="GrantMoney"/>), ombudstjänster in årsarbetare.
/// </summary>
public sealed record GrantFigures(
    int Year,
    AppropriationFigures Appropriation,
    GrantTotals National,
    IReadOnlyList<CountyGrantFigures> Counties,
    IReadOnlyList<OperationGrantFigures> Operations,
    string RepaymentNote);

/// <summary>
/// The anslag and the amount per årsanställning. <see cref="HighestAmountPerFullTimeEquivalentSek"/> is the anslag ÷ the
/// applied ombudstjänster (rounded down); <see cref="DistributedSek"/> the fixed amount × the granted årsarbetare (to the
/// krona; HSLF-FS 2016:98 3–5 §§); <see cref="UndistributedSek"/> the anslag less that. Null where the configuration or the registers give nothing.
/// </summary>
public sealed record AppropriationFigures(
    decimal? GrantsSek,
    decimal? FixedAmountPerFullTimeEquivalentSek,
    decimal? HighestAmountPerFullTimeEquivalentSek,
    decimal? DistributedSek,
    decimal? UndistributedSek)
{
    /// <summary>
    /// Where the anslag and the fixed amount came from (<see cref="ResolvedAppropriation"/>): <c>nationalFigures</c>
    /// (Socialstyrelsen's entered figures, version <see cref="NationalFiguresVersion"/>), <c>settings</c> or <c>none</c>.
    /// </summary>
    public string Source { get; init; } = ResolvedAppropriation.FromNowhere;

    public string? NationalFiguresVersion { get; init; }
}

/// <summary>The applications of the whole country: counts per decision, applied ombudstjänster, granted and paid.</summary>
public sealed record GrantTotals(
    int CountiesWithRegister,
    int Applications,
    int Granted,
    int Refused,
    int Pending,
    decimal AppliedFullTimeEquivalents,
    decimal GrantedSek,
    decimal PaidSek,
    decimal GrantedFullTimeEquivalents);

/// <summary>
/// One county: its register's applications and money (what the county board requisitions from Socialstyrelsen), and its
/// share of the distribution (fixed amount × its granted årsarbetare, to the krona). Every county is listed; HasRegister false when
/// its board has not sent a register for the year.
/// </summary>
public sealed record CountyGrantFigures(
    string CountyCode,
    string CountyName,
    bool HasRegister,
    DateTimeOffset? RegisterReceivedAt,
    int Applications,
    int Granted,
    int Refused,
    int Pending,
    decimal AppliedFullTimeEquivalents,
    decimal? DistributedSek,
    decimal GrantedSek,
    decimal PaidSek,
    decimal GrantedFullTimeEquivalents);

/// <summary>
/// One granted application beside the verksamhet's annual report: <see cref="ReportedGrantedSek"/> and
/// <see cref="SpentSek"/> are the report's Beviljat statsbidrag and Förbrukat (null until a report is in).
/// <see cref="UnspentSek"/> is granted less spent when spent is less; <see cref="FullTimeEquivalentsBelowGranted"/> says the
/// report's Antal årsarbetare (<see cref="ReportedFullTimeEquivalents"/>) fell below the granted årsarbetare, posts paid for
/// and not filled. Either is money the municipality may have to pay back under 15 §, listed for review
/// (<see cref="ForReview"/>) and never decided here.
/// </summary>
public sealed record OperationGrantFigures(
    string CountyCode,
    string OperationKey,
    string OperationName,
    IReadOnlyList<string> MunicipalityCodes,
    decimal AppliedFullTimeEquivalents,
    decimal? GrantedSek,
    decimal? PaidSek,
    bool ReportReceived,
    bool NilReturn,
    decimal? ReportedGrantedSek,
    decimal? SpentSek,
    decimal? UnspentSek,
    bool ForReview,
    decimal? GrantedFullTimeEquivalents,
    decimal? ReportedFullTimeEquivalents,
    bool FullTimeEquivalentsBelowGranted);
