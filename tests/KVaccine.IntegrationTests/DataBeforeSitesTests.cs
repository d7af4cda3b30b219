using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Dashboard;
using KVaccine.Modules.Hospital;
using KVaccine.Modules.Reservation;
using KVaccine.Modules.Stock;
using KVaccine.Modules.User;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KVaccine.IntegrationTests;

/// <summary>
/// A database as the service left it before sites existed: each module's schema at its migration before
/// <c>SitesAndSlots</c>, holding a citizen's RESERVE booking of a date with one place taken of the day's 100, in every
/// module's tables. The host migrates it on start.
/// </summary>
public class DataBeforeSitesApp : KVaccineApp
{
    public const string Name = "Legacy Citizen";
    public const string RegNumber = "850505-1234567";
    public static readonly DateOnly Day = Tomorrow.AddDays(3);

    protected override void BeforeStart(DatabaseSettings database)
    {
        foreach (var module in new IModule[] { new UserModule(), new ReservationModule(), new HospitalModule(), new StockModule(), new DashboardModule() })
            MigrateToBeforeSites(module, database);
        var at = Start;
        Insert(database, "user_citizens", new() { ["Id"] = 1L, ["Name"] = Name, ["RegNumberHash"] = Hash(RegNumber), ["MaskedRegNumber"] = "850505-1******", ["CreatedAt"] = at });
        Insert(database, "user_bookings", new()
        {
            ["Id"] = 1L, ["CitizenId"] = 1L, ["ReserveDate"] = Day, ["Status"] = "RESERVE", ["Reason"] = null, ["VaccineType"] = "Pfizer",
            ["InjectDate"] = null, ["CancelDate"] = null, ["RequestedAt"] = at,
        });
        Insert(database, "reservation_slots", new() { ["Date"] = Day, ["Capacity"] = 100, ["Booked"] = 1 });
        Insert(database, "reservation_records", new() { ["BookingId"] = 1L, ["UserId"] = 1L, ["ReserveDate"] = Day, ["State"] = "Accepted", ["Reason"] = null, ["DecidedAt"] = at });
        Insert(database, "hospital_bookings", new()
        {
            ["BookingId"] = 1L, ["UserId"] = 1L, ["UserName"] = Name, ["MaskedRegNumber"] = "850505-1******", ["ReserveDate"] = Day, ["Status"] = "RESERVE",
            ["VaccineType"] = "Pfizer", ["TriedTypes"] = "Pfizer", ["InjectDate"] = null,
        });
        Insert(database, "dashboard_bookings", new()
        {
            ["BookingId"] = 1L, ["UserId"] = 1L, ["UserName"] = Name, ["MaskedRegNumber"] = "850505-1******", ["ReserveDate"] = Day, ["ReserveStatus"] = "RESERVE",
            ["Reason"] = null, ["VaccineType"] = "Pfizer", ["InjectDate"] = null, ["CancelDate"] = null,
        });
        if (database.IsPostgreSql)
        {
            // Rows written with their ids: the identities go on from them.
            Execute(database, """SELECT setval(pg_get_serial_sequence('"user".citizens', 'Id'), 1), setval(pg_get_serial_sequence('"user".bookings', 'Id'), 1)""");
        }
    }

    // As the service hashed an RRN with the development key (User:RegNumberHashKey in appsettings.json).
    private static string Hash(string regNumber) => Convert.ToHexString(HMACSHA256.HashData(
        Encoding.UTF8.GetBytes("development-only-rrn-hash-key-replace-in-production"), Encoding.ASCII.GetBytes(regNumber.Replace("-", ""))));

