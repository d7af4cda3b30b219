// The floors the service is measured against, in the same run on the same machine:
//   (a) POST /ef     one row per request through EF Core, one transaction each
//   (b) POST /raw    the same insert with a raw Microsoft.Data.Sqlite command
//   (c) GET  /cached a cached 30-element JSON array
// SQLite settings are the service's: WAL, synchronous=NORMAL, busy_timeout, pooled connections. With --PostgreSql
// (a connection string) the same two inserts go to PostgreSQL instead, through Npgsql's pool: the floors of the
// service on PostgreSQL.
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var postgreSql = builder.Configuration["PostgreSql"];
var connectionString = $"Data Source={builder.Configuration["Db"] ?? "floor.db"};Default Timeout=5";
builder.Services.AddDbContext<FloorDb>(o =>
{
    if (postgreSql is null) o.UseSqlite(connectionString).AddInterceptors(new FloorDb.Pragmas());
    else o.UseNpgsql(postgreSql);
});
var app = builder.Build();

if (postgreSql is not null)
{
    await using var setup = new NpgsqlConnection(postgreSql);
    await setup.OpenAsync();
    await using var command = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS rows (\"Id\" bigserial PRIMARY KEY, \"Name\" text NOT NULL, \"At\" bigint NOT NULL)", setup);
    await command.ExecuteNonQueryAsync();
}
else
{
    await using var setup = new SqliteConnection(connectionString);
    await setup.OpenAsync();
    await using var command = setup.CreateCommand();
    command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS rows (Id INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT NOT NULL, At INTEGER NOT NULL);";
    await command.ExecuteNonQueryAsync();
}

var cached = JsonSerializer.SerializeToUtf8Bytes(Enumerable.Range(1, 30)
    .Select(i => new { reserveDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(i).ToString("yyyy-MM-dd"), remaining = 100 }));

app.MapPost("/ef", async (FloorDb db) =>
{
    db.Rows.Add(new Row { Name = "citizen", At = DateTime.UtcNow.Ticks });
    await db.SaveChangesAsync();
    return Results.Created();
});
app.MapPost("/raw", async () =>
{
    if (postgreSql is not null)
    {
        await using var pg = new NpgsqlConnection(postgreSql);
        await pg.OpenAsync();
        await using var pgInsert = new NpgsqlCommand("INSERT INTO rows (\"Name\", \"At\") VALUES (@name, @at)", pg);
        pgInsert.Parameters.AddWithValue("name", "citizen");
        pgInsert.Parameters.AddWithValue("at", DateTime.UtcNow.Ticks);
        await pgInsert.ExecuteNonQueryAsync();
        return Results.Created();
    }
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using (var pragmas = connection.CreateCommand())
    {
        pragmas.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
        await pragmas.ExecuteNonQueryAsync();
    }
    await using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO rows (Name, At) VALUES ($name, $at)";
    insert.Parameters.AddWithValue("$name", "citizen");
    insert.Parameters.AddWithValue("$at", DateTime.UtcNow.Ticks);
    await insert.ExecuteNonQueryAsync();
    return Results.Created();
});
app.MapGet("/cached", () => Results.Bytes(cached, "application/json"));
app.MapGet("/health/ready", () => "Healthy");
app.Run();

internal sealed class Row
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long At { get; set; }
}

internal sealed class FloorDb(DbContextOptions<FloorDb> options) : DbContext(options)
{
    public DbSet<Row> Rows => Set<Row>();

    protected override void OnModelCreating(ModelBuilder model) => model.Entity<Row>().ToTable("rows");

    internal sealed class Pragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection,
            Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
