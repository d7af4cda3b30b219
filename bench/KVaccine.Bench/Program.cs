// bench/run: the service measured against floors in the same run on the same machine, each figure a ratio.
// Usage: bench/run [--smoke] [--postgresql] [--pages]   (--smoke: a seconds-long pass so the harness cannot rot; CI
//        runs it; --postgresql: the PostgreSQL section alone; --pages: the citizen's dates page against its API alone)
//        bench/compare REV...   (this code against earlier revisions, in turns; passes --baseline NAME=PROGRAM here)
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using KVaccine.Bench;
using KVaccine.TestSupport;
using Microsoft.Data.Sqlite;

var smoke = args.Contains("--smoke");
var seconds = TimeSpan.FromSeconds(smoke ? 1 : 5);
var runs = smoke ? 1 : 3;
var clients = smoke ? 8 : 32;
var seeded = smoke ? 2_000 : 1_000_000;
var maxWarmUpRounds = smoke ? 1 : 8;
var baselines = args.Select((arg, i) => (arg, i)).Where(a => a.arg == "--baseline" && a.i + 1 < args.Length)
    .Select(a => args[a.i + 1].Split('=', 2)).Select(p => (Name: p[0], Program: p[1])).ToList();
if (args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() is { } runsArg) runs = int.Parse(runsArg, CultureInfo.InvariantCulture);
const string SettledBookings = "SELECT COUNT(*) FROM dashboard_bookings WHERE VaccineType IS NOT NULL";
const string PendingDeliveries = "SELECT COUNT(*) FROM outbox_deliveries WHERE Status = 0";
// With Hospital, Stock and Dashboard switched off their deliveries wait for them, as they would in production.
const string PendingDecisions = PendingDeliveries + " AND Consumer IN ('Reservation', 'User')";

