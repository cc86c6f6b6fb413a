using System.Reflection;
using JasperFx.Events;

namespace CaseManagement.UnitTests;

/// <summary>The event types an aggregate folds, read from its Create and Apply methods, so catalogues can be checked against them.</summary>
public static class AggregateEvents
{
    public static IReadOnlyList<Type> Of<TAggregate>() => Of(typeof(TAggregate));

    public static IReadOnlyList<Type> Of(Type aggregate) =>
    [
        .. aggregate.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name is "Apply" or "Create" && m.GetParameters().Length == 1)
            .Select(m => m.GetParameters()[0].ParameterType)
            .Select(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEvent<>) ? t.GetGenericArguments()[0] : t)
            .Distinct(),
    ];
}
