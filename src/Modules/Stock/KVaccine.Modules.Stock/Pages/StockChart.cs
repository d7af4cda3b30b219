using KVaccine.Modules.Stock.Inventory;

namespace KVaccine.Modules.Stock.Pages;

/// <summary>
/// The stock chart's geometry: a bar per vaccine type, scaled so that the largest count and twice the low mark both
/// fit, and a line at the low mark. Drawn as SVG on the server, like the dashboard's: no script, nothing inline.
/// </summary>
internal sealed class StockChart(IReadOnlyList<StockLevels.Level> levels, int lowMark)
{
    public const int Row = 32;
    public const int BarHeight = 20;
    public const int LabelWidth = 110;
    public const int BarSpace = 360;
    public const int Width = LabelWidth + BarSpace + 90;

    public IReadOnlyList<StockLevels.Level> Levels => levels;

    public int LowMark => lowMark;

    public int Height => Math.Max(1, levels.Count) * Row;

    private double Scale => Math.Max(1, Math.Max(levels.Select(l => l.Count).DefaultIfEmpty().Max(), 2 * lowMark));

    public int Length(int doses) => doses == 0 ? 0 : Math.Max(2, (int)Math.Round(doses / Scale * BarSpace));

    public int MarkX => LabelWidth + Length(lowMark);

    public int Y(int index) => index * Row + (Row - BarHeight) / 2;
}
