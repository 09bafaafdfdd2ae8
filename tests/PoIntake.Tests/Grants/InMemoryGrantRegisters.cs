using System.Collections.Concurrent;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;

namespace PoIntake.Tests.Grants;

/// <summary>
/// The grant register port held in memory (a port we own): the obligation and cross-check tests supply registers through
/// it. The end-to-end tests register it as the app's <see cref="IGrantRegisterReader"/> in one line, where the Table
/// Storage store will go.
/// </summary>
internal sealed class InMemoryGrantRegisters : IGrantRegisterReader
{
    private readonly ConcurrentDictionary<(int Year, string County), GrantRegister> _registers = new();

    public int Reads { get; private set; }

    /// <summary>Every register held, for tests that send them through the register's real intake instead.</summary>
    public IReadOnlyList<GrantRegister> All => [.. _registers.Values.OrderBy(r => (r.Year, r.CountyCode))];

    public InMemoryGrantRegisters Add(int year, string countyCode, params GrantApplication[] applications)
    {
        _registers[(year, countyCode)] = new GrantRegister(
            year, countyCode, $"{year}-{countyCode}-{Guid.NewGuid():N}", DateTimeOffset.UtcNow, applications);
        return this;
    }

    public Task<IReadOnlyList<GrantRegister>> ReadYearAsync(int year, CancellationToken cancellationToken)
    {
        Reads++;
        IReadOnlyList<GrantRegister> registers = _registers.Values.Where(r => r.Year == year).OrderBy(r => r.CountyCode, StringComparer.Ordinal).ToArray();
        return Task.FromResult(registers);
    }

    /// <summary>One register row; the operation key is derived from the name as the register's intake derives it.</summary>
    public static GrantApplication Application(
        int year,
        string countyCode,
        string operationName,
        string[] municipalityCodes,
        GrantDecision decision = GrantDecision.Granted,
        decimal? grantedSek = 404_530m,
        decimal appliedFullTimeEquivalents = 1m,
        string? contactEmail = null,
        int row = 2) =>
        new(
            year,
            countyCode,
            row,
            operationName,
            OperationKey.From(operationName),
            municipalityCodes,
            new DateOnly(year, 2, 20),
            appliedFullTimeEquivalents,
            decision,
            decision == GrantDecision.Granted ? grantedSek : null,
            decision == GrantDecision.Pending ? null : new DateOnly(year, 4, 1),
            null,
            contactEmail is null ? null : "Kontakt " + operationName,
            contactEmail,
            decision == GrantDecision.Granted ? appliedFullTimeEquivalents : null);
}