var root = FindRoot();
var host = Path.Combine(root, "bench/out/host/KVaccine.Host"); // self-contained: its own executable
var floorDll = Path.Combine(root, "bench/KVaccine.Floor/bin/Release/net10.0/KVaccine.Floor.dll");
var work = Path.Combine(root, "bench/results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
Directory.CreateDirectory(work);
var rows = new List<(string Measure, string Value, string Floor, string Ratio, string Target)>();
Func<int, long, HttpRequestMessage> ef = (_, _) => new(HttpMethod.Post, "/ef"), raw = (_, _) => new(HttpMethod.Post, "/raw"), cached = (_, _) => new(HttpMethod.Get, "/cached");
if (baselines.Count > 0) return await CompareAsync();
if (args.Contains("--postgresql")) // the PostgreSQL section alone
{
    await PostgreSqlAsync(double.NaN);
    return Report();
}
if (args.Contains("--pages")) // the citizen's dates page against POST /user/date alone
{
    await using var alone = await Server.StartAsync(host, Path.Combine(work, "pages"), FreePort(), [], ServiceSettings);
    var page = await DatesPageAsync(alone);
    await WarmUpAsync(alone, "service, dates", () => Load.RunAsync(alone.Address, clients, seconds, Dates));
    await WarmUpAsync(alone, "service, the citizen's dates page", () => Load.RunAsync(alone.Address, clients, seconds, page));
    var pageRates = await InTurnsAsync(() => RateAsync(alone, Dates, 200), () => RateAsync(alone, page, 200));
    rows.Add(("the citizen's dates page, signed in (200/s)", F(pageRates[1]), $"POST /user/date {F(pageRates[0])}", R(pageRates[1] / pageRates[0]), "≥ 0.50"));
    return Report();
}
var grpcAddress = new Uri($"http://127.0.0.1:{FreePort()}");
if (args.Contains("--grpc")) // gRPC beside REST alone
{
    await using var alone = await Server.StartAsync(host, Path.Combine(work, "grpc"), FreePort(), [$"--Grpc:Port={grpcAddress.Port}"], ServiceSettings);
    await GrpcBesideRestAsync(alone);
    return Report();
}
Console.WriteLine($"K-Vaccine benchmark ({(smoke ? "smoke" : "full")}): {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {runs} run(s) of {seconds.TotalSeconds:0} s, {clients} clients");

// Start to ready: the median of fresh starts on empty folders, before anything else runs (the first start after the
// build can meet the build's own processes still winding down).
var starts = new List<double>();
var startCount = smoke ? 1 : 5;
for (var i = 1; i <= startCount; i++)
{
    await using var fresh = await Server.StartAsync(host, Path.Combine(work, $"start-{i}"), FreePort(), [], ServiceSettings);
    starts.Add(fresh.TimeToReady.TotalMilliseconds);
}
Console.WriteLine($"  (start to ready: {string.Join(", ", starts.Select(F))} ms)");

// The floors (a), (b), (c) and the service on an empty database run side by side, and their measured runs take
// turns: a slow phase of this shared machine then falls on both sides of a ratio, not on one.
var serviceDir = Path.Combine(work, "service");
await using var service = await Server.StartAsync(host, serviceDir, FreePort(), [$"--Grpc:Port={grpcAddress.Port}"], ServiceSettings);
double acceptEmpty, datesEmpty;
await using (var floor = await Server.StartAsync(floorDll, Path.Combine(work, "floor"), FreePort(), ["--Db", Path.Combine(work, "floor", "floor.db")]))
{
    // A booking's own round trip and nothing downstream: the request, Reservation's decision and the citizen's record.
    // Not a target: it shows how much of the floor the design leaves before Hospital, Stock and Dashboard take their share.
    await using var decisionOnly = await Server.StartAsync(host, Path.Combine(work, "decision-only"), FreePort(), [], s =>
    {
        ServiceSettings(s);
        foreach (var module in new[] { "Hospital", "Stock", "Dashboard" }) s["Modules"]![module]!["Enabled"] = false;
    });
    await WarmUpAsync(floor, "floor (a)", () => Load.RunAsync(floor.Address, clients, seconds, ef));
    await WarmUpAsync(floor, "floor (b)", () => Load.RunAsync(floor.Address, clients, seconds, raw));
    await WarmUpAsync(floor, "floor (c)", () => Load.RunAsync(floor.Address, clients, seconds, cached));
    await WarmUpAsync(service, "service, bookings", () => AcceptRateAsync(service));
    await WarmUpAsync(service, "service, dates", () => Load.RunAsync(service.Address, clients, seconds, Dates));
    var datesPage = await DatesPageAsync(service);
    await WarmUpAsync(service, "service, the citizen's dates page", () => Load.RunAsync(service.Address, clients, seconds, datesPage));
    await WarmUpAsync(decisionOnly, "service, decisions only", () => AcceptRateAsync(decisionOnly, PendingDecisions));
    var rates = await InTurnsAsync(
        () => RateAsync(floor, ef, 201),
        () => AcceptRateAsync(service),
        () => RateAsync(floor, raw, 201),
        () => RateAsync(floor, cached, 200),
        () => RateAsync(service, Dates, 200),
        () => AcceptRateAsync(decisionOnly, PendingDecisions),
        () => RateAsync(service, datesPage, 200));
    var (floorEf, floorRaw, floorCached) = (rates[0], rates[2], rates[3]);
    (acceptEmpty, datesEmpty) = (rates[1], rates[4]);

    rows.Add(("1. booking accept rate (201/s)", F(acceptEmpty), $"(a) EF insert {F(floorEf)}", R(acceptEmpty / floorEf), "≥ 0.50"));
    rows.Add(("   raw insert floor", "", $"(b) {F(floorRaw)}", R(acceptEmpty / floorRaw), ""));
    rows.Add(("   decisions only: Hospital, Stock, Dashboard off", F(rates[5]), $"(a) EF insert {F(floorEf)}", R(rates[5] / floorEf), ""));
    rows.Add(("3. available dates (200/s)", F(datesEmpty), $"(c) cached JSON {F(floorCached)}", R(datesEmpty / floorCached), "≥ 0.50"));
    rows.Add(("   the citizen's dates page, signed in (200/s)", F(rates[6]), $"POST /user/date {F(datesEmpty)}", R(rates[6] / datesEmpty), "≥ 0.50"));
    rows.Add(("6. peak RSS under load (MB)", F(service.PeakRssMb), "", "", "≤ 250"));
    rows.Add(($"   start to /health/ready (ms), median of {startCount}", F(Stats.Median(starts)), "", "", "≤ 2000"));
    Console.WriteLine($"  ({Count(serviceDir, "SELECT COUNT(*) FROM user_bookings")} bookings written)");
}

await GrpcBesideRestAsync(service);

// Settled: a fresh service offered half the maximum accept rate, open loop, for a sustained run. Every booking must
// be settled (Reservation decided, Hospital assigned, Stock took a dose, Dashboard shows the vaccine) as fast as it
// arrives, with the backlog flat and each consumer close behind each commit.
var settledDir = Path.Combine(work, "settled");
await using (var settling = await Server.StartAsync(host, settledDir, FreePort(), [], ServiceSettings))
{
    var offered = acceptEmpty / 2;
    var sustained = TimeSpan.FromSeconds(smoke ? 2 : 15);
    // Warmed up as the accept rate was, then the measured load for a few seconds.
    await WarmUpAsync(settling, "settled service", () => AcceptRateAsync(settling));
    await OpenLoad.RunAsync(settling.Address, offered, TimeSpan.FromSeconds(smoke ? 1 : 5), Reserve);
    await DrainedAsync(settledDir);
    var settledBefore = Count(settledDir, SettledBookings);
    var startedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    using var sampling = new CancellationTokenSource();
    var backlog = SampleBacklogAsync(settledDir, sampling.Token);
    var offeredLoad = await OpenLoad.RunAsync(settling.Address, offered, sustained, Reserve);
    var endedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    await sampling.CancelAsync();
    var samples = await backlog;
    await DrainedAsync(settledDir);
    var (settledRate, lags) = Settled(settledDir, startedMs, endedMs, settledBefore);
    var third = Math.Max(1, samples.Count / 3);
    rows.Add(("2. settled rate (bookings/s)", F(settledRate), $"offered {F(offered)} (½ max accept), {offeredLoad.Count(201) + offeredLoad.Count(202)} booked",
        R(settledRate / offered), "≥ 0.95"));
    rows.Add(("   pending deliveries, first / last third of the run (mean)", $"{samples.Take(third).DefaultIfEmpty().Average():0} / {samples.TakeLast(third).DefaultIfEmpty().Average():0}", "", "", "flat"));
    rows.Add(("   booking answered p50 / p99 (ms)", $"{offeredLoad.Percentile(201, 50):0.0} / {offeredLoad.Percentile(201, 99):0.0}", "", "", ""));
    foreach (var (consumer, p50, p99) in lags)
        rows.Add(($"   commit → {consumer} p50 / p99 (ms)", $"{p50:0.0} / {p99:0.0}", "", "", "p99 ≤ 50"));
}

// Overload: the dates budget (100 a second for a client) offered ten times over, against the same client within its
// budget. Both are open loops, requests leaving on a clock whatever the answers (as citizens' do), in turns. Beyond the
// target, a closed-loop flood: sixteen clients each sending again the moment it is answered, which keeps the two
// cores saturated (with the driver on them) whatever the service does.
const int DatesBudget = 100;
await using (var limited = await Server.StartAsync(host, Path.Combine(work, "overload"), FreePort(), [], s =>
{
    ServiceSettings(s);
    s["RateLimits"]!["Dates"] = new JsonObject { ["PerClientPerSecond"] = DatesBudget, ["Concurrency"] = 1_000 };
}))
{
    await WarmUpAsync(limited, "overloaded service", () => Load.RunAsync(limited.Address, 16, seconds, Dates));
    var within = new List<LoadResult>();
    var overloaded = new List<LoadResult>();
    for (var i = 0; i < runs; i++)
    {
        within.Add(await OpenLoad.RunAsync(limited.Address, DatesBudget / 2, seconds * 2, Dates));
        overloaded.Add(await OpenLoad.RunAsync(limited.Address, DatesBudget * 10, seconds, Dates));
    }
    var unloadedP99 = Stats.Median(within.Select(r => r.Percentile(200, 99)));
    var admittedP99 = Stats.Median(overloaded.Select(r => r.Percentile(200, 99)));
    rows.Add(($"4. overload, {DatesBudget * 10}/s offered to a {DatesBudget}/s budget: rejected p99 (ms)", F(Stats.Median(overloaded.Select(r => r.Percentile(429, 99)))),
        $"{overloaded.Sum(r => r.Count(429))} rejected, {overloaded.Sum(r => r.Count(200))} admitted", "", "≤ 5"));
    rows.Add(("   admitted p99 (ms)", F(admittedP99), $"unloaded ({DatesBudget / 2}/s) p99 {F(unloadedP99)}", R(admittedP99 / unloadedP99), "≤ 2.0"));

    // The flood follows a drained bucket (the one client back to back goes over the budget too): a full one would
    // first let two seconds' worth in sixteen at a time, which is the burst allowance at work, not overload.
    var oneClient = await Load.RunAsync(limited.Address, 1, seconds, Dates);
    var flood = await Load.RunAsync(limited.Address, 16, seconds, Dates);
    rows.Add(($"   beyond: closed-loop flood, {flood.Rate(429) + flood.Rate(200):0}/s: rejected / admitted p99 (ms)",
        $"{F(flood.Percentile(429, 99))} / {F(flood.Percentile(200, 99))}", $"one client back to back p99 {F(oneClient.Percentile(200, 99))}",
        R(flood.Percentile(200, 99) / oneClient.Percentile(200, 99)), ""));
}

// Growth: the same with citizens and bookings already in the database, in turns with the service on the empty one
// (still running, warm).
var grownDir = Path.Combine(work, "grown");
await using (var first = await Server.StartAsync(host, grownDir, FreePort(), [], ServiceSettings)) { } // migrates, then stops
var seedWatch = Stopwatch.StartNew();
Seed(grownDir, seeded);
Console.WriteLine($"  (seeded {seeded:N0} citizens and bookings in {seedWatch.Elapsed.TotalSeconds:0.0} s)");
await using (var grown = await Server.StartAsync(host, grownDir, FreePort(), [], ServiceSettings))
{
    await WarmUpAsync(grown, "grown service, bookings", () => AcceptRateAsync(grown));
    await WarmUpAsync(grown, "grown service, dates", () => Load.RunAsync(grown.Address, clients, seconds, Dates));
    var rates = await InTurnsAsync(
        () => AcceptRateAsync(service),
        () => AcceptRateAsync(grown),
        () => RateAsync(service, Dates, 200),
        () => RateAsync(grown, Dates, 200));
    rows.Add(($"5. accept rate, {seeded:N0} already", F(rates[1]), $"empty {F(rates[0])}", R(rates[1] / rates[0]), "≥ 0.80"));
    rows.Add(($"   dates rate, {seeded:N0} already", F(rates[3]), $"empty {F(rates[2])}", R(rates[3] / rates[2]), "≥ 0.80"));
}

// Sites: the availability queries of a country's calendar, 50 sites × 30 days × 20 slots with 1,000,000 bookings
// spread over them, against the floor's cached JSON, in turns.
const int Sites = 50, SlotsADay = 20;
var sitesDir = Path.Combine(work, "sites");
var siteBookings = smoke ? 20_000 : 1_000_000;
await using (var first = await Server.StartAsync(host, sitesDir, FreePort(), [], SitesSettings)) { } // migrates and seeds the sites, then stops
seedWatch.Restart();
SeedSlots(sitesDir, siteBookings);
Console.WriteLine($"  (seeded {siteBookings:N0} bookings over {Sites} sites × 30 days × {SlotsADay} slots in {seedWatch.Elapsed.TotalSeconds:0.0} s)");
await using (var sites = await Server.StartAsync(host, sitesDir, FreePort(), [], SitesSettings))
await using (var floor = await Server.StartAsync(floorDll, Path.Combine(work, "sites-floor"), FreePort(), ["--Db", Path.Combine(work, "sites-floor", "floor.db")]))
{
    await WarmUpAsync(floor, "floor (c), sites", () => Load.RunAsync(floor.Address, clients, seconds, cached));
    await WarmUpAsync(sites, "sites, dates", () => Load.RunAsync(sites.Address, clients, seconds, SiteDates));
    await WarmUpAsync(sites, "sites, slots", () => Load.RunAsync(sites.Address, clients, seconds, SiteSlots));
    var rates = await InTurnsAsync(
        () => RateAsync(floor, cached, 200),
        () => RateAsync(sites, SiteDates, 200),
        () => RateAsync(sites, SiteSlots, 200));
    rows.Add(($"8. a site's dates (200/s), {Sites} sites, {siteBookings:N0} booked", F(rates[1]), $"(c) cached JSON {F(rates[0])}", R(rates[1] / rates[0]), "≥ 0.50"));
    rows.Add(("   a date's slots (200/s)", F(rates[2]), $"(c) cached JSON {F(rates[0])}", R(rates[2] / rates[0]), "≥ 0.50"));
}

await PostgreSqlAsync(acceptEmpty);
return Report();

// Fifty sites open every day from 08:00 to 18:00 in 30-minute slots, with room for every seeded booking.
void SitesSettings(JsonObject s)
{
    ServiceSettings(s);
    var week = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
    s["Reservation"]!["Sites"] = new JsonArray(Enumerable.Range(1, Sites).Select(i => (JsonNode)new JsonObject
    {
        ["Name"] = $"Bench Site {i}",
        ["Region"] = $"Region {i % 10}",
        ["VaccineTypes"] = "Pfizer,Moderna",
        ["Hours"] = new JsonObject(week.Select(d => KeyValuePair.Create(d, (JsonNode?)JsonValue.Create("08:00-18:00")))),
        ["SlotMinutes"] = 30,
        ["FirstDoseCapacity"] = 1_000,
        ["SecondDoseCapacity"] = 1_000,
    }).ToArray());
}

// Booking i is at site i % 50, on the window's day i / 50 % 30, in slot i / 1500 % 20: Reservation's records and
// slots, and User's citizens and bookings, as the service would have written them.
void SeedSlots(string folder, int count)
{
    var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(1);
    (int Site, DateOnly Date, TimeOnly Slot) Of(int i) => (1 + i % Sites, tomorrow.AddDays(i / Sites % 30), new TimeOnly(8, 0).AddMinutes(30 * (i / (Sites * 30) % SlotsADay)));
    using var db = Open(folder);
    using var tx = db.BeginTransaction();
    using var citizen = db.CreateCommand();
    citizen.CommandText = "INSERT INTO user_citizens (Id, CreatedAt, MaskedRegNumber, Name, RegNumberHash) VALUES ($id, '2025-01-01 00:00:00+00:00', '850101-1******', $name, $hash)";
    using var booking = db.CreateCommand();
    booking.CommandText = "INSERT INTO user_bookings (Id, CitizenId, RequestedAt, ReserveDate, Status, VaccineType, SiteId, SlotTime, SlotMinutes, DoseNumber) VALUES ($id, $id, '2025-01-01 00:00:00+00:00', $date, 'RESERVE', 'Pfizer', $site, $slot, 30, 1)";
    using var record = db.CreateCommand();
    record.CommandText = "INSERT INTO reservation_records (BookingId, UserId, SiteId, ReserveDate, SlotStart, DoseNumber, State, DecidedAt) VALUES ($id, $id, $site, $date, $slot, 1, 'Accepted', '2025-01-01 00:00:00+00:00')";
    var commands = new[] { citizen, booking, record };
    foreach (var c in commands)
    {
        c.Transaction = tx;
        foreach (var p in new[] { "$id", "$name", "$hash", "$date", "$site", "$slot" }) if (c.CommandText.Contains(p)) c.Parameters.Add(new SqliteParameter(p, null));
    }
    var booked = new Dictionary<(int, DateOnly, TimeOnly), int>();
    for (var i = 0; i < count; i++)
    {
        var at = Of(i);
        booked[at] = booked.GetValueOrDefault(at) + 1;
        foreach (var c in commands)
        {
            c.Parameters["$id"].Value = i + 20_000_000L;
            if (c.Parameters.Contains("$name")) c.Parameters["$name"].Value = $"Seeded {i}";
            if (c.Parameters.Contains("$hash")) c.Parameters["$hash"].Value = $"SITES{i:D59}";
            if (c.Parameters.Contains("$date")) c.Parameters["$date"].Value = at.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (c.Parameters.Contains("$site")) c.Parameters["$site"].Value = at.Site;
            if (c.Parameters.Contains("$slot")) c.Parameters["$slot"].Value = at.Slot.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            c.ExecuteNonQuery();
        }
    }
    using var slot = db.CreateCommand();
    slot.Transaction = tx;
    slot.CommandText = "INSERT INTO reservation_slots (SiteId, Date, Start, Minutes, FirstCapacity, SecondCapacity, FirstBooked, SecondBooked) VALUES ($site, $date, $slot, 30, 1000, 1000, $booked, 0)";
    foreach (var p in new[] { "$site", "$date", "$slot", "$booked" }) slot.Parameters.Add(new SqliteParameter(p, null));
    foreach (var ((site, date, start), n) in booked)
    {
        slot.Parameters["$site"].Value = site;
        slot.Parameters["$date"].Value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        slot.Parameters["$slot"].Value = start.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        slot.Parameters["$booked"].Value = n;
        slot.ExecuteNonQuery();
    }
    tx.Commit();
}

// A site's dates, and a date's slots, at sites and dates spread as citizens would ask.
HttpRequestMessage SiteDates(int client, long n) => new(HttpMethod.Get, $"/user/sites/{1 + n % Sites}/dates");

HttpRequestMessage SiteSlots(int client, long n) => new(HttpMethod.Get,
    $"/user/sites/{1 + n % Sites}/dates/{DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(1 + (int)(n / Sites % 30)):yyyy-MM-dd}/slots");


int Report()
{
    var table = new StringBuilder();
    table.AppendLine("| measure | value | floor | ratio | target |");
    table.AppendLine("|---|---|---|---|---|");
    foreach (var r in rows) table.AppendLine($"| {r.Measure.Trim()} | {r.Value} | {r.Floor} | {r.Ratio} | {r.Target} |");
    Console.WriteLine(table);
    File.WriteAllText(Path.Combine(work, "results.md"), table.ToString());
    return 0;
}

// PostgreSQL: the floor's EF insert on PostgreSQL (d), and the service on one PostgreSQL with one host and with two
// hosts sharing it (clients split between them), their runs in turns; then the settled rate of each, offered half of
// one host's accept rate. A throwaway cluster of this run's own; skipped, saying why, where PostgreSQL is not installed.
async Task PostgreSqlAsync(double sqliteAccept)
{
    if (PostgreSqlCluster.Unavailable is { } noPostgreSql)
    {
        Console.WriteLine($"  (PostgreSQL section skipped: {noPostgreSql})");
        rows.Add(("7. PostgreSQL", "skipped", noPostgreSql, "", ""));
    }
    else
    {
        using var cluster = PostgreSqlCluster.Start();
        string Database(string name)
        {
            using (var admin = new Npgsql.NpgsqlConnection(cluster.ConnectionString))
            {
                admin.Open();
                using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin);
                create.ExecuteNonQuery();
            }
            return new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = name, MaxPoolSize = 50 }.ConnectionString;
        }
        Action<JsonObject> OnPostgreSql(string connectionString) => s =>
        {
            ServiceSettings(s);
            s["Database"] = new JsonObject { ["Provider"] = "PostgreSQL" };
            s["ConnectionStrings"]!["KVaccine"] = connectionString;
        };
        var (floorDb, oneDb, twoDb) = (Database("floor"), Database("one"), Database("two"));
        await using var pgFloor = await Server.StartAsync(floorDll, Path.Combine(work, "pg-floor"), FreePort(), ["--PostgreSql", floorDb]);
        await using var one = await Server.StartAsync(host, Path.Combine(work, "pg-one"), FreePort(), [], OnPostgreSql(oneDb));
        await using var twoA = await Server.StartAsync(host, Path.Combine(work, "pg-two-a"), FreePort(), [], OnPostgreSql(twoDb));
        await using var twoB = await Server.StartAsync(host, Path.Combine(work, "pg-two-b"), FreePort(), [], OnPostgreSql(twoDb));
        Server[] single = [one], pair = [twoA, twoB];
        await WarmUpAsync(pgFloor, "floor (d), PostgreSQL", () => Load.RunAsync(pgFloor.Address, clients, seconds, ef));
        await WarmUpAsync(one, "one host on PostgreSQL", () => PgAcceptRateAsync(single, oneDb));
        foreach (var h in pair) await WarmUpAsync(h, "two hosts on PostgreSQL", () => PgAcceptRateAsync(pair, twoDb));

        // Where the time goes with two hosts: CPU used by the hosts, by PostgreSQL's processes and by this driver, as shares of the machine's.
        var cpu = new List<(double Hosts, double PostgreSql, double Driver)>();
        var rates = await InTurnsAsync(
            () => RateAsync(pgFloor, ef, 201),
            () => PgAcceptRateAsync(single, oneDb),
            async () =>
            {
                var (hostsBefore, pgBefore, driverBefore) = (pair.Sum(h => h.CpuTicksUsed), PostgreSqlTicks(), Server.Ticks("/proc/self/stat"));
                var watch = Stopwatch.StartNew();
                var rate = await PgAcceptRateAsync(pair, twoDb, drain: false);
                var machine = watch.Elapsed.TotalSeconds * 100 * Environment.ProcessorCount; // clock ticks are 1/100 s
                cpu.Add(((pair.Sum(h => h.CpuTicksUsed) - hostsBefore) / machine, (PostgreSqlTicks() - pgBefore) / machine, (Server.Ticks("/proc/self/stat") - driverBefore) / machine));
                await PgDrainedAsync(twoDb);
                return rate;
            });
        var (pgEf, oneRate, twoRate) = (rates[0], rates[1], rates[2]);
        rows.Add(("7. PostgreSQL: booking accept rate, 1 host (201/s)", F(oneRate), $"(d) EF insert on PostgreSQL {F(pgEf)}", R(oneRate / pgEf), ""));
        rows.Add(("   2 hosts on the same PostgreSQL", F(twoRate), $"1 host {F(oneRate)}", R(twoRate / oneRate), ""));
        rows.Add(("   1 host on PostgreSQL against SQLite", F(oneRate), $"SQLite {F(sqliteAccept)}", R(oneRate / sqliteAccept), ""));
        rows.Add(("   CPU with 2 hosts: hosts / PostgreSQL / driver (share of the machine)",
            $"{Stats.Median(cpu.Select(c => c.Hosts)):P0} / {Stats.Median(cpu.Select(c => c.PostgreSql)):P0} / {Stats.Median(cpu.Select(c => c.Driver)):P0}", "", "", ""));

        var offered = oneRate / 2;
        foreach (var (name, servers, db) in new[] { ("1 host", single, oneDb), ("2 hosts", pair, twoDb) })
        {
            var settledBefore = PgCount(db, """SELECT COUNT(*) FROM dashboard.bookings WHERE "VaccineType" IS NOT NULL""");
            var startedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var sustained = TimeSpan.FromSeconds(smoke ? 2 : 15);
            var loads = await Task.WhenAll(servers.Select(s => OpenLoad.RunAsync(s.Address, offered / servers.Length, sustained, Reserve)));
            var endedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await PgDrainedAsync(db);
            var settledBookings = PgCount(db, """SELECT COUNT(*) FROM dashboard.bookings WHERE "VaccineType" IS NOT NULL""") - settledBefore;
            var last = PgCount(db, """SELECT COALESCE(MAX("DeliveredAtMs"), 0) FROM outbox.deliveries WHERE "Status" = 1""");
            var settledRate = settledBookings / ((last - startedMs) / 1000.0);
            var slowest = PgCount(db, $"""
                SELECT COALESCE(MAX(p99), 0)::bigint FROM (
                  SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY d."DeliveredAtMs" - m."OccurredAtMs") AS p99
                  FROM outbox.deliveries d JOIN outbox.messages m ON m."Id" = d."MessageId"
                  WHERE d."Status" = 1 AND m."OccurredAtMs" BETWEEN {startedMs} AND {endedMs} GROUP BY d."Consumer") AS x
                """);
            rows.Add(($"   settled rate, {name} (bookings/s)", F(settledRate), $"offered {F(offered)} (½ of 1 host's accept), {loads.Sum(l => l.Count(201) + l.Count(202))} booked",
                R(settledRate / offered), ""));
            rows.Add(($"   commit → slowest consumer p99, {name} (ms)", F(slowest), "", "", ""));
        }
    }
}

