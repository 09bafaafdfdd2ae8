namespace PoIntake.DevHost.Commands;

/// <summary>Command-line verbs of devhost besides running the host (template, samples). Returns null when args name no command.</summary>
internal static class DevCommands
{
    public static int? TryRun(string[] args) => null;
}
