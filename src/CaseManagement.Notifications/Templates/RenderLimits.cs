using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace CaseManagement.Notifications.Templates;

/// <summary>
/// What one render of a template field may cost: a notice is a few thousand characters made in milliseconds, and a template
/// is author input (issue 15: a range of a hundred million numbers took 20 s of CPU and 1.5 GB). Fluid counts statements
/// (<see cref="MaxSteps"/>); these bound the rest: the numbers a range may hold, the size of any value and of the output, the
/// work a single filter may do, and the time. Going beyond one stops the render with a problem that says which.
/// </summary>
public static class RenderLimits
{
    public const int MaxSteps = 100_000;

    public const int MaxRangeItems = 10_000;

    /// <summary>Characters of any one value (a string, or all the strings of a list together) and of a field's output.</summary>
    public const int MaxCharacters = 100_000;

    /// <summary>
    /// A multiplying filter's input size times its arguments' size: what replace or join could make of them before the result
    /// is checked. Every other filter makes at most a few times what it is given, which the value limit already bounds.
    /// </summary>
    public const long MaxFilterWork = 10_000_000;

    private static readonly HashSet<string> Multiplying = new(StringComparer.Ordinal) { "replace", "replace_first", "replace_last", "join" };

    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(2);

    /// <summary>How every problem of a limit begins, so callers can tell a hostile template from a mistaken one.</summary>
    public const string Reached = "goes beyond a rendering limit";

    public static bool AnyReached(IEnumerable<TemplateProblem> problems) => problems.Any(p => p.Message.Contains(Reached, StringComparison.Ordinal));

    /// <summary>Every built-in filter wrapped so its work, its result and the time are checked around it.</summary>
    internal static void Bound(FilterCollection filters)
    {
        foreach (var (name, filter) in filters.ToList())
        {
            var multiplies = Multiplying.Contains(name);
            filters.AddFilter(name, async (input, arguments, context) =>
            {
                var budget = Budget.Of(context);
                if (multiplies)
                {
                    var argumentSize = arguments.Values.Concat(arguments.Names.Select(n => arguments[n])).Sum(v => Size(v, budget));
                    var work = Size(input, budget) * (1 + argumentSize);
                    if (work > MaxFilterWork)
                    {
                        throw new LimitReachedException(
                            $"the filter '{name}' could make {work:N0} characters (its input times its arguments), more than {MaxFilterWork:N0}");
                    }
                }
                else
                {
                    budget.CheckTime();
                }

                var result = await filter(input, arguments, context);
                budget.Check(Size(result, budget), $"the filter '{name}'");
                return result;
            });
        }
    }

    /// <summary>The template with its ranges and captures bounded; everything else renders as Fluid does.</summary>
    internal static IFluidTemplate Bound(IFluidTemplate template) => new Bounding().VisitTemplate(template);

    /// <summary>A fresh budget for one render, and the writer its output goes to.</summary>
    internal static StringWriter Start(TemplateContext context)
    {
        var budget = new Budget();
        context.AmbientValues[Budget.Key] = budget;
        return new BoundedWriter(budget, "the output");
    }

    private static long Size(FluidValue value, Budget budget)
    {
        budget.CheckTime();
        return value switch
        {
            StringValue text => text.ToStringValue().Length,
            ArrayValue list => list.Values.Count + list.Values.Sum(v => Size(v, budget)),
            _ => 1,
        };
    }

    /// <summary>A limit was reached; the message names it.</summary>
    public sealed class LimitReachedException(string what) : Exception($"{Reached}: {what}");

    private sealed class Budget
    {
        public const string Key = "casemanagement-render-budget";

        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public static Budget Of(TemplateContext context) =>
            context.AmbientValues.TryGetValue(Key, out var budget) && budget is Budget known ? known : throw new InvalidOperationException("render with RenderLimits.Start");

        public void CheckTime()
        {
            if (_clock.Elapsed > MaxTime)
            {
                throw new LimitReachedException($"rendering took longer than {MaxTime.TotalSeconds:0.#} s");
            }
        }

        public void Check(long characters, string what)
        {
            CheckTime();
            if (characters > MaxCharacters)
            {
                throw new LimitReachedException($"{what} made {characters:N0} characters, more than {MaxCharacters:N0}");
            }
        }
    }

    /// <summary>Output that stops growing at the limit, and checks the time on every write.</summary>
    private sealed class BoundedWriter(Budget budget, string what) : StringWriter(new StringBuilder(), CultureInfo.InvariantCulture)
    {
        public override void Write(char value)
        {
            budget.Check(GetStringBuilder().Length + 1, what);
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            budget.Check(GetStringBuilder().Length + (long)count, what);
            base.Write(buffer, index, count);
        }

        public override void Write(string? value)
        {
            budget.Check(GetStringBuilder().Length + (long)(value?.Length ?? 0), what);
            base.Write(value);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            budget.Check(GetStringBuilder().Length + (long)buffer.Length, what);
            base.Write(buffer);
        }
    }

    private sealed class Bounding : AstRewriter
    {
        protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
            new BoundedRange((RangeExpression)base.VisitRangeExpression(rangeExpression));

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement) =>
            new BoundedCapture((CaptureStatement)base.VisitCaptureStatement(captureStatement));
    }

    /// <summary>A range counted before Fluid makes a list of all its numbers.</summary>
    private sealed class BoundedRange(RangeExpression range) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
            var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
            if (to - from + 1 > MaxRangeItems)
            {
                throw new LimitReachedException($"the range ({from}..{to}) holds {to - from + 1:N0} numbers, more than {MaxRangeItems:N0}");
            }

            return await range.EvaluateAsync(context);
        }
    }

    /// <summary>A capture whose text is written under the same limits as the output.</summary>
    private sealed class BoundedCapture(CaptureStatement capture) : Statement
    {
        public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            await using var captured = new BoundedWriter(Budget.Of(context), $"the capture '{capture.Identifier}'");
            var completion = Completion.Normal;
            foreach (var statement in capture.Statements)
            {
                completion = await statement.WriteToAsync(captured, encoder, context);
                if (completion != Completion.Normal)
                {
                    break;
                }
            }

            context.SetValue(capture.Identifier, new StringValue(captured.ToString(), false));
            return completion;
        }
    }
}