// bench/compare: builds of the service side by side, each measure's runs taking turns across the builds, so that a
// change is measured against the code before it in the same minutes rather than against a full run of another hour.
async Task<int> CompareAsync()
{
    var builds = baselines.Append((Name: "this", Program: host)).ToList();
    Console.WriteLine($"K-Vaccine comparison: {string.Join(", ", builds.Select(b => b.Name))}; {runs} run(s) of {seconds.TotalSeconds:0} s, {clients} clients");
    var starts = builds.Select(_ => new List<double>()).ToArray();
    for (var i = 1; i <= 3; i++)
        for (var b = 0; b < builds.Count; b++)
        {
            await using var fresh = await Server.StartAsync(builds[b].Program, Path.Combine(work, $"{builds[b].Name}-start-{i}"), FreePort(), [], ServiceSettings);
            starts[b].Add(fresh.TimeToReady.TotalMilliseconds);
        }
    var full = new List<Server>();
    var decisions = new List<Server>();
    try
    {
        foreach (var (name, program) in builds)
        {
            full.Add(await Server.StartAsync(program, Path.Combine(work, name), FreePort(), [], ServiceSettings));
            decisions.Add(await Server.StartAsync(program, Path.Combine(work, $"{name}-decisions"), FreePort(), [], s =>
            {
                ServiceSettings(s);
                foreach (var module in new[] { "Hospital", "Stock", "Dashboard" }) s["Modules"]![module]!["Enabled"] = false;
            }));
        }
        for (var b = 0; b < builds.Count; b++)
        {
            var (service, decisionOnly) = (full[b], decisions[b]);
            await WarmUpAsync(service, $"{builds[b].Name}, bookings", () => AcceptRateAsync(service));
            await WarmUpAsync(service, $"{builds[b].Name}, dates", () => Load.RunAsync(service.Address, clients, seconds, Dates));
            await WarmUpAsync(decisionOnly, $"{builds[b].Name}, decisions only", () => AcceptRateAsync(decisionOnly, PendingDecisions));
        }
        var measures = new (string Name, Func<int, Task<double>> Run)[]
        {
            ("booking accept rate (201/s)", b => AcceptRateAsync(full[b])),
            ("decisions only (201/s)", b => AcceptRateAsync(decisions[b], PendingDecisions)),
            ("available dates (200/s)", b => RateAsync(full[b], Dates, 200)),
        };
        var results = measures.Select(_ => builds.Select(_ => new List<double>()).ToArray()).ToArray();
        for (var i = 0; i < runs; i++)
            for (var m = 0; m < measures.Length; m++)
                for (var b = 0; b < builds.Count; b++)
                {
                    results[m][b].Add(await measures[m].Run(b));
                    Console.WriteLine($"  ({measures[m].Name}, {builds[b].Name}: {F(results[m][b][^1])})");
                }
        var table = new StringBuilder();
        table.AppendLine($"| measure | {string.Join(" | ", builds.Select(b => b.Name))} |");
        table.AppendLine($"|---|{string.Concat(builds.Select(_ => "---|"))}");
        void Row(string measure, IReadOnlyList<double> values) =>
            table.AppendLine($"| {measure} | {string.Join(" | ", values.Select((v, b) => b == 0 ? F(v) : $"{F(v)} ({R(v / values[0])})"))} |");
        for (var m = 0; m < measures.Length; m++)
        {
            Row($"{measures[m].Name}, median of {runs}", results[m].Select(Stats.Median).ToList());
            table.AppendLine($"|    range | {string.Join(" | ", results[m].Select(r => $"{F(r.Min())}–{F(r.Max())}"))} |");
        }
        Row("peak RSS under load (MB)", full.Select(s => s.PeakRssMb).ToList());
        Row("   RSS at the end: anonymous (MB)", full.Select(s => s.RssNowMb.Anonymous).ToList());
        Row("   RSS at the end: mapped files, the database's included (MB)", full.Select(s => s.RssNowMb.Files).ToList());
        Row("start to /health/ready (ms), median of 3", starts.Select(Stats.Median).ToList());
        Console.WriteLine(table);
        File.WriteAllText(Path.Combine(work, "compare.md"), table.ToString());
        return 0;
    }
    finally
    {
        foreach (var server in full.Concat(decisions)) await server.DisposeAsync();
    }
}

