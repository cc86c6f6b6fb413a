using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace CaseManagement.Notifications.Templates;

/// <summary>
/// One Liquid field of a template (subject or body), parsed and checked without a model: syntax, unknown filters and
/// unknown variables anywhere in the text, including branches a particular recipient would never reach.
/// </summary>
internal sealed class LiquidSource
{
    private static readonly IReadOnlySet<string> NoFields = new HashSet<string>();

    private readonly IFluidTemplate? _template;

    private LiquidSource(string field, string text, IFluidTemplate? template, IReadOnlyList<TemplateProblem> problems, IReadOnlySet<string> fields)
    {
        Field = field;
        Text = text;
        _template = template;
        Problems = problems;
        Fields = fields;
    }

    /// <summary>"subject" or "body", as problems name it.</summary>
    public string Field { get; }

    /// <summary>The source with line endings normalised to \n, so reported lines match what the author sees.</summary>
    public string Text { get; }

    public bool Parsed => _template is not null;

    public IReadOnlyList<TemplateProblem> Problems { get; }

    /// <summary>Model fields the source refers to ("incident.breach_started_at"), for the content requirements.</summary>
    public IReadOnlySet<string> Fields { get; }

    public static LiquidSource Parse(string field, string source)
    {
        var text = PlainText.NormaliseLineEndings(source);
        if (!NoticeLiquid.Parser.TryParse(text, out var template, out var error))
            return new LiquidSource(field, text, null, [SyntaxProblem(field, error)], NoFields);

        var references = new LiquidReferences();
        references.VisitTemplate(template);
        var problems = new List<TemplateProblem>();
        foreach (var filter in references.Filters.Distinct().Where(f => !NoticeLiquid.Options.Filters.TryGetValue(f, out _)))
            problems.Add(Located(field, text, $"unknown filter '{filter}'", new Regex($@"\|\s*{Regex.Escape(filter)}\b")));
        foreach (var unknown in references.Paths.Select(path => UnknownVariable(path, references.Declared)).OfType<string>().Distinct())
            problems.Add(Located(field, text, $"unknown variable '{unknown}'{Known(unknown)}", PathPattern(unknown)));

        var fields = references.Paths
            .Where(path => path.Count > 1 && TemplateVariables.IsRoot(path[0]))
            .Select(path => $"{path[0]}.{path[1]}")
            .Where(TemplateVariables.Names.Contains)
            .ToHashSet(StringComparer.Ordinal);
        return new LiquidSource(field, text, RenderLimits.Bound(template), problems.OrderBy(p => p.Line ?? int.MaxValue).ThenBy(p => p.Column).ToList(), fields);
    }

    /// <summary>Renders without HTML encoding: notices are plain text. Adds a problem for every variable that was not defined where it was used.</summary>
    public string Render(TemplateModel model, List<TemplateProblem> problems)
    {
        if (_template is null) throw new InvalidOperationException($"the {Field} did not parse; check Problems before rendering");
        var undefined = new List<string>();
        var context = new TemplateContext(model, NoticeLiquid.Options)
        {
            // Reached only for names the static check could not rule out, such as a variable used before its assign.
            Undefined = name =>
            {
                undefined.Add(name);
                return ValueTask.FromResult<FluidValue>(NilValue.Instance);
            },
        };
        var output = RenderLimits.Start(context);
        try
        {
            // Synchronously: a notice renders from an in-memory model, and Fluid's own Render waits the same way.
            _template.RenderAsync(output, context, NullEncoder.Default).AsTask().GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("The maximum ", StringComparison.Ordinal))
        {
            // Fluid's own counters; its message blames a cyclic include even when the statements ran out.
            problems.Add(new TemplateProblem(Field,
                $"cannot be rendered: {RenderLimits.Reached}: more than {RenderLimits.MaxSteps:N0} statements run, or includes nested too deep"));
            return "";
        }
        catch (Exception e)
        {
            // A template is author input (an include of a missing file, a runaway loop, a filter given bad numbers):
            // whatever Fluid refuses to evaluate is the author's to fix, reported like any other problem.
            problems.Add(new TemplateProblem(Field, $"cannot be rendered: {e.Message}"));
            return "";
        }
        foreach (var name in undefined.Distinct())
            problems.Add(Located(Field, Text, $"variable '{name}' is not defined where it is used", PathPattern(name)));
        return PlainText.NormaliseLineEndings(output.ToString());
    }

    private static string? UnknownVariable(IReadOnlyList<string> path, IReadOnlySet<string> declared) =>
        TemplateVariables.IsRoot(path[0]) ? TemplateVariables.UnknownPrefix(path)
        : declared.Contains(path[0]) ? null
        : path[0];

    private static string Known(string unknown)
    {
        var root = unknown.Split('.')[0];
        var names = TemplateVariables.IsRoot(root)
            ? TemplateVariables.Names.Where(n => n.StartsWith(root + ".", StringComparison.Ordinal))
            : TemplateVariables.Names.Select(n => n.Split('.')[0]).Distinct();
        return $" (known: {string.Join(", ", names)})";
    }

    // "recipient.nmae" matches "recipient.nmae" and "recipient . nmae", but not "x_recipient.nmae".
    private static Regex PathPattern(string path) =>
        new($@"(?<![\w.-]){string.Join(@"\s*\.\s*", path.Split('.').Select(Regex.Escape))}(?![\w-])");

    private static TemplateProblem Located(string field, string text, string message, Regex pattern) =>
        SourcePosition.FirstIn(text, pattern) is var (line, column)
            ? new TemplateProblem(field, message, line, column)
            : new TemplateProblem(field, message);

    // Fluid reports "'{% endif %}' was expected at (3:4)" followed by the offending source line.
    private static TemplateProblem SyntaxProblem(string field, string error)
    {
        var match = Regex.Match(error, @"^(?<message>.*?) at \((?<line>\d+):(?<column>\d+)\)");
        return match.Success
            ? new TemplateProblem(field, $"syntax error: {match.Groups["message"].Value}",
                int.Parse(match.Groups["line"].Value), int.Parse(match.Groups["column"].Value))
            : new TemplateProblem(field, $"syntax error: {error.Split('\n')[0]}");
    }
}
