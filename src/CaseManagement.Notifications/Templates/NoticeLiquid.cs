using Fluid;
using Fluid.Filters;
using Fluid.Values;

namespace CaseManagement.Notifications.Templates;

/// <summary>
/// The one Liquid environment every notice is parsed and rendered in: snake_case names over the template model,
/// UTC dates with a readable default format, and no filters beyond Fluid's built-in ones. Built once; Fluid's parser
/// and configured options are safe to share between threads.
/// </summary>
internal static class NoticeLiquid
{
    /// <summary>strftime format for <c>{{ x | date }}</c> without an argument: "3 March 2026" reads the same in the US and Europe.</summary>
    public const string DefaultDateFormat = "%-d %B %Y";

    public static readonly FluidParser Parser = new();

    public static readonly TemplateOptions Options = Create();

    private static TemplateOptions Create()
    {
        var options = new TemplateOptions
        {
            // Backstop for the static check in LiquidSource; an unknown filter must never silently pass the value through.
            StrictFilters = true,
            // Model dates are UTC instants; rendering them in the server's zone would make notices depend on the host.
            TimeZone = TimeZoneInfo.Utc,
            // A template loop over a list can never need more; this only stops a runaway template (RenderLimits bounds the rest).
            MaxSteps = RenderLimits.MaxSteps,
        };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in TemplateVariables.ModelTypes) options.MemberAccessStrategy.Register(type);
        options.ValueConverters.Add(value => value is DateTimeOffset date ? new NoticeDate(date) : null);
        options.Filters.AddFilter("date", (input, arguments, context) =>
            MiscFilters.Date(input, arguments.Count == 0 ? new FilterArguments(new StringValue(DefaultDateFormat)) : arguments, context));
        RenderLimits.Bound(options.Filters);
        return options;
    }
}