// Rounds of a load until the process's background compiler has settled (Server.WarmUpAsync); not counted.
async Task WarmUpAsync(Server server, string what, Func<Task> round)
{
    var watch = Stopwatch.StartNew();
    var rounds = await server.WarmUpAsync(round, maxWarmUpRounds);
    Console.WriteLine($"  ({what}: warm after {rounds} round(s) of load, {watch.Elapsed.TotalSeconds:0} s)");
}

// Each measure's runs in turns with the others' (a run of each, then again), and the median of each measure's runs.
async Task<double[]> InTurnsAsync(params Func<Task<double>>[] measures)
{
    var results = measures.Select(_ => new List<double>()).ToArray();
    for (var i = 0; i < runs; i++)
        for (var m = 0; m < measures.Length; m++)
            results[m].Add(await measures[m]());
    return results.Select(Stats.Median).ToArray();
}

async Task<double> RateAsync(Server server, Func<int, long, HttpRequestMessage> request, int status) =>
    (await Load.RunAsync(server.Address, clients, seconds, request)).Rate(status);

// Bookings answered 201 in a closed-loop run; the deliveries it left behind are drained before the next run, so every
// run starts from the same place.
async Task<double> AcceptRateAsync(Server server, string pending = PendingDeliveries)
{
    var rate = await RateAsync(server, Reserve, 201);
    await DrainedAsync(server.Folder, pending);
    return rate;
}

