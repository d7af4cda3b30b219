using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.BuildingBlocks.Tests.TestModules.Publisher;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Tests.Persistence;

/// <summary>FindByKeyAsync answers as FindAsync does: the tracked entity first, else the row, tracked.</summary>
public sealed class KeyLookupTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_row_is_found_by_its_key_and_tracked_and_a_missing_key_finds_nothing()
    {
        await using var host = await OutboxHost.StartAsync(_database, new Faults());
        long id;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
            var item = new Item { Seq = 7 };
            db.Items.Add(item);
            await db.SaveChangesAsync();
            id = item.Id;
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
            var found = await db.Items.FindByKeyAsync(id, default);

            found.Should().NotBeNull();
            found!.Seq.Should().Be(7);
            db.Entry(found).State.Should().Be(EntityState.Unchanged, "it is tracked, so a change to it is saved");
            var missing = id + 1; // one item was saved, with id: no row has the next key
            (await db.Items.FindByKeyAsync(missing, default)).Should().BeNull();
        }
    }

    [Fact]
    public async Task A_tracked_entity_is_answered_as_it_is_in_memory_not_as_the_row_was_saved()
    {
        await using var host = await OutboxHost.StartAsync(_database, new Faults());
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
        var item = new Item { Seq = 1 };
        db.Items.Add(item);
        await db.SaveChangesAsync();

        item.Seq = 2; // changed, not saved

        var found = await db.Items.FindByKeyAsync(item.Id, default);

        found.Should().BeSameAs(item);
        found!.Seq.Should().Be(2);
    }
}
