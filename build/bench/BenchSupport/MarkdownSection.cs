namespace BenchSupport;

/// <summary>
/// Keeps one level-2 section of a markdown file current: the section's lines, from its heading to the next level-2
/// heading, are replaced, or the section is appended. Other sections stay as they are (the benchmarks file collects
/// the results of several benchmarks).
/// </summary>
public static class MarkdownSection
{
    public static void Write(string path, string heading, string section)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : ["# Benchmarks"];
        var replacement = section.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var start = lines.IndexOf(heading);
        if (start < 0)
        {
            while (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            lines.Add("");
            lines.AddRange(replacement);
        }
        else
        {
            var next = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            var end = next < 0 ? lines.Count : next;
            lines.RemoveRange(start, end - start);
            lines.InsertRange(start, next < 0 ? replacement : [.. replacement, ""]);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }
}