// gRPC beside REST: the same use cases through the partners' contract on the same service, against the same
// requests over REST, in turns: bookings, and one site's dates (GET /user/sites/1/dates, ListDates).
async Task GrpcBesideRestAsync(Server server)
{
    HttpRequestMessage FirstSiteDates(int client, long n) => new(HttpMethod.Get, "/user/sites/1/dates");
    await WarmUpAsync(server, "service, bookings", () => AcceptRateAsync(server));
    await WarmUpAsync(server, "service, bookings over gRPC", () => GrpcAcceptRateAsync(server));
    await WarmUpAsync(server, "service, a site's dates", () => Load.RunAsync(server.Address, clients, seconds, FirstSiteDates));
    await WarmUpAsync(server, "service, a site's dates over gRPC", () => GrpcLoad.RunAsync(grpcAddress, clients, seconds, ListDatesAsync));
    var rates = await InTurnsAsync(
        () => AcceptRateAsync(server),
        () => GrpcAcceptRateAsync(server),
        () => RateAsync(server, FirstSiteDates, 200),
        async () => (await GrpcLoad.RunAsync(grpcAddress, clients, seconds, ListDatesAsync)).Rate(200));
    rows.Add(("9. booking accept rate over gRPC (decided/s)", F(rates[1]), $"REST {F(rates[0])}", R(rates[1] / rates[0]), "≥ 0.90"));
    rows.Add(("   a site's dates over gRPC (OK/s)", F(rates[3]), $"REST {F(rates[2])}", R(rates[3] / rates[2]), "≥ 0.90"));
}

