using PoIntake.Core.Intake;

namespace PoIntake.Core.Contacts;

/// <summary>What an import of one county's contacts did.</summary>
public sealed record ContactImportResult(string CountyCode, bool Replaced, int Loaded, IReadOnlyList<Finding> Findings, string? ResultBlob);
