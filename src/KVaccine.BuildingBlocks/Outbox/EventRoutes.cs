using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// Who consumes which event and through which handlers, built once at start-up from the modules'
/// <see cref="INotificationHandler{T}"/> implementations. A publisher writes one delivery per consumer listed here,
/// whether that consumer is switched on or not: a module that is off catches up from its rows when it comes back.
/// </summary>
public sealed class EventRoutes
{
    private static readonly MethodInfo InvokeMethod =
        typeof(EventRoutes).GetMethod(nameof(InvokeHandler), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo WantsMethod =
        typeof(EventRoutes).GetMethod(nameof(HandlerWants), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Dictionary<Type, (string Consumer, HandlerCall[] Calls)[]> _consumersByType = [];
    private readonly Dictionary<string, Type> _typesByName = [];
    private readonly Dictionary<(string Consumer, Type Event), HandlerCall[]> _handlers = [];

    public static EventRoutes Empty { get; } = new([]);

    public EventRoutes(IEnumerable<ConsumerModule> consumers)
    {
        var routes = new List<(string Consumer, Type Event, Type Handler)>();
        foreach (var consumer in consumers)
        {
            foreach (var handler in consumer.Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && consumer.Owns(t)))
            {
                foreach (var contract in handler.GetInterfaces())
                {
                    if (!contract.IsGenericType || contract.GetGenericTypeDefinition() != typeof(INotificationHandler<>)) continue;
                    var eventType = contract.GetGenericArguments()[0];
                    if (!typeof(IIntegrationEvent).IsAssignableFrom(eventType)) continue;
                    routes.Add((consumer.Name, eventType, handler));
                }
            }
        }

        foreach (var group in routes.GroupBy(r => (r.Consumer, r.Event)))
        {
            var invoke = InvokeMethod.MakeGenericMethod(group.Key.Event);
            _handlers[group.Key] = group
                .Select(r => new HandlerCall(r.Handler, invoke.CreateDelegate<Func<object, object, CancellationToken, Task>>(), WantsOf(r.Handler, r.Event)))
                .ToArray();
        }
        foreach (var group in routes.GroupBy(r => r.Event))
        {
            _consumersByType[group.Key] = group.Select(r => r.Consumer).Distinct().Order().Select(c => (c, _handlers[(c, group.Key)])).ToArray();
            _typesByName[StoredEvent.NameOf(group.Key)] = group.Key;
        }
        HandlerTypes = routes.Select(r => r.Handler).Distinct().ToArray();
        Consumers = routes.Select(r => r.Consumer).Distinct().Order().ToArray();
    }

    /// <summary>Every concrete handler type, for registration in the container.</summary>
    public IReadOnlyList<Type> HandlerTypes { get; }

    /// <summary>Every module that consumes at least one event.</summary>
    public IReadOnlyList<string> Consumers { get; }

    /// <summary>The modules with a handler that wants <paramref name="e"/> (see <see cref="IWantsOnly{TEvent}"/>).</summary>
    public IEnumerable<string> ConsumersOf(IIntegrationEvent e)
    {
        if (!_consumersByType.TryGetValue(e.GetType(), out var consumers)) yield break;
        foreach (var (consumer, calls) in consumers)
            if (calls.Any(call => call.Wants(e))) yield return consumer;
    }

    /// <summary>The event type stored under <paramref name="name"/>; only a type somebody consumes is ever stored.</summary>
    public Type TypeNamed(string name) => _typesByName.TryGetValue(name, out var type)
        ? type
        : throw new InvalidOperationException($"No consumer is registered for event type '{name}'.");

    /// <summary>Calls every handler the consumer has for the event, in the scope given.</summary>
    public async Task HandleAsync(string consumer, IIntegrationEvent e, IServiceProvider scope, CancellationToken ct)
    {
        if (!_handlers.TryGetValue((consumer, e.GetType()), out var calls))
            throw new InvalidOperationException($"Module '{consumer}' has no handler for '{StoredEvent.NameOf(e.GetType())}'.");
        foreach (var call in calls)
            if (call.Wants(e)) await call.Invoke(scope.GetRequiredService(call.HandlerType), e, ct);
    }

    private static Task InvokeHandler<TEvent>(object handler, object e, CancellationToken ct) where TEvent : INotification =>
        ((INotificationHandler<TEvent>)handler).Handle((TEvent)e, ct);

    private static Func<object, bool> WantsOf(Type handler, Type eventType) =>
        handler.GetInterfaces().Contains(typeof(IWantsOnly<>).MakeGenericType(eventType))
            ? WantsMethod.MakeGenericMethod(handler, eventType).CreateDelegate<Func<object, bool>>()
            : _ => true;

    private static bool HandlerWants<THandler, TEvent>(object e) where THandler : IWantsOnly<TEvent> where TEvent : IIntegrationEvent =>
        THandler.Wants((TEvent)e);

    private sealed record HandlerCall(Type HandlerType, Func<object, object, CancellationToken, Task> Invoke, Func<object, bool> Wants);
}

/// <summary>A module as the outbox sees it: where its handlers are and the context it saves with.</summary>
/// <param name="Namespace">The module's root namespace; its handlers are the ones in it or below.</param>
public sealed record ConsumerModule(string Name, Assembly Assembly, string Namespace, Type DbContextType)
{
    public bool Owns(Type type) => type.Namespace is { } ns && (ns == Namespace || ns.StartsWith(Namespace + ".", StringComparison.Ordinal));
}