// Book over gRPC, as Reserve over REST: a decided booking counts as REST's 201, a pending one as its 202.
async Task<double> GrpcAcceptRateAsync(Server server)
{
    var rate = (await GrpcLoad.RunAsync(grpcAddress, clients, seconds, async (channel, n) =>
    {
        var reply = await new KVaccine.Grpc.V1.Bookings.BookingsClient(channel).BookAsync(new KVaccine.Grpc.V1.BookRequest
        {
            Citizen = new() { UserName = $"Bench {n}", UserRegNumber = RegNumber(n) },
            ReserveDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(1 + (int)(n % 30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        return reply.ReserveStatus == "PENDING" ? 202 : 201;
    })).Rate(201);
    await DrainedAsync(server.Folder, PendingDeliveries);
    return rate;
}

async Task<int> ListDatesAsync(global::Grpc.Net.Client.GrpcChannel channel, long n)
{
    await new KVaccine.Grpc.V1.Availability.AvailabilityClient(channel).ListDatesAsync(new KVaccine.Grpc.V1.ListDatesRequest { SiteId = 1 });
    return 200;
}

HttpRequestMessage Reserve(int client, long n) => new(HttpMethod.Post, "/user/reserve")
{
    Content = JsonContent.Create(new
    {
        userName = $"Bench {n}",
        userRegNumber = RegNumber(n),
        reserveDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(1 + (int)(n % 30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    }),
};

HttpRequestMessage Dates(int client, long n) => new(HttpMethod.Post, "/user/date")
{
    Content = JsonContent.Create(new { userName = "Bench Dates", userRegNumber = "890309-2766876" }),
};

// The page a signed-in citizen chooses a date on, as a browser asks for it: signed in once on the sign-in page (its
// antiforgery token and the citizen's cookie), then the default site's dates with that cookie.
async Task<Func<int, long, HttpRequestMessage>> DatesPageAsync(Server server)
{
    using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.Address };
    using var form = await http.GetAsync("/");
    var html = await form.Content.ReadAsStringAsync();
    var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    using var signIn = new HttpRequestMessage(HttpMethod.Post, "/")
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "Bench Dates", ["UserRegNumber"] = "890309-2766876", ["__RequestVerificationToken"] = token }),
    };
    signIn.Headers.Add("Cookie", antiforgery);
    using var signedIn = await http.SendAsync(signIn);
    var citizen = signedIn.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).Where(c => c.StartsWith("kv-citizen", StringComparison.Ordinal)).ToList() : [];
    if (citizen.Count == 0) throw new InvalidOperationException($"Signing in on the page answered {(int)signedIn.StatusCode} without the citizen's cookie.");
    var cookie = string.Join("; ", citizen);
    return (_, _) => new HttpRequestMessage(HttpMethod.Get, "/book?siteId=1") { Headers = { { "Cookie", cookie } } };
}

// A distinct valid RRN per request: born on one of 3650 days after 2000-01-01 (sex digit 3), serial n.
static string RegNumber(long n)
{
    var birth = new DateOnly(2000, 1, 1).AddDays((int)(n / 1_000_000 % 3650) + (Environment.ProcessId % 100));
    return $"{birth:yyMMdd}-3{n % 1_000_000:D6}";
}

void ServiceSettings(JsonObject s)
{
    s["Serilog"]!["MinimumLevel"]!["Default"] = "Warning";
    // Builds from before sites (bench/compare) read their places per day from DailyCapacity.
    if (s["Reservation"]!["Sites"] is null) s["Reservation"]!["DailyCapacity"] = 1_000_000;
    else TestSites.OneSlotADay(s, 1_000_000);
    foreach (var type in s["Stock"]!["Initial"]!.AsObject().Select(t => t.Key).ToList()) s["Stock"]!["Initial"]![type] = 100_000_000;
    foreach (var budget in new[] { "Dates", "Booking", "Injection" })
        s["RateLimits"]![budget] = new JsonObject { ["PerClientPerSecond"] = 1_000_000, ["Concurrency"] = 100_000 };
}

async Task DrainedAsync(string folder, string pending = PendingDeliveries)
{
    var deadline = Stopwatch.StartNew();
    while (Count(folder, pending) > 0)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("The outbox did not drain in 5 minutes.");
        await Task.Delay(50); // polling the database of a running process for the end of its backlog
    }
}

