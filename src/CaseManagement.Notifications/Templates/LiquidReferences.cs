using Fluid.Ast;

namespace CaseManagement.Notifications.Templates;

/// <summary>What a parsed template refers to: member paths, the variables it declares itself, and the filters it applies.</summary>
internal sealed class LiquidReferences : AstVisitor
{
    // Variables Liquid itself provides inside loops.
    private static readonly string[] BuiltIn = ["forloop", "tablerowloop"];

    private readonly HashSet<string> _declared = new(BuiltIn, StringComparer.Ordinal);

    /// <summary>Each path as its leading identifiers ("incident", "data_categories", "size"); indexers end a path.</summary>
    public List<IReadOnlyList<string>> Paths { get; } = [];

    public IReadOnlySet<string> Declared => _declared;

    public List<string> Filters { get; } = [];

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var path = memberExpression.Segments.TakeWhile(s => s is IdentifierSegment).Cast<IdentifierSegment>().Select(s => s.Identifier).ToList();
        if (path.Count > 0) Paths.Add(path);
        return base.VisitMemberExpression(memberExpression);
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        Filters.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement) =>
        Declare(assignStatement.Identifier, base.VisitAssignStatement(assignStatement));

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement) =>
        Declare(captureStatement.Identifier, base.VisitCaptureStatement(captureStatement));

    protected override Statement VisitForStatement(ForStatement forStatement) =>
        Declare(forStatement.Identifier, base.VisitForStatement(forStatement));

    protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement) =>
        Declare(tableRowStatement.Identifier, base.VisitTableRowStatement(tableRowStatement));

    protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement) =>
        Declare(incrementStatement.Identifier, base.VisitIncrementStatement(incrementStatement));

    protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement) =>
        Declare(decrementStatement.Identifier, base.VisitDecrementStatement(decrementStatement));

    private Statement Declare(string identifier, Statement visited)
    {
        _declared.Add(identifier);
        return visited;
    }
}
