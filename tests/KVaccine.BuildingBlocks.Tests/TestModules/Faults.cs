using System.Collections.Concurrent;

namespace KVaccine.BuildingBlocks.Tests.TestModules;

/// <summary>What a test makes a consumer's handler do after it has changed state: throw, wait, or nothing.</summary>
public sealed class Faults
{
    private readonly ConcurrentDictionary<string, Func<ItemCreated, int, Task>> _behaviours = new();
    private readonly ConcurrentDictionary<(string, int), int> _attempts = new();
    private readonly ConcurrentDictionary<(string, int), bool> _unsavable = new();
    private readonly ConcurrentDictionary<(string, int), int> _conflicts = new();
    private readonly ConcurrentDictionary<(string, int), int> _readOnly = new();
    private readonly ConcurrentDictionary<(string, int), int> _duplicates = new();
    private readonly ConcurrentQueue<(string Consumer, int Seq, DateTimeOffset At)> _calls = new();

    /// <summary>Sets what the consumer does for each event; the int is the attempt number, from 1.</summary>
    public void On(string consumer, Func<ItemCreated, int, Task> behaviour) => _behaviours[consumer] = behaviour;

    public void Clear(string consumer) => _behaviours.TryRemove(consumer, out _);

    /// <summary>
    /// Makes the consumer's record of the event break a constraint, so its SaveChanges fails
    /// (<see cref="RecordingHandler{TContext}"/>'s <c>SimulateUnsavableRow</c>).
    /// </summary>
    public void Unsavable(string consumer, int seq) => _unsavable[(consumer, seq)] = true;

    public bool IsUnsavable(string consumer, int seq) => _unsavable.ContainsKey((consumer, seq));

    /// <summary>
    /// Makes the consumer's next <paramref name="times"/> saves of the event lose a race with another writer
    /// (<see cref="RecordingHandler{TContext}"/>'s <c>SimulateLostRace</c>).
    /// </summary>
    public void Conflicting(string consumer, int seq, int times) => _conflicts[(consumer, seq)] = times;

    /// <summary>
    /// Makes the database refuse the consumer's next <paramref name="times"/> saves of the event, as a disk gone
    /// read-only would (<see cref="RecordingHandler{TContext}"/>'s <c>SimulateReadOnlyDisk</c>).
    /// </summary>
    public void ReadOnly(string consumer, int seq, int times) => _readOnly[(consumer, seq)] = times;

    internal bool TakeReadOnly(string consumer, int seq) =>
        _readOnly.TryGetValue((consumer, seq), out var left) && left > 0 && _readOnly.TryUpdate((consumer, seq), left - 1, left);

    internal bool TakeConflict(string consumer, int seq) =>
        _conflicts.TryGetValue((consumer, seq), out var left) && left > 0 && _conflicts.TryUpdate((consumer, seq), left - 1, left);

    /// <summary>
    /// Makes the consumer's next <paramref name="times"/> saves of the event insert a row another writer has already
    /// inserted (<see cref="RecordingHandler{TContext}"/>'s <c>SimulateDuplicateInsert</c>).
    /// </summary>
    public void Duplicating(string consumer, int seq, int times) => _duplicates[(consumer, seq)] = times;

    internal bool TakeDuplicate(string consumer, int seq) =>
        _duplicates.TryGetValue((consumer, seq), out var left) && left > 0 && _duplicates.TryUpdate((consumer, seq), left - 1, left);

    public int AttemptsOf(string consumer, int seq) => _attempts.GetValueOrDefault((consumer, seq));

    public IReadOnlyList<DateTimeOffset> CallTimes(string consumer, int seq) =>
        _calls.Where(c => c.Consumer == consumer && c.Seq == seq).Select(c => c.At).ToList();

    internal Task AfterApplyAsync(string consumer, ItemCreated e)
    {
        var attempt = _attempts.AddOrUpdate((consumer, e.Seq), 1, (_, n) => n + 1);
        _calls.Enqueue((consumer, e.Seq, DateTimeOffset.UtcNow));
        return _behaviours.TryGetValue(consumer, out var behaviour) ? behaviour(e, attempt) : Task.CompletedTask;
    }
}