async Task<List<double>> SampleBacklogAsync(string folder, CancellationToken stop)
{
    var samples = new List<double>();
    using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
    try
    {
        while (await tick.WaitForNextTickAsync(stop))
            samples.Add(Count(folder, PendingDeliveries));
    }
    catch (OperationCanceledException)
    {
    }
    return samples;
}

// Bookings settled per second: those whose vaccine reached the dashboard, over the time from the first request to
// the last delivery. Lags: for events committed during the run, from commit to each consumer's applying it.
(double Rate, List<(string Consumer, double P50, double P99)> Lags) Settled(string folder, long startedMs, long endedMs, long settledBefore)
{
    using var db = Open(folder);
    using var command = db.CreateCommand();
    command.CommandText = "SELECT d.Consumer, d.DeliveredAtMs - m.OccurredAtMs, d.DeliveredAtMs FROM outbox_deliveries d JOIN outbox_messages m ON m.Id = d.MessageId " +
                          "WHERE d.Status = 1 AND m.OccurredAtMs BETWEEN $from AND $to";
    command.Parameters.AddWithValue("$from", startedMs);
    command.Parameters.AddWithValue("$to", endedMs);
    var lags = new Dictionary<string, List<double>>();
    long last = 0;
    using (var reader = command.ExecuteReader())
    {
        while (reader.Read())
        {
            var consumer = reader.GetString(0);
            if (!lags.TryGetValue(consumer, out var list)) lags[consumer] = list = [];
            list.Add(reader.GetInt64(1));
            last = Math.Max(last, reader.GetInt64(2));
        }
    }
    var settledBookings = Count(folder, SettledBookings) - settledBefore;
    last = Math.Max(last, Count(folder, "SELECT MAX(DeliveredAtMs) FROM outbox_deliveries WHERE Status = 1"));
    var span = (last - startedMs) / 1000.0;
    return (settledBookings / span, lags.OrderBy(l => l.Key).Select(l => (l.Key, Stats.Percentile(l.Value, 50), Stats.Percentile(l.Value, 99))).ToList());
}

