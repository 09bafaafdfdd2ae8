namespace PoIntake.Tests.Infra;

/// <summary>Every Bicep file compiles and lints with no diagnostics at all (warnings count as failures).</summary>
public sealed class BicepTests
{
    public static IEnumerable<object[]> BicepFiles() => RelativeBicepPaths().Select(path => new object[] { path });

    private static List<string> RelativeBicepPaths() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => Path.GetRelativePath(RepositoryRoot.Path, file))
            .ToList();

    [Fact]
    public void Infra_HasMainAndModules()
    {
        var files = RelativeBicepPaths();

        Assert.Contains(Path.Combine("infra", "main.bicep"), files);
        Assert.True(files.Count >= 5, $"expected main.bicep and its modules, found {files.Count} files");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Build_HasNoDiagnostics(string relativePath)
    {
        var result = await BicepCli.RunAsync("build", relativePath, "--stdout");

        Assert.True(result.ExitCode == 0, $"bicep build {relativePath} failed:\n{result.Error}");
        Assert.True(string.IsNullOrWhiteSpace(result.Error), $"bicep build {relativePath} reported diagnostics:\n{result.Error}");
        Assert.Contains("\"$schema\"", result.Output);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lint_HasNoWarnings(string relativePath)
    {
        var result = await BicepCli.RunAsync("lint", relativePath);

        Assert.True(result.ExitCode == 0, $"bicep lint {relativePath} failed:\n{result.Output}{result.Error}");
        Assert.True(
            string.IsNullOrWhiteSpace(result.Output) && string.IsNullOrWhiteSpace(result.Error),
            $"bicep lint {relativePath} reported diagnostics:\n{result.Output}{result.Error}");
    }

    [Fact]
    public void Infra_UsesNoPublicRegistryModules()
    {
        foreach (var path in RelativeBicepPaths())
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, path));
            Assert.DoesNotContain("br/public:", text);
            Assert.DoesNotContain("br:", text);
        }
    }

    [Fact]
    public void FunctionApp_RunsDotNet10IsolatedOnFlexConsumption()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "modules", "functionapp.bicep"));

        Assert.Contains("name: 'dotnet-isolated'", text);
        Assert.Contains("version: '10.0'", text);
        Assert.Contains("tier: 'FlexConsumption'", text);
    }
}
