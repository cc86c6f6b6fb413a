using System.Reflection;
using System.Text.Json;

namespace CaseManagement.Rules;

/// <summary>Reading versioned JSON data shipped as embedded resources, collecting problems instead of stopping at the first.</summary>
internal static class EmbeddedJson
{
    /// <summary>Resources whose names start with <paramref name="prefix"/>, keyed by the rest of the name.</summary>
    public static IReadOnlyDictionary<string, byte[]> Read(Assembly assembly, string prefix, Func<string, string>? normaliseKey = null) =>
        assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .ToDictionary(name => (normaliseKey ?? (k => k))(name[prefix.Length..]), name => ReadResource(assembly, name));

    public static T? Parse<T>(IReadOnlyDictionary<string, byte[]> files, string path, JsonSerializerOptions options, List<string> problems) where T : class
    {
        if (!files.TryGetValue(path, out var bytes))
        {
            problems.Add($"{path} is missing");
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, options) ?? throw new JsonException("document is null");
        }
        catch (JsonException e)
        {
            problems.Add($"{path}: {e.Message}");
            return null;
        }
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