void Seed(string folder, int count)
{
    using var db = Open(folder);
    using var tx = db.BeginTransaction();
    using var citizen = db.CreateCommand();
    citizen.CommandText = "INSERT INTO user_citizens (Id, CreatedAt, MaskedRegNumber, Name, RegNumberHash) VALUES ($id, '2025-01-01 00:00:00+00:00', '850101-1******', $name, $hash)";
    using var booking = db.CreateCommand();
    booking.CommandText = "INSERT INTO user_bookings (Id, CitizenId, RequestedAt, ReserveDate, Status, VaccineType, InjectDate) VALUES ($id, $id, '2025-01-01 00:00:00+00:00', $date, 'INJECT', 'Pfizer', $date)";
    using var dashboard = db.CreateCommand();
    dashboard.CommandText = "INSERT INTO dashboard_bookings (BookingId, UserId, UserName, MaskedRegNumber, ReserveDate, ReserveStatus, VaccineType, InjectDate) VALUES ($id, $id, $name, '850101-1******', $date, 'INJECT', 'Pfizer', $date)";
    using var hospital = db.CreateCommand();
    hospital.CommandText = "INSERT INTO hospital_bookings (BookingId, UserId, UserName, MaskedRegNumber, ReserveDate, Status, VaccineType, TriedTypes, InjectDate) VALUES ($id, $id, $name, '850101-1******', $date, 'INJECT', 'Pfizer', 'Pfizer', $date)";
    using var record = db.CreateCommand();
    record.CommandText = "INSERT INTO reservation_records (BookingId, UserId, ReserveDate, State, DecidedAt) VALUES ($id, $id, $date, 'Accepted', '2025-01-01 00:00:00+00:00')";
    var commands = new[] { citizen, booking, dashboard, hospital, record };
    foreach (var c in commands)
    {
        c.Transaction = tx;
        foreach (var p in new[] { "$id", "$name", "$hash", "$date" }) if (c.CommandText.Contains(p)) c.Parameters.Add(new SqliteParameter(p, null));
    }
    for (var i = 1; i <= count; i++)
    {
        var date = new DateOnly(2025, 1, 1).AddDays(i % 300).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var c in commands)
        {
            c.Parameters["$id"].Value = i + 10_000_000L;
            if (c.Parameters.Contains("$name")) c.Parameters["$name"].Value = $"Seeded {i}";
            if (c.Parameters.Contains("$hash")) c.Parameters["$hash"].Value = $"SEEDED{i:D58}";
            if (c.Parameters.Contains("$date")) c.Parameters["$date"].Value = date;
            c.ExecuteNonQuery();
        }
    }
    tx.Commit();
}

long Count(string folder, string sql)
{
    using var db = Open(folder);
    using var command = db.CreateCommand();
    command.CommandText = sql;
    return (long)command.ExecuteScalar()!;
}

SqliteConnection Open(string folder)
{
    var db = new SqliteConnection($"Data Source={Path.Combine(folder, "data", "kvaccine.db")};Default Timeout=30");
    db.Open();
    return db;
}

// Bookings answered 201 by the servers together (the clients split between them), closed loop; the backlog drained after.
async Task<double> PgAcceptRateAsync(Server[] servers, string db, bool drain = true)
{
    var results = await Task.WhenAll(servers.Select(s => Load.RunAsync(s.Address, Math.Max(1, clients / servers.Length), seconds, Reserve)));
    if (drain) await PgDrainedAsync(db);
    return results.Sum(r => r.Rate(201));
}

async Task PgDrainedAsync(string db)
{
    var deadline = Stopwatch.StartNew();
    while (PgCount(db, """SELECT COUNT(*) FROM outbox.deliveries WHERE "Status" = 0""") > 0)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("The outbox did not drain in 5 minutes.");
        await Task.Delay(50); // polling the database of running processes for the end of their backlog
    }
}

static long PgCount(string db, string sql)
{
    using var connection = new Npgsql.NpgsqlConnection(db);
    connection.Open();
    using var command = new Npgsql.NpgsqlCommand(sql, connection);
    return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
}

// CPU time of every process named postgres (the cluster's server and its backends), in clock ticks.
static long PostgreSqlTicks()
{
    long total = 0;
    foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsDigit)))
    {
        try
        {
            if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "postgres") total += Server.Ticks(Path.Combine(dir, "stat"));
        }
        catch (IOException) { } // the process ended while being read
        catch (UnauthorizedAccessException) { }
    }
    return total;
}

static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString(v >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
static string R(double v) => double.IsNaN(v) || double.IsInfinity(v) ? "n/a" : v.ToString("0.00", CultureInfo.InvariantCulture);

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "KVaccine.sln"))) return dir.FullName;
    throw new DirectoryNotFoundException("Run bench/run from the repository.");
}