    private static void MigrateToBeforeSites(IModule module, DatabaseSettings database)
    {
        var type = database.IsPostgreSql ? module.DbContextType.Assembly.GetType($"{module.DbContextType.Namespace}.PostgreSql{module.DbContextType.Name}")! : module.DbContextType;
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(type))!;
        var schema = module.DbContextType.Name.Replace("DbContext", "").ToLowerInvariant();
        Database.Configure(builder, database, schema, type.Assembly.GetName().Name!);
        using var context = (DbContext)Activator.CreateInstance(type, builder.Options)!;
        var migrations = context.Database.GetMigrations().ToList();
        var sites = migrations.FindIndex(m => m.EndsWith("SitesAndSlots", StringComparison.Ordinal));
        context.GetService<IMigrator>().Migrate(sites < 0 ? migrations[^1] : migrations[sites - 1]);
    }

    private static void Insert(DatabaseSettings database, string table, Dictionary<string, object?> row)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        var name = database.IsPostgreSql ? $"\"{table[..table.IndexOf('_')]}\".\"{table[(table.IndexOf('_') + 1)..]}\"" : $"\"{table}\"";
        command.CommandText = $"INSERT INTO {name} ({string.Join(", ", row.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", row.Keys.Select(k => "@" + k))})";
        foreach (var (key, value) in row)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + key;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        command.ExecuteNonQuery();
    }

    private static void Execute(DatabaseSettings database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static DbConnection Open(DatabaseSettings database)
    {
        DbConnection connection = database.IsPostgreSql
            ? new Npgsql.NpgsqlConnection(database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }
}

public sealed class DataBeforeSitesAppOnPostgreSql : DataBeforeSitesApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>What was booked before sites existed is the default site's, in a whole-day slot, first dose, and keeps its places.</summary>
public abstract class DataBeforeSitesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : DataBeforeSitesApp, new()
{
    private readonly Api _api = app.CreateApi();
    private static readonly Citizen Legacy = new(DataBeforeSitesApp.Name, DataBeforeSitesApp.RegNumber);
    private static readonly DateOnly Day = DataBeforeSitesApp.Day;

    [DatabaseFact]
    public async Task A_booking_made_before_sites_is_the_default_site_s_whole_day_first_dose_and_its_day_keeps_its_places()
    {
        var status = await _api.StatusOfAsync(Legacy);
        status.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", ReserveDate = Day, VaccineType = "Pfizer", SiteId = 1, SlotTime = "00:00", EndTime = "24:00", DoseNumber = 1 });
        status.Appointments.Should().ContainSingle().Which.Should().BeEquivalentTo(new { SiteId = 1, SlotTime = "00:00", DoseNumber = 1 });
        (await _api.SlotsAsync(1, Day)).Should().Equal(new SlotAnswer("00:00", "24:00", 99));
        (await _api.AvailableDatesAsync(Citizen.New())).Single(d => d.ReserveDate == Day).Remaining.Should().Be(99, "the day keeps the places it had");
        (await _api.HospitalBookingsAsync(Day)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { SiteId = 1, SlotTime = (string?)null, DoseNumber = 1, ReserveStatus = "RESERVE" });
        (await _api.SummaryAsync()).BySite.Should().ContainSingle().Which.Should().BeEquivalentTo(new { SiteId = 1, Total = 1 });

        var another = await _api.BookAsync(Citizen.New(), Day);
        another.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", SiteId = 1, SlotTime = "00:00", EndTime = "24:00" }, "a day booked whole before sites is booked whole still");

        (await _api.CancelAsync(Legacy)).StatusCode.Should().Be(HttpStatusCode.OK);
        await _api.SettledAsync();
        (await _api.SlotsAsync(1, Day)).Should().Equal(new[] { new SlotAnswer("00:00", "24:00", 99) }, "the cancelled booking gave back the place it held before sites");
    }
}

public sealed class DataBeforeSitesTests(DataBeforeSitesApp app) : DataBeforeSitesTests<DataBeforeSitesApp>(app);

public sealed class DataBeforeSitesTestsOnPostgreSql(DataBeforeSitesAppOnPostgreSql app) : DataBeforeSitesTests<DataBeforeSitesAppOnPostgreSql>(app);
