using System.Collections.Concurrent;
using System.Reflection;
using JasperFx.Events;

namespace CaseManagement.Notifications.Campaigns;

/// <summary>Folds events into a <see cref="Campaign"/> in memory with its own Apply methods, to answer a command with the state it produced.</summary>
public static class CampaignReplay
{
    private static readonly ConcurrentDictionary<Type, MethodInfo> ApplyMethods = new();

    public static Campaign Apply(Campaign campaign, object data, DateTimeOffset recordedAt, string? actor)
    {
        var apply = ApplyMethods.GetOrAdd(data.GetType(), type =>
            typeof(Campaign).GetMethod(nameof(Campaign.Apply), [typeof(IEvent<>).MakeGenericType(type)])
            ?? typeof(Campaign).GetMethod(nameof(Campaign.Apply), [type])
            ?? throw new InvalidOperationException($"Campaign has no Apply method for {type.Name}."));
        var argument = apply.GetParameters()[0].ParameterType == data.GetType() ? data : Wrap(data, recordedAt, actor);
        return (Campaign)apply.Invoke(campaign, [argument])!;
    }

    private static IEvent Wrap(object data, DateTimeOffset recordedAt, string? actor)
    {
        var wrapped = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        wrapped.Timestamp = recordedAt;
        wrapped.UserName = actor;
        return wrapped;
    }
}
