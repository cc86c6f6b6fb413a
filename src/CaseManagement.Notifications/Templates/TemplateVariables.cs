using System.Reflection;
using Fluid;

namespace CaseManagement.Notifications.Templates;

/// <summary>
/// The Liquid names a notice can use (<c>recipient.name</c>, <c>incident.breach_started_at</c>, …), derived from the
/// model records with Fluid's own snake_case strategy so the list, the static check and rendering cannot disagree.
/// </summary>
public static class TemplateVariables
{
    private static readonly IReadOnlyDictionary<string, Type> Roots = typeof(TemplateModel).GetProperties()
        .ToDictionary(SnakeCase, p => p.PropertyType, StringComparer.Ordinal);

    /// <summary>Every model field, "root.member", in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Roots
        .SelectMany(root => root.Value.GetProperties().Select(p => $"{root.Key}.{SnakeCase(p)}"))
        .ToList();

    internal static IEnumerable<Type> ModelTypes => Roots.Values.Prepend(typeof(TemplateModel));

    internal static bool IsRoot(string name) => Roots.ContainsKey(name);

    /// <summary>
    /// The leading part of a path that does not exist in the model ("recipient.nmae"), or null when the whole path
    /// resolves. <paramref name="path"/> starts at a root; segments after an indexer are not passed in.
    /// </summary>
    internal static string? UnknownPrefix(IReadOnlyList<string> path)
    {
        var type = Roots[path[0]];
        for (var i = 1; i < path.Count; i++)
        {
            var next = MemberType(type, path[i]);
            if (next is null) return string.Join('.', path.Take(i + 1));
            type = next;
        }
        return null;
    }

    // Liquid's own members of strings and lists are allowed after a model field; anything else there is a typo.
    private static Type? MemberType(Type type, string member)
    {
        if (type == typeof(string)) return member == "size" ? typeof(int) : null;
        if (type == typeof(IReadOnlyList<string>))
            return member switch { "size" => typeof(int), "first" or "last" => typeof(string), _ => null };
        var property = ModelTypes.Contains(type) ? type.GetProperties().FirstOrDefault(p => SnakeCase(p) == member) : null;
        return property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
    }

    private static string SnakeCase(PropertyInfo property) => MemberNameStrategies.SnakeCase(property);
}
