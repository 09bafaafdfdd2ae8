using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace PoIntake.Tests.Infra;

/// <summary>The Bicep CLI of the package Azure.Bicep.CommandLine.linux-x64, and main.bicep compiled once per test run.</summary>
internal static class BicepCli
{
    private static readonly Lazy<Task<JsonObject>> Main = new(() => BuildAsync(Path.Combine("infra", "main.bicep")));

    /// <summary>infra/main.bicep as ARM JSON; the modules are nested deployments inside it.</summary>
    public static Task<JsonObject> MainTemplateAsync() => Main.Value;

    public static async Task<JsonObject> BuildAsync(string relativePath)
    {
        var result = await RunAsync("build", relativePath, "--stdout");
        Assert.True(result.ExitCode == 0, $"bicep build {relativePath} failed:\n{result.Error}");
        return JsonNode.Parse(result.Output)!.AsObject();
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var bicep = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value;
        Assert.False(string.IsNullOrEmpty(bicep), "BicepPath was not set at build time (package Azure.Bicep.CommandLine.linux-x64)");

        var start = new ProcessStartInfo(bicep!)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>Reading a compiled ARM template: resources of every nested deployment, and a module's own template.</summary>
internal static class ArmTemplate
{
    /// <summary>Every resource of the template and of the templates of its nested deployments (modules).</summary>
    public static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        foreach (var resource in OwnResources(template))
        {
            yield return resource;
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    public static IEnumerable<JsonObject> OfType(JsonObject template, string type) =>
        AllResources(template).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The nested deployment of the module named <paramref name="deploymentName"/> (its `name:` in main.bicep).</summary>
    public static JsonObject Deployment(JsonObject template, string deploymentName) =>
        OfType(template, "Microsoft.Resources/deployments").Single(d => (string?)d["name"] == deploymentName);

    /// <summary>The template of the module deployed under <paramref name="deploymentName"/>.</summary>
    public static JsonObject Module(JsonObject template, string deploymentName) =>
        Deployment(template, deploymentName)["properties"]!["template"]!.AsObject();

    /// <summary>
    /// The value of a template string: a literal, or an expression of parameters('…'), variables('…') (string ones),
    /// '…' literals and format(…) over those. Enough for the alert definitions; anything else is refused.
    /// </summary>
    public static string Evaluate(string value, JsonObject template, IReadOnlyDictionary<string, string> parameters)
    {
        if (!value.StartsWith('[') || value.StartsWith("[[", StringComparison.Ordinal))
        {
            return value;
        }

        var position = 1;
        var result = Expression(value, ref position, template, parameters);
        Assert.Equal("]", value[position..]);
        return result;
    }

    private static string Expression(string text, ref int i, JsonObject template, IReadOnlyDictionary<string, string> parameters)
    {
        if (text[i] == '\'')
        {
            var literal = new System.Text.StringBuilder();
            for (i++; ; i++)
            {
                if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    literal.Append('\'');
                    i++;
                }
                else if (text[i] == '\'')
                {
                    i++;
                    return literal.ToString();
                }
                else
                {
                    literal.Append(text[i]);
                }
            }
        }

        var open = text.IndexOf('(', i);
        var function = text[i..open];
        i = open + 1;
        var arguments = new List<string>();
        while (text[i] != ')')
        {
            arguments.Add(Expression(text, ref i, template, parameters));
            while (text[i] is ',' or ' ')
            {
                i++;
            }
        }

        i++;
        return function switch
        {
            "parameters" => parameters[arguments.Single()],
            "variables" => Evaluate((string)template["variables"]![arguments.Single()]!, template, parameters),
            "format" => string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments[0], arguments.Skip(1).ToArray<object>()),
            _ => throw new FormatException($"{function}() is not evaluated by this test helper"),
        };
    }

    private static IEnumerable<JsonObject> OwnResources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };
}
