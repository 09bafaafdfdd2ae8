namespace PoIntake.Tests;

/// <summary>The repository root (the folder holding PoIntake.sln), found by walking up from the test assembly.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PoIntake.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PoIntake.sln not found above " + AppContext.BaseDirectory);
    }
}
