namespace PoIntake.Core.Reference;

/// <summary>A Swedish municipality (kommun) with its official four-digit SCB code.</summary>
public sealed record Municipality(string Code, string Name, string CountyCode);

/// <summary>A Swedish county (län) with its two-digit code; <see cref="Name"/> is without "län" ("Västra Götaland").</summary>
public sealed record County(string Code, string Name);
