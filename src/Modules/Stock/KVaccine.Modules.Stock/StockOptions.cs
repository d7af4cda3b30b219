using KVaccine.Modules.Stock.Inventory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Stock;

internal sealed class StockOptions
{
    public const string Section = "Stock";

    /// <summary>
    /// <c>Stock:Initial:&lt;Type&gt;</c>: the doses a vaccine type starts with, applied once, on its first start. A type
    /// on the service's <c>VaccineTypes</c> list that is not named here starts with none.
    /// </summary>
    public Dictionary<string, int> Initial { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>Stock:LowMark</c>: at this many doses or fewer a vaccine type's stock is low (the operators' chart marks it).</summary>
    public int LowMark { get; set; } = 100;

    public bool IsLow(int doses) => doses <= LowMark;

    /// <summary>A count that is not a whole number (or past an int's range) is kept as -1, so validation names its key.</summary>
    public static void Bind(StockOptions options, IConfigurationSection section)
    {
        foreach (var entry in section.GetSection("Initial").GetChildren())
            options.Initial[entry.Key] = int.TryParse(entry.Value, out var doses) ? doses : -1;
        if (section["LowMark"] is { } mark) options.LowMark = int.TryParse(mark, out var doses) ? doses : -1;
    }

    internal sealed class Validator : IValidateOptions<StockOptions>
    {
        public ValidateOptionsResult Validate(string? name, StockOptions options) =>
            options.Initial.Where(i => i.Value is < 0 or > VaccineStock.MaxCount)
                    .Select(i => $"{Section}:Initial:{i.Key}: give a whole number of doses, from 0 to {VaccineStock.MaxCount}.")
                    .Concat(options.LowMark is < 0 or > VaccineStock.MaxCount ? [$"{Section}:LowMark: give a whole number of doses, from 0 to {VaccineStock.MaxCount}."] : [])
                    .ToList() is { Count: > 0 } wrong
                ? ValidateOptionsResult.Fail(wrong)
                : ValidateOptionsResult.Success;
    }
}
